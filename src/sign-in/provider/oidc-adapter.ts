import type { Model } from 'mongoose';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import { sha256Hex } from '../../platform/crypto/secrets';
import type { OidcStateDoc } from './oidc-state-model';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * oidc-provider's storage contract (its `Adapter`) over one MongoDB collection, for one tenant.
 * Ids are stored hashed and dropped from the payload; `find` puts the id it was asked for back.
 * `consume` is one conditional update, so two exchanges of one code (or two uses of one refresh
 * token) cannot both pass: the loser is refused as a replay and the grant revoked, exactly as
 * oidc-provider does for a replay it sees itself.
 */
export function createStateAdapter(
  State: Model<OidcStateDoc>,
  tenantId: string,
  kind: string,
  now: () => Date,
): Adapter {
  const keyOf = (id: string) => sha256Hex(`${kind}:${tenantId}:${id}`);
  const collection = State.collection;
  const live = () => ({ tenantId, kind, expiresAt: { $gt: now() } });

  const read = (doc: OidcStateDoc | null, id: string): AdapterPayload | undefined => {
    if (!doc) return undefined;
    const payload = { ...doc.payload, jti: id } as AdapterPayload;
    if (doc.consumedAt) payload.consumed = seconds(doc.consumedAt);
    return payload;
  };
  const revokeGrant = (grantId: string) => collection.deleteMany({ tenantId, grantId });

  return {
    async upsert(id, payload, expiresIn) {
      const { jti: _jti, ...rest } = payload;
      const expiresAt = new Date(now().getTime() + (expiresIn ?? 3600) * 1000);
      const set: Partial<OidcStateDoc> = { tenantId, kind, payload: rest, expiresAt };
      if (typeof payload.grantId === 'string') set.grantId = payload.grantId;
      if (typeof payload.accountId === 'string') set.accountId = payload.accountId;
      if (typeof payload.uid === 'string') set.uid = payload.uid;
      await collection.updateOne({ _id: keyOf(id) } as never, { $set: set }, { upsert: true });
    },
    async find(id) {
      const doc = await collection.findOne({ _id: keyOf(id), ...live() } as never);
      return read(doc as OidcStateDoc | null, id);
    },
    async findByUid(uid) {
      const doc = (await collection.findOne({ uid, ...live() } as never)) as OidcStateDoc | null;
      // A session found by uid has no id to put back; oidc-provider reads its jti from the cookie.
      return doc ? ({ ...doc.payload } as AdapterPayload) : undefined;
    },
    async findByUserCode() {
      return undefined; // The device flow is not enabled.
    },
    async consume(id) {
      const claimed = await collection.updateOne(
        { _id: keyOf(id), ...live(), consumedAt: null } as never,
        { $set: { consumedAt: now() } },
      );
      if (claimed.modifiedCount === 1) return;
      const doc = (await collection.findOne({ _id: keyOf(id) } as never)) as OidcStateDoc | null;
      if (doc?.grantId) await revokeGrant(doc.grantId);
      throw new errors.InvalidGrant('already used');
    },
    async destroy(id) {
      await collection.deleteOne({ _id: keyOf(id) } as never);
    },
    async revokeByGrantId(grantId) {
      await revokeGrant(grantId);
    },
  };
}

/** Ends everything a user holds at a tenant's provider: sessions, grants, codes and tokens. */
export async function endUserState(
  State: Model<OidcStateDoc>,
  tenantId: string,
  accountId: string,
): Promise<number> {
  const removed = await State.collection.deleteMany({ tenantId, accountId });
  return removed.deletedCount;
}
