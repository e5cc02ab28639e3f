import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import type { Directory } from '../directory/directory';
import { isDuplicateKey } from '../directory/resource-repository';
import type { PresentContext } from '../scim/presenters/present-resource';
import type { JobSource } from '../platform/workers/outbox-worker';
import type { EventDoc } from './event-models';
import { PENDING_EVENTS, type PendingEvent } from './event-types';
import { eventData } from './present-event';
import { settlePendingDeletions } from './settle-pending-deletions';

export interface EventRelayDeps {
  directory: Directory;
  present: PresentContext;
  now: () => Date;
  retentionDays: number;
  /** Told which tenants have new events (wakes their webhook endpoints). */
  onPublished: (tenantIds: string[]) => Promise<void>;
  batchSize?: number;
  leaseMs?: number;
  /** An idle relay looks again after this long (a pass that published runs again at once). */
  idleMs?: number;
  /** How long a requester may take to finish its own deletion before the relay does it. */
  graceMs?: number;
}

/**
 * Events built, inserted and forgotten at a time, with a turn of the event loop between chunks:
 * a 1,000-member change publishes in several short steps instead of one long one (bench S8).
 */
export const RELAY_CHUNK = 200;
const tenantsOf = (events: PendingEvent[]) => [...new Set(events.map((e) => e.tenantId))];
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `items` in chunks of RELAY_CHUNK, yielding to the event loop before every chunk but the first. */
async function* chunksOf<T>(items: readonly T[]): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += RELAY_CHUNK) {
    if (i > 0) await nextTurn();
    yield items.slice(i, i + RELAY_CHUNK);
  }
}

interface Held {
  collection: mongo.Collection<mongo.Document>;
  docId: string;
  events: PendingEvent[];
}

/**
 * Moves events from the documents that hold them (and from settled pending deletions) to the
 * `events` collection, assigning positions max+1, max+2, … in one ordered insert. Positions are
 * unique, so a position is only ever written after every lower one was committed: a reader that
 * has passed position p never sees a new event at p or below. One process holds the relay lease
 * at a time (a crashed holder's lease runs out); a second relay would only lose its inserts.
 */
