import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A user document: the SCIM attributes in their stored form (see src/scim/schemas/types.ts),
 * plus the fields only this server writes (source, welcome state, credentials).
 */
export interface UserDoc {
  _id: string;
  tenantId: string;
  userName: string;
  userName_lc: string;
  meta: { created: Date; lastModified: Date; version: number };
  source: 'scim' | 'admin';
  /** The SCIM token label or "Admin client" that created the user. */
  connector: string;
  passwordHash?: string;
  firstSignInAt?: Date;
  lastSignInAt?: Date;
  welcome: Record<string, unknown>;
  [attribute: string]: unknown;
}

const userSchema = new Schema(
  {
    _id: String,
    tenantId: { type: String, required: true },
  },
  { collection: 'users', strict: false, versionKey: false, minimize: false },
);
userSchema.index({ tenantId: 1, userName_lc: 1 }, { unique: true });
// A tenant's users in id order: unfiltered lists and cursor pages (keyset on _id) read it in
// order instead of sorting every user of the tenant.
userSchema.index({ tenantId: 1, _id: 1 });
userSchema.index({ tenantId: 1, externalId: 1 });
// The identity a user signed in with at the tenant's own identity provider (sign-in/upstream).
userSchema.index({ tenantId: 1, 'upstreamIdentity.sub': 1 }, { sparse: true });
userSchema.index({ tenantId: 1, 'emails.value_lc': 1 });
userSchema.index({ tenantId: 1, 'meta.created': -1 });
// RFC 7644 §3.4.2.3: `sortBy=userName` (either order) reads this index (see sort-keys.ts).
userSchema.index({ tenantId: 1, '_sortPresent.userName': -1, '_sort.userName': 1, _id: 1 });
userSchema.index({ 'welcome.state': 1, 'welcome.dueAt': 1 });
// The event relay finds documents holding unpublished events (src/events/relay-events.ts).
userSchema.index({ '_events.id': 1 }, { sparse: true });

export type UserModel = Model<UserDoc>;

export function createUserModel(conn: Connection): UserModel {
  return conn.model<UserDoc>('User', userSchema);
}

/** Fields of a user document that are not SCIM attributes. */
export const INTERNAL_USER_FIELDS = new Set([
  '_id',
  'tenantId',
  'meta',
  'source',
  'connector',
  'passwordHash',
  'firstSignInAt',
  'firstSignInMethod',
  'lastSignInAt',
  'welcome',
  'noGroups',
  'emailVerified',
  'upstreamIdentity',
]);
