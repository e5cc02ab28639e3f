import type { mongo } from 'mongoose';
import { membershipId, type MembershipDoc, type MembershipModel } from '../groups/group-model';

export interface MemberRef {
  value: string;
  type?: string;
}

const MAX_NESTING = 10;
const BATCH = 1000;

/**
 * Group memberships (their own collection), always scoped by tenant.
 *
 * A user is created with `noGroups: true` (a new user is in no group). The flag is removed
 * *before* a membership of the user is written, so it is never wrong when it is there: a page
 * of users that all carry it needs no membership lookup. Once removed it stays removed (a user
 * who left every group just costs one lookup), and users stored before the flag existed have
 * no flag and are always looked up.
 */
export function createMembershipRepository(
  Membership: MembershipModel,
  users: mongo.Collection<mongo.Document>,
  now: () => Date,
) {
  const collection = Membership.collection;

  /** Adds members idempotently (an existing membership is left as it is). */
  async function addMembers(
    tenantId: string,
    groupId: string,
    members: Array<{ id: string; type: 'User' | 'Group' }>,
  ) {
    for (let i = 0; i < members.length; i += BATCH) {
      const slice = members.slice(i, i + BATCH);
      const userIds = slice.filter((m) => m.type === 'User').map((m) => m.id);
      if (userIds.length > 0) {
        await users.updateMany({ _id: { $in: userIds }, tenantId, noGroups: true } as never, {
          $unset: { noGroups: '' },
        });
      }
      const docs = slice.map((m) => ({
        _id: membershipId(tenantId, groupId, m.id),
        tenantId,
        groupId,
        memberId: m.id,
        type: m.type,
        createdAt: now(),
      }));
      try {
        await collection.insertMany(docs as never[], { ordered: false });
      } catch (error) {
        // An existing membership is a duplicate key: adding a member twice is idempotent.
        const writeErrors = (error as { writeErrors?: Array<{ code?: number }>; code?: number })
          .writeErrors;
        const codes = writeErrors
          ? writeErrors.map((e) => e.code)
          : [(error as { code?: number }).code];
        if (codes.some((c) => c !== 11000)) throw error;
      }
    }
  }

  /** Removing an absent member is not an error. */
  async function removeMembers(
    tenantId: string,
    groupId: string,
    memberIds: string[],
  ): Promise<void> {
    for (let i = 0; i < memberIds.length; i += BATCH) {
      const ids = memberIds.slice(i, i + BATCH).map((m) => membershipId(tenantId, groupId, m));
      await collection.deleteMany({ _id: { $in: ids }, tenantId } as never);
    }
  }

  /** Which of `memberIds` are members of the group now. */
  async function presentMembers(
    tenantId: string,
    groupId: string,
    memberIds: string[],
  ): Promise<Set<string>> {
    const present = new Set<string>();
    for (let i = 0; i < memberIds.length; i += BATCH) {
      const ids = memberIds.slice(i, i + BATCH).map((m) => membershipId(tenantId, groupId, m));
      const docs = await collection
        .find({ _id: { $in: ids }, tenantId } as never, { projection: { memberId: 1 } })
        .toArray();
      for (const doc of docs) present.add(String(doc.memberId));
    }
    return present;
  }

  async function removeAllMembers(tenantId: string, groupId: string): Promise<void> {
    await collection.deleteMany({ tenantId, groupId });
  }

  /** A deleted user or group leaves every group it was in. */
  async function removeMemberEverywhere(tenantId: string, memberId: string): Promise<void> {
    await collection.deleteMany({ tenantId, memberId });
  }

  async function membersOf(tenantId: string, groupId: string): Promise<MembershipDoc[]> {
    return (await collection
      .find({ tenantId, groupId })
      .sort({ _id: 1 })
      .toArray()) as unknown as MembershipDoc[];
  }

  async function groupsWithMember(tenantId: string, memberId: string): Promise<string[]> {
    const docs = await collection
      .find({ tenantId, memberId }, { projection: { groupId: 1 } })
      .toArray();
    return docs.map((d) => String(d.groupId));
  }

  /**
   * RFC 7643 §4.1.2 `groups`: the groups each member is in, directly or through nested groups
   * (cycles and depth are bounded).
   */
  async function groupsOfMembers(
    tenantId: string,
    memberIds: string[],
  ): Promise<Map<string, Array<{ groupId: string; direct: boolean }>>> {
    const result = new Map<string, Array<{ groupId: string; direct: boolean }>>();
    if (memberIds.length === 0) return result;
    const direct = await collection
      .find({ tenantId, memberId: { $in: memberIds } }, { projection: { groupId: 1, memberId: 1 } })
      .toArray();
    const parentsOf = new Map<string, Set<string>>();
    let frontier = new Set(direct.map((d) => String(d.groupId)));
    for (let depth = 0; depth < MAX_NESTING && frontier.size > 0; depth++) {
      const unseen = [...frontier].filter((g) => !parentsOf.has(g));
      if (unseen.length === 0) break;
      const rows = await collection
        .find(
          { tenantId, memberId: { $in: unseen }, type: 'Group' },
          { projection: { groupId: 1, memberId: 1 } },
        )
        .toArray();
      for (const g of unseen) parentsOf.set(g, new Set());
      for (const row of rows) parentsOf.get(String(row.memberId))!.add(String(row.groupId));
      frontier = new Set(rows.map((r) => String(r.groupId)));
    }
    for (const memberId of memberIds) {
      const mine = direct.filter((d) => d.memberId === memberId).map((d) => String(d.groupId));
      const seen = new Map<string, boolean>(mine.map((g) => [g, true]));
      const queue = [...mine];
      while (queue.length > 0) {
        const g = queue.shift()!;
        for (const parent of parentsOf.get(g) ?? []) {
          if (!seen.has(parent)) {
            seen.set(parent, false);
            queue.push(parent);
          }
        }
      }
      result.set(
        memberId,
        [...seen].map(([groupId, isDirect]) => ({ groupId, direct: isDirect })),
      );
    }
    return result;
  }

  return {
    addMembers,
    removeMembers,
    presentMembers,
    removeAllMembers,
    removeMemberEverywhere,
    membersOf,
    groupsWithMember,
    groupsOfMembers,
  };
}

export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
