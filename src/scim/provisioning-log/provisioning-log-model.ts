import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** One SCIM request as the tenant's identity provider made it, without bodies or credentials. */
export interface ProvisioningEntry {
  tenantId: string;
  at: Date;
  /** The SCIM token's label ("Entra ID", "Okta"). */
  connector: string;
  method: string;
  path: string;
  resourceType: string;
  resourceId?: string;
  userName?: string;
  status: number;
  scimType?: string;
  /** The SCIM Error `detail` the client was sent (errors only). */
  detail?: string;
  durationMs: number;
  requestId: string;
}

export interface ProvisioningEntryDoc extends ProvisioningEntry {
  _id: Types.ObjectId;
  /** userName lower-cased, for the case-insensitive "what did we tell Entra about …" filter. */
  userNameKey?: string;
  /** Removed by the TTL index after PROVISIONING_LOG_DAYS. */
  expiresAt: Date;
}

const schema = new Schema<ProvisioningEntryDoc>(
  {
    tenantId: { type: String, required: true },
    at: { type: Date, required: true },
    connector: String,
    method: String,
    path: String,
    resourceType: String,
    resourceId: String,
    userName: String,
    userNameKey: String,
    status: Number,
    scimType: String,
    detail: String,
    durationMs: Number,
    requestId: String,
    expiresAt: Date,
  },
  { collection: 'provisioning_log', versionKey: false },
);
schema.index({ tenantId: 1, at: -1, _id: -1 });
schema.index({ tenantId: 1, userNameKey: 1, at: -1 });
schema.index({ tenantId: 1, resourceId: 1, at: -1 });
// The retention is stored per entry, so changing it needs no index rebuild.
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function createProvisioningLogModel(conn: Connection): Model<ProvisioningEntryDoc> {
  return (
    (conn.models.ProvisioningEntry as Model<ProvisioningEntryDoc> | undefined) ??
    conn.model<ProvisioningEntryDoc>('ProvisioningEntry', schema)
  );
}
