import { randomUUID } from 'node:crypto';
import type { Model, mongo } from 'mongoose';
import type { PendingDeletionDoc } from '../../events/event-models';
import { PENDING_EVENTS, pendingEvent, type PendingEvent } from '../../events/event-types';
import { notifying, type RelayRead } from '../../events/pending-events-signal';
import { retryTransient } from '../../platform/db/connect';
import { onlyDuplicates } from '../resource-repository';
import { membershipId, type MembershipDoc, type MembershipModel } from '../groups/group-model';

export interface MemberRef {
  value: string;
  type?: string;
}

const MAX_NESTING = 10;
/**
 * Rows written, read or removed at a time. 1,000 rows with their events are ~720 KB of BSON,
 * 10–45 ms of serialising or parsing the event loop cannot interrupt; 200 keep each step short.
 */
const BATCH = 200;

/** The group a membership is written into, as its rows describe it. */
export interface MembershipGroup {
  id: string;
  displayName: string;
  /** False only when the group is known to be in no group (its `noGroups` flag). */
  inGroups: boolean;
  /** The group's version the membership change belongs to, for its event. */
  version?: number;
  connector?: string | null;
}

/** The group version and connector a removal's event carries. */
export interface RemovalContext {
  version?: number;
  connector?: string | null;
}

/** One group a member is in, directly or through nested groups (RFC 7643 §4.1.2 `groups`). */
export interface GroupOfMember {
  groupId: string;
  direct: boolean;
  display?: string;
}

/**
 * Group memberships (their own collection), always scoped by tenant.
 *
 * Users and groups are created with `noGroups: true` (new, so in no group). The flag is removed
 * *before* a membership of theirs is written, so it is never wrong when it is there: a page of
 * users that all carry it needs no membership lookup. Once removed it stays removed (one who
 * left every group just costs a lookup); documents stored before the flag are always looked up.
 * Each row also carries its group's displayName and whether that group is itself in a group,
 * so a user's `groups` come from one read when no nesting is involved. Every write here can be
 * made twice (inserts accept duplicates, updates and deletes are idempotent), so one the
 * database aborted in a collision with another write is made again (retryTransient).
 */