export function createEventRelay(
  deps: EventRelayDeps,
): JobSource & { relay(lease?: () => Promise<boolean>): Promise<number> } {
  const { directory } = deps;
  const { Event, RelayLease } = directory.events;
  const batch = deps.batchSize ?? 500;
  const leaseMs = deps.leaseMs ?? 10_000;
  const holder = randomUUID();
  let busy = false;
  let idleUntil = 0;

  async function holdLease(): Promise<boolean> {
    const now = deps.now();
    try {
      const lease = await RelayLease.collection.findOneAndUpdate(
        { _id: 'events', $or: [{ until: { $lte: now } }, { holder }] } as never,
        { $set: { holder, until: new Date(now.getTime() + leaseMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return lease?.holder === holder;
    } catch (error) {
      if (isDuplicateKey(error)) return false; // another process holds it
      throw error;
    }
  }

  async function heldBy(collection: mongo.Collection<mongo.Document>): Promise<Held[]> {
    const docs = await collection
      .find({ '_events.id': { $exists: true } }, { projection: { [PENDING_EVENTS]: 1 } })
      .limit(batch)
      .toArray();
    return docs.map((d) => ({
      collection,
      docId: String(d._id),
      events: (d[PENDING_EVENTS] as PendingEvent[] | undefined) ?? [],
    }));
  }

  /**
   * One pass; the number of events published, or -1 when another process holds the relay lease.
   * The lease is only taken when there is something to relay, so an idle relay writes nothing.
   */
  async function relay(lease: () => Promise<boolean> = async () => true): Promise<number> {
    // Deletions first, then rows before groups: a membership row is written after its group's
    // update, so a row read here has its group's event read after it, in the same pass.
    const deletions = await settlePendingDeletions(
      directory,
      deps.now,
      deps.graceMs ?? 5000,
      batch,
    );
    const held = [
      ...(await heldBy(directory.Membership.collection)),
      ...(await heldBy(directory.User.collection)),
      ...(await heldBy(directory.Group.collection)),
    ];
    const byId = new Map<string, PendingEvent>();
    for (const d of deletions.publish) for (const e of d.events) byId.set(e.id, e);
    for (const h of held) for (const e of h.events) byId.set(e.id, e);
    const ids = [...byId.keys()];
    if (ids.length === 0 && deletions.drop.length === 0) return 0;
    if (!(await lease())) return -1;
    const existing = new Set(
      (
        await Event.collection
          .find({ _id: { $in: ids } } as never, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => String(d._id)),
    );
    const after = versionsHeldBefore([
      ...deletions.publish.map((d) => d.events),
      ...held.map((h) => h.events),
    ]);
    const fresh = commitOrder(
      [...byId.values()].filter((e) => !existing.has(e.id)),
      after,
    );
    if (fresh.length > 0) {
      const [last] = await Event.collection
        .find({}, { projection: { position: 1 } })
        .sort({ position: -1 })
        .limit(1)
        .toArray();
      const base = typeof last?.position === 'number' ? last.position : 0;
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + deps.retentionDays * 86_400_000);
      let position = base;
      // Chunks go in one after another, each an ordered insert of the next positions, so a
      // position is still only written after every lower one; a chunk that collides with
      // another relay ends the pass, and the next pass skips what was already published.
      for await (const chunk of chunksOf(fresh)) {
        const docs: EventDoc[] = chunk.map((e) => ({
          _id: e.id,
          tenantId: e.tenantId,
          position: ++position,
          type: e.type,
          resourceType: e.resourceType,
          resourceId: e.resourceId,
          version: e.version,
          occurredAt: new Date(e.at),
          connector: e.connector,
          ...(e.changedAttributes ? { changedAttributes: e.changedAttributes } : {}),
          data: eventData(deps.present, e),
          publishedAt: now,
          expiresAt,
        }));
        try {
          await Event.collection.insertMany(docs as never[], { ordered: true });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          const published = fresh.slice(0, position - base - docs.length);
          if (published.length > 0) await deps.onPublished(tenantsOf(published));
          return 0;
        }
      }
    }
    await forget(held, deletions.publish.map((d) => d._id).concat(deletions.drop));
    if (fresh.length > 0) await deps.onPublished(tenantsOf(fresh));
    return fresh.length;
  }

  /** Published events leave the documents and pending deletions that held them. */
  async function forget(held: Held[], pendingIds: string[]): Promise<void> {
    const byCollection = new Map<mongo.Collection<mongo.Document>, Held[]>();
    for (const h of held) {
      const list = byCollection.get(h.collection);
      if (list) list.push(h);
      else byCollection.set(h.collection, [h]);
    }
    for (const [collection, docs] of byCollection) {
      for await (const chunk of chunksOf(docs)) {
        await collection.bulkWrite(
          chunk.map((h) => ({
            updateOne: {
              filter: { _id: h.docId } as never,
              update: {
                $pull: { [PENDING_EVENTS]: { id: { $in: h.events.map((e) => e.id) } } },
              } as never,
            },
          })),
          { ordered: false },
        );
      }
    }
    if (pendingIds.length > 0) {
      await directory.events.PendingDeletion.collection.deleteMany({
        _id: { $in: pendingIds },
      } as never);
    }
  }

  return {
    name: 'event-relay',
    relay,
    async runOnce() {
      if (busy || Date.now() < idleUntil) return false;
      busy = true;
      try {
        const published = await relay(holdLease);
        if (published < 0) idleUntil = Date.now() + leaseMs / 2;
        else if (published === 0) idleUntil = Date.now() + (deps.idleMs ?? 100);
        return published > 0;
      } finally {
        busy = false;
      }
    },
  };
}

/**
 * Commit order for one pass: by time, except that the events of one resource keep their own
 * order (by version; a resource's own change before the membership or email events of that
 * version), whatever the clocks of the processes that wrote them said.
 */
export function commitOrder(
  events: PendingEvent[],
  versionBefore: ReadonlyMap<string, number> = new Map(),
): PendingEvent[] {
  const byTime = [...events].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  const rank = (e: PendingEvent) => (e.snapshot || e.type.endsWith('.deleted') ? 0 : 1);
  const versionOf = (e: PendingEvent) => e.version ?? versionBefore.get(e.id) ?? Infinity;
  const perResource = new Map<string, PendingEvent[]>();
  for (const e of byTime) {
    const key = `${e.tenantId}|${e.resourceId}`;
    const list = perResource.get(key);
    if (list) list.push(e);
    else perResource.set(key, [e]);
  }
  for (const list of perResource.values()) {
    list.sort(
      (a, b) =>
        versionOf(a) - versionOf(b) ||
        rank(a) - rank(b) ||
        new Date(a.at).getTime() - new Date(b.at).getTime(),
    );
  }
  const next = new Map<string, number>();
  return byTime.map((e) => {
    const key = `${e.tenantId}|${e.resourceId}`;
    const i = next.get(key) ?? 0;
    next.set(key, i + 1);
    return perResource.get(key)![i]!;
  });
}

/**
 * An event that does not move the version (an email sent, a first sign-in) sorts with the
 * version of the event before it in the same document's array, which is in commit order.
 */
export function versionsHeldBefore(arrays: PendingEvent[][]): Map<string, number> {
  const before = new Map<string, number>();
  for (const events of arrays) {
    let last: number | null = null;
    for (const e of events) {
      if (e.version !== null) last = e.version;
      else if (last !== null) before.set(e.id, last);
    }
  }
  return before;
}
