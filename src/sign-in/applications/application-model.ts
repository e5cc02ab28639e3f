import { Schema, type Connection, type Model } from 'mongoose';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/** An application of a tenant that signs its users in through the tenant's provider. */
export interface ApplicationDoc {
  _id: string; // the OAuth client_id
  tenantId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Third-party initiated login (OpenID Connect Core §4): where a journey hands over to it. */
  initiateLoginUri: string | null;
  /** `none` for a public client (a single-page or native app); a secret otherwise. */
  tokenEndpointAuthMethod: ClientAuthMethod;
  /** AES-256-GCM of the client secret under APP_SECRET; the provider needs it back to compare. */
  sealedSecret: string | null;
  /** The secret's first characters, to recognise it in a list. */
  secretHint: string | null;
  scopes: string[];
  /** The tenant's default application: where a welcome or reset journey ends. */
  isDefault: boolean;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

const schema = new Schema<ApplicationDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    name: { type: String, required: true },
    redirectUris: { type: [String], default: [] },
    postLogoutRedirectUris: { type: [String], default: [] },
    initiateLoginUri: { type: String, default: null },
    tokenEndpointAuthMethod: { type: String, required: true },
    sealedSecret: { type: String, default: null },
    secretHint: { type: String, default: null },
    scopes: { type: [String], default: [] },
    isDefault: { type: Boolean, default: false },
    createdAt: Date,
    createdBy: String,
    updatedAt: Date,
  },
  { collection: 'applications', versionKey: false },
);
schema.index({ tenantId: 1, createdAt: 1 });

export function applicationModel(conn: Connection): Model<ApplicationDoc> {
  return (conn.models.Application as Model<ApplicationDoc>) ?? conn.model('Application', schema);
}