export function createMembershipRepository(
  Membership: MembershipModel,
  users: mongo.Collection<mongo.Document>,
  groups: mongo.Collection<mongo.Document>,
  deps: {
    now: () => Date;
    pendingDeletions: Model<PendingDeletionDoc>;
    /** Called after every write (each leaves events for the relay), with what the relay reads. */
    onEventsWritten?: (where: RelayRead) => void;
  },
) {
  const { now } = deps;
  const collection = Membership.collection;

  const memberEvent = (
    type: 'group.member_added' | 'group.member_removed',
    tenantId: string,
    row: { groupId: string; memberId: string; type: string; groupDisplay?: string },
    context: RemovalContext,
  ): PendingEvent =>
    pendingEvent({
      type,
      tenantId,
      resourceType: 'Group',
      resourceId: row.groupId,
      version: context.version ?? null,
      at: now(),
      connector: context.connector ?? null,
      data: {
        group: { id: row.groupId, displayName: row.groupDisplay ?? null },
        member: { value: row.memberId, type: row.type },
      },
    });

  /**
   * Removes membership rows, each with its member_removed event: the pending deletion keyed by
   * the row's own id is the removal's commit point (a row added again later has a new id), so a
   * removal repeated by a retry or raced by another request has exactly one event.
   */
  async function removeRows(
    tenantId: string,
    rows: MembershipDoc[],
    contextOf: (row: MembershipDoc) => RemovalContext,
  ) {
    if (rows.length === 0) return;
    const pending = rows.map((row) => {
      const rowId = row.rowId ?? `legacy:${row._id}`;
      const held = (row as unknown as Record<string, PendingEvent[] | undefined>)[PENDING_EVENTS];
      return {
        _id: `${tenantId}|m|${rowId}`,
        tenantId,
        collection: 'memberships',
        documentId: row._id,
        rowId,
        events: [
          ...(held ?? []),
          memberEvent('group.member_removed', tenantId, row, contextOf(row)),
        ],
        createdAt: now(),
      };
    });
    try {
      await retryTransient(() =>
        deps.pendingDeletions.collection.insertMany(pending as never[], { ordered: false }),
      );
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
    const rowIds = rows.filter((r) => r.rowId).map((r) => r.rowId!);
    await retryTransient(() =>
      collection.deleteMany({
        _id: { $in: rows.map((r) => r._id) },
        tenantId,
        $or: [{ rowId: { $in: rowIds } }, { rowId: { $exists: false } }],
      } as never),
    );
  }

  /** Removes every row matching `filter`, a batch at a time (each batch is read, then removed). */
  async function removeMatching(
    tenantId: string,
    filter: Record<string, unknown>,
    context: RemovalContext,
  ) {
    for (;;) {
      const rows = (await collection
        .find({ ...filter, tenantId })
        .limit(BATCH)
        .toArray()) as unknown as MembershipDoc[];
      if (rows.length === 0) return;
      await removeRows(tenantId, rows, () => context);
      if (rows.length < BATCH) return;
    }
  }

  /** Marks members as being in a group, before their memberships exist (see above). */
  async function markInGroups(tenantId: string, members: Array<{ id: string; type: string }>) {
    const userIds = members.filter((m) => m.type === 'User').map((m) => m.id);
    const groupIds = members.filter((m) => m.type === 'Group').map((m) => m.id);
    if (userIds.length > 0) {
      await retryTransient(() =>
        users.updateMany({ _id: { $in: userIds }, tenantId, noGroups: true } as never, {
          $unset: { noGroups: '' },
        }),
      );
    }
    if (groupIds.length > 0) {
      await retryTransient(() =>
        groups.updateMany({ _id: { $in: groupIds }, tenantId, noGroups: true } as never, {
          $unset: { noGroups: '' },
        }),
      );
      await retryTransient(() =>
        collection.updateMany(
          { tenantId, groupId: { $in: groupIds }, groupInGroups: { $ne: true } },
          { $set: { groupInGroups: true } },
        ),
      );
    }
  }

  /**
   * Adds members idempotently (an existing membership is left as it is). Rows written while
   * the group was in no group are corrected if it joined one meanwhile (a concurrent PATCH of
   * its parent), so `groupInGroups: false` is never left wrong.
   */
  async function addMembers(
    tenantId: string,
    group: MembershipGroup,
    members: Array<{ id: string; type: 'User' | 'Group' }>,
  ) {
    const groupId = group.id;
    for (let i = 0; i < members.length; i += BATCH) {
      const slice = members.slice(i, i + BATCH);
      await markInGroups(tenantId, slice);
      // Made afresh for every try: a row the first try stored and a concurrent removal took
      // away again must come back as a new row (its own rowId and event), not as the removed one.
      const docs = () =>
        slice.map((m) => {
          const row = {
            _id: membershipId(tenantId, groupId, m.id),
            rowId: randomUUID(),
            tenantId,
            groupId,
            memberId: m.id,
            type: m.type,
            createdAt: now(),
            groupDisplay: group.displayName,
            groupInGroups: group.inGroups,
          };
          // The event travels in the row's insert: a member already there adds no row, no event.
          const added = memberEvent('group.member_added', tenantId, row, group);
          return { ...row, [PENDING_EVENTS]: [added] };
        });
      try {
        await retryTransient(() => collection.insertMany(docs() as never[], { ordered: false }));
      } catch (error) {
        // An existing membership is a duplicate key: adding a member twice is idempotent.
        if (!onlyDuplicates(error)) throw error;
      }
    }
    if (!group.inGroups && members.length > 0) {
      const now = await groups.findOne({ _id: groupId, tenantId } as never, {
        projection: { noGroups: 1 },
      });
      if (now && now.noGroups !== true) {
        await retryTransient(() =>
          collection.updateMany({ tenantId, groupId }, { $set: { groupInGroups: true } }),
        );
      }
    }
  }

  /** A renamed group's rows carry its new displayName. */
  async function renameGroup(tenantId: string, groupId: string, displayName: string) {
    await retryTransient(() =>
      collection.updateMany(
        { tenantId, groupId, groupDisplay: { $ne: displayName } },
        { $set: { groupDisplay: displayName } },
      ),
    );
  }

  /**
   * Removes the rows with these ids (`membershipId`s; an absent one is not an error), a batch at
   * a time, each removal's event with the version and connector `contextOf` gives its row.
   */
  async function removeByIds(
    tenantId: string,
    ids: string[],
    contextOf: (row: MembershipDoc) => RemovalContext,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const rows = await collection.find({ _id: { $in: batch }, tenantId } as never).toArray();
      await removeRows(tenantId, rows as unknown as MembershipDoc[], contextOf);
    }
  }

  /** Removing an absent member is not an error. */
  async function removeMembers(
    tenantId: string,
    groupId: string,
    memberIds: string[],
    context: RemovalContext = {},
  ): Promise<void> {
    const ids = memberIds.map((m) => membershipId(tenantId, groupId, m));
    await removeByIds(tenantId, ids, () => context);
  }

  /**
   * Removes one member from several groups at once, each removal's event with its own group's
   * version and connector (`contexts`, by group id): one read, one write of the events and one
   * delete for all of them.
   */
  async function leaveGroups(
    tenantId: string,
    memberId: string,
    contexts: ReadonlyMap<string, RemovalContext>,
  ): Promise<void> {
    const ids = [...contexts.keys()].map((g) => membershipId(tenantId, g, memberId));
    await removeByIds(tenantId, ids, (row) => contexts.get(row.groupId) ?? {});
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

  async function removeAllMembers(
    tenantId: string,
    groupId: string,
    context: RemovalContext = {},
  ): Promise<void> {
    await removeMatching(tenantId, { groupId }, context);
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
   * (cycles and depth are bounded), with the displayName the rows carry. Nested groups are
   * followed only from groups whose rows do not say they are in no group.
   */
  async function groupsOfMembers(
    tenantId: string,
    memberIds: string[],
  ): Promise<Map<string, GroupOfMember[]>> {
    const result = new Map<string, GroupOfMember[]>();
    if (memberIds.length === 0) return result;
    const projection = { groupId: 1, memberId: 1, groupDisplay: 1, groupInGroups: 1 };
    const direct = await collection
      .find({ tenantId, memberId: { $in: memberIds } }, { projection })
      .toArray();
    const display = new Map<string, string | undefined>();
    for (const d of direct) display.set(String(d.groupId), d.groupDisplay ?? undefined);
    const parentsOf = new Map<string, Set<string>>();
    let frontier = new Set(
      direct.filter((d) => d.groupInGroups !== false).map((d) => String(d.groupId)),
    );
    for (let depth = 0; depth < MAX_NESTING && frontier.size > 0; depth++) {
      const unseen = [...frontier].filter((g) => !parentsOf.has(g));
      if (unseen.length === 0) break;
      const rows = await collection
        .find({ tenantId, memberId: { $in: unseen }, type: 'Group' }, { projection })
        .toArray();
      for (const g of unseen) parentsOf.set(g, new Set());
      for (const row of rows) {
        parentsOf.get(String(row.memberId))!.add(String(row.groupId));
        display.set(String(row.groupId), row.groupDisplay ?? undefined);
      }
      frontier = new Set(
        rows.filter((r) => r.groupInGroups !== false).map((r) => String(r.groupId)),
      );
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
        [...seen].map(([groupId, isDirect]) => ({
          groupId,
          direct: isDirect,
          display: display.get(groupId),
        })),
      );
    }
    return result;
  }

  const announce = deps.onEventsWritten ?? (() => undefined);
  return {
    addMembers: notifying(addMembers, () => announce('memberships')),
    renameGroup,
    // A removed row's event is committed in a pending deletion.
    removeMembers: notifying(removeMembers, () => announce('deletions')),
    leaveGroups: notifying(leaveGroups, () => announce('deletions')),
    presentMembers,
    removeAllMembers: notifying(removeAllMembers, () => announce('deletions')),
    membersOf,
    groupsWithMember,
    groupsOfMembers,
  };
}

export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
