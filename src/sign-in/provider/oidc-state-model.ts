import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One record of the OpenID Connect provider's state (sessions, interactions, grants, codes,
 * tokens), stored under the SHA-256 of its id: a database reader holds no usable code, token or
 * session cookie. Every tenant's provider shares the collection; every query names the tenant.
 */
export interface OidcStateDoc {
  _id: string;
  tenantId: string;
  /** The oidc-provider model: Session, Grant, AuthorizationCode, RefreshToken, … */
  kind: string;
  /** The model's payload without its `jti` (the id itself, which only its holder knows). */
  payload: Record<string, unknown>;
  /** For revocation of everything a grant issued, and of everything a user holds. */
  grantId?: string;
  accountId?: string;
  uid?: string;
  consumedAt?: Date;
  /** Read as expired at once; the TTL index removes it a little later. */
  expiresAt: Date;
}

const schema = new Schema<OidcStateDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    grantId: String,
    accountId: String,
    uid: String,
    consumedAt: Date,
    expiresAt: { type: Date, required: true },
  },
  { collection: 'oidc_state', versionKey: false, minimize: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
schema.index(
  { tenantId: 1, grantId: 1 },
  { partialFilterExpression: { grantId: { $exists: true } } },
);
schema.index(
  { tenantId: 1, accountId: 1 },
  { partialFilterExpression: { accountId: { $exists: true } } },
);
schema.index({ tenantId: 1, uid: 1 }, { partialFilterExpression: { uid: { $exists: true } } });

export function createOidcStateModel(conn: Connection): Model<OidcStateDoc> {
  return (conn.models.OidcState as Model<OidcStateDoc>) ?? conn.model('OidcState', schema);
}
