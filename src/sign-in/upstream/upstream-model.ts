import { Schema, type Connection, type Model } from 'mongoose';

/** The claim of the tenant's identity provider that names the user, and the SCIM attribute it equals. */
export type UpstreamClaim = 'oid' | 'sub' | 'email' | 'preferred_username';
export type UpstreamAttribute = 'externalId' | 'userName';

/** A tenant's own OpenID Connect identity provider (Entra ID, Okta, …): one per tenant. */
export interface UpstreamConnectionDoc {
  _id: string; // the tenant id
  issuer: string;
  clientId: string;
  /** AES-256-GCM under APP_SECRET; shown never again after it is saved. */
  sealedSecret: string;
  secretHint: string;
  claim: UpstreamClaim;
  attribute: UpstreamAttribute;
  /** The discovery document as validated when saved (endpoints, JWKS URI, algorithms). */
  metadata: Record<string, unknown>;
  updatedAt: Date;
  updatedBy: string;
}

/** One upstream sign-in in progress: at most ten minutes, used once. */
export interface UpstreamFlowDoc {
  _id: string; // SHA-256 of the state
  tenantId: string;
  /** SHA-256 of the random value in the browser's binding cookie (login CSRF). */
  binding: string;
  sealedVerifier: string;
  nonce: string;
  /** Where the user goes on: back to a provider interaction, or the welcome journey's end. */
  returnTo: { interaction: string } | { journey: true };
  expiresAt: Date;
}

const connectionSchema = new Schema<UpstreamConnectionDoc>(
  {
    _id: String,
    issuer: String,
    clientId: String,
    sealedSecret: String,
    secretHint: String,
    claim: String,
    attribute: String,
    metadata: Schema.Types.Mixed,
    updatedAt: Date,
    updatedBy: String,
  },
  { collection: 'upstream_connections', versionKey: false, minimize: false },
);

const flowSchema = new Schema<UpstreamFlowDoc>(
  {
    _id: String,
    tenantId: String,
    binding: String,
    sealedVerifier: String,
    nonce: String,
    returnTo: Schema.Types.Mixed,
    expiresAt: Date,
  },
  { collection: 'upstream_flows', versionKey: false },
);
flowSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function upstreamModels(conn: Connection) {
  return {
    UpstreamConnection:
      (conn.models.UpstreamConnection as Model<UpstreamConnectionDoc>) ??
      conn.model('UpstreamConnection', connectionSchema),
    UpstreamFlow:
      (conn.models.UpstreamFlow as Model<UpstreamFlowDoc>) ??
      conn.model('UpstreamFlow', flowSchema),
  };
}

export type UpstreamModels = ReturnType<typeof upstreamModels>;
