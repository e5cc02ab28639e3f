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

/**
 * Successful reads (GET, and POST /.search) of one connector in one minute, counted in one
 * entry instead of stored one by one: `at` is the minute's start, `durationMs` the slowest.
 */
export interface ReadCounts {
  count: number;
  /** By what was read: "User get", "User list", "Group search", "ServiceProviderConfig get"… */
  byKind: Record<string, number>;
}

export interface ProvisioningEntryDoc extends ProvisioningEntry {
  _id: Types.ObjectId;
  /** Present on a minute's count of successful reads, absent on one request's entry. */
  reads?: ReadCounts;
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
    reads: { type: Schema.Types.Mixed, default: undefined },
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
