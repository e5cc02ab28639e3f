import { Schema, type Connection, type Model } from 'mongoose';

export type SignInMode = 'password' | 'sso' | 'both';

export interface TenantDoc {
  _id: string;
  displayName: string;
  defaultLanguage: string;
  /** Bumped to invalidate every SCIM JWT of the tenant at once. */
  jwtKeyVersion: number;
  /** Identity Manager: "Send Welcome Email" for SCIM-provisioned users. */
  sendWelcomeEmail: boolean;
  /** Admin client, Global preferences, System: "Send login emails to new users". */
  sendLoginEmailsToNewUsers: boolean;
  /** Identity Manager: "Remind users who have not signed in" after this many days (null: off). */
  welcomeReminderDays?: number | null;
  /**
   * How the tenant's SCIM users sign in: `password` (ours), `sso` (only through the tenant's
   * own identity provider; no local passwords for them) or `both`. Absent: `password`.
   */
  signInMode?: SignInMode;
  createdAt: Date;
}

export interface ScimTokenDoc {
  _id: string;
  tenantId: string;
  label: string;
  /** SHA-256 (hex) of the secret; the secret itself is shown once and never stored. */
  hash: string;
  /** First characters of the secret, to recognise it in a list. */
  hint: string;
  createdAt: Date;
  createdBy?: string;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

export interface RevokedJwtDoc {
  _id: string; // `${tenantId}:${jti}`
  tenantId: string;
  jti: string;
  revokedAt: Date;
}

export interface AdministratorDoc {
  _id: string;
  tenantId: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
}

export interface AuditDoc {
  tenantId: string;
  actor: string;
  action: string;
  target?: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

const tenantSchema = new Schema<TenantDoc>(
  {
    _id: String,
    displayName: { type: String, required: true },
    defaultLanguage: { type: String, default: 'en' },
    jwtKeyVersion: { type: Number, default: 1 },
    sendWelcomeEmail: { type: Boolean, default: false },
    sendLoginEmailsToNewUsers: { type: Boolean, default: false },
    welcomeReminderDays: { type: Number, default: null },
    signInMode: { type: String, default: 'password' },
    createdAt: { type: Date, required: true },
  },
  { collection: 'tenants', versionKey: false },
);

const scimTokenSchema = new Schema<ScimTokenDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    label: { type: String, required: true },
    hash: { type: String, required: true },
    hint: String,
    createdAt: Date,
    createdBy: String,
    lastUsedAt: Date,
    revokedAt: Date,
  },
  { collection: 'scim_tokens', versionKey: false },
);
scimTokenSchema.index({ hash: 1 }, { unique: true });
scimTokenSchema.index({ tenantId: 1, createdAt: -1 });

const revokedJwtSchema = new Schema<RevokedJwtDoc>(
  { _id: String, tenantId: String, jti: String, revokedAt: Date },
  { collection: 'revoked_scim_jwts', versionKey: false },
);

const administratorSchema = new Schema<AdministratorDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    email: { type: String, required: true },
    passwordHash: { type: String, required: true },
    createdAt: Date,
  },
  { collection: 'administrators', versionKey: false },
);
administratorSchema.index({ tenantId: 1, email: 1 }, { unique: true });
administratorSchema.index({ email: 1 });

const auditSchema = new Schema<AuditDoc>(
  {
    tenantId: { type: String, required: true },
    actor: String,
    action: String,
    target: String,
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
    at: Date,
  },
  { collection: 'audit_log', versionKey: false },
);
auditSchema.index({ tenantId: 1, at: -1 });

export interface TenantModels {
  Tenant: Model<TenantDoc>;
  ScimToken: Model<ScimTokenDoc>;
  RevokedJwt: Model<RevokedJwtDoc>;
  Administrator: Model<AdministratorDoc>;
  Audit: Model<AuditDoc>;
}

export function createTenantModels(conn: Connection): TenantModels {
  return {
    Tenant: conn.model<TenantDoc>('Tenant', tenantSchema),
    ScimToken: conn.model<ScimTokenDoc>('ScimToken', scimTokenSchema),
    RevokedJwt: conn.model<RevokedJwtDoc>('RevokedJwt', revokedJwtSchema),
    Administrator: conn.model<AdministratorDoc>('Administrator', administratorSchema),
    Audit: conn.model<AuditDoc>('Audit', auditSchema),
  };
}
