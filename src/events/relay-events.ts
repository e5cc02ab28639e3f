import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import type { Directory } from '../directory/directory';
import { isDuplicateKey } from '../directory/resource-repository';
import type { PresentContext } from '../scim/presenters/present-resource';
import type { JobSource } from '../platform/workers/outbox-worker';
import type { EventDoc } from './event-models';
import { PENDING_EVENTS, type PendingEvent } from './event-types';
import { RELAY_READS, type RelayRead } from './pending-events-signal';
import { eventData } from './present-event';
import { settlePendingDeletions } from './settle-pending-deletions';

export interface EventRelayDeps {
  directory: Directory;
  present: PresentContext;
  now: () => Date;
  retentionDays: number;
  /** Told which tenants have new events (wakes their webhook endpoints). */
  onPublished: (tenantIds: string[]) => Promise<void>;
  /** Documents read per collection a pass (default 200: each read is parsed in one piece). */
  batchSize?: number;
  leaseMs?: number;
  /**
   * The least time between the starts of two passes that publish part of a batch: under a
   * stream of writes, events gather for this long and go in one pass (a full pass runs again at
   * once). Default 100 ms.
   */
  idleMs?: number;
  /**
   * How often the relay scans for events that no write in this process announced (another
   * process's writes, a crashed pass's leftovers): OUTBOX_POLL_MS. Default 500 ms.
   */
  scanMs?: number;
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
  const batch = deps.batchSize ?? 200;
  const leaseMs = deps.leaseMs ?? 10_000;
  const holder = randomUUID();
  let busy = false;
  let idleUntil = 0;

  /** Until when (ms) this relay is known to hold the lease; renewed once half of it is used. */
  let heldUntil = 0;
  /** The highest position this relay wrote while holding the lease throughout; null: read it. */
  let lastPosition: number | null = null;

  async function holdLease(): Promise<boolean> {
    const now = deps.now();
    if (now.getTime() < heldUntil - leaseMs / 2) return true;
    try {
      const lease = await RelayLease.collection.findOneAndUpdate(
        { _id: 'events', $or: [{ until: { $lte: now } }, { holder }] } as never,
        { $set: { holder, until: new Date(now.getTime() + leaseMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      const held = lease?.holder === holder;
      // A lease taken afresh (not renewed without a gap) may follow another holder's inserts.
      if (!held || now.getTime() >= heldUntil) lastPosition = null;
      heldUntil = held ? now.getTime() + leaseMs : 0;
      return held;
    } catch (error) {
      heldUntil = 0;
      lastPosition = null;
      if (isDuplicateKey(error)) return false; // another process holds it
      throw error;
    }
  }

  async function heldBy(
    collection: mongo.Collection<mongo.Document>,
    ids?: string[],
  ): Promise<Held[]> {
    const docs = await collection
      .find({ '_events.id': { $exists: true }, ...(ids ? { _id: { $in: ids } } : {}) } as never, {
        projection: { [PENDING_EVENTS]: 1 },
      })
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
  async function relay(
    lease: () => Promise<boolean> = async () => true,
    from: RelayRead = 'deletions',
  ): Promise<number> {
    // Deletions first, then rows before groups: a membership row is written after its group's
    // update, so a row read here has its group's event read after it, in the same pass. A pass
    // may start further down the order (`from`: what this process's writes announced); what it
    // skips is found by the next pass that reads it, as if written just after this one began.
    const reads = (where: RelayRead) => RELAY_READS.indexOf(where) >= RELAY_READS.indexOf(from);
    const deletions = reads('deletions')
      ? await settlePendingDeletions(directory, deps.now, deps.graceMs ?? 5000, batch)
      : { publish: [], drop: [] };
    const rows = reads('memberships') ? await heldBy(directory.Membership.collection) : [];
    const users = reads('users') ? await heldBy(directory.User.collection) : [];
    const groups = await heldBy(directory.Group.collection);
    const held = [...rows, ...users, ...groups];
    // A page of groups need not hold the groups of the rows and removals read above: those
    // are read by id, so each membership event goes in the same pass as its group's own.
    const paged = new Set(groups.map((h) => h.docId));
    const named = new Set<string>();
    for (const events of [...rows.map((h) => h.events), ...deletions.publish.map((d) => d.events)])
      for (const e of events)
        if (e.resourceType === 'Group' && !paged.has(e.resourceId)) named.add(e.resourceId);
    const namedIds = [...named];
    for (let i = 0; i < namedIds.length; i += batch) {
      held.push(...(await heldBy(directory.Group.collection, namedIds.slice(i, i + batch))));
    }
    const byId = new Map<string, PendingEvent>();
    for (const d of deletions.publish) for (const e of d.events) byId.set(e.id, e);
    for (const h of held) for (const e of h.events) byId.set(e.id, e);
    const ids = [...byId.keys()];
    if (ids.length === 0 && deletions.drop.length === 0) return 0;
    if (!(await lease())) return -1;
    if (lease !== holdLease) lastPosition = null; // no lease of ours: nothing to remember
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
      // While this relay holds the lease without a break, no one else inserts events: the
      // highest position is the one it wrote last. Otherwise (and on any collision) it reads it.
      if (lastPosition === null) {
        const [last] = await Event.collection
          .find({}, { projection: { position: 1 } })
          .sort({ position: -1 })
          .limit(1)
          .toArray();
        lastPosition = typeof last?.position === 'number' ? last.position : 0;
      }
      const base = lastPosition;
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
          lastPosition = position;
        } catch (error) {
          lastPosition = null;
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

  // A pass runs when a write here announced events (after the gap since the last pass) or when
  // the scan interval has passed; in between the relay answers from memory, so an idle process
  // asks the database about once per scan interval, and a stream of writes is published in a
  // few large passes instead of many small ones (issue 22: commands per request).
  const gapMs = deps.idleMs ?? 100;
  const scanMs = deps.scanMs ?? 500;
  /** The first read the writes since the last pass concern; null: none announced. */
  let announced: RelayRead | null = null;
  let scanAt = 0;
  let wakeWorker: (() => void) | undefined;
  let gapTimer: NodeJS.Timeout | undefined;
  const earlier = (a: RelayRead | null, b: RelayRead) =>
    a === null || RELAY_READS.indexOf(b) < RELAY_READS.indexOf(a) ? b : a;
  directory.pendingEvents.onNotify((where) => {
    announced = earlier(announced, where);
    if (busy || gapTimer) return; // the running pass or the gap's end takes it
    if (Date.now() >= idleUntil) wakeWorker?.();
    else {
      gapTimer = setTimeout(() => {
        gapTimer = undefined;
        wakeWorker?.();
      }, idleUntil - Date.now());
      gapTimer.unref();
    }
  });

  return {
    name: 'event-relay',
    relay,
    idlePollMs: gapMs,
    onDue(wake) {
      wakeWorker = wake;
    },
    async runOnce() {
      const started = Date.now();
      if (busy || started < idleUntil) return false;
      const scan = started >= scanAt;
      if (!scan && announced === null) return false;
      const from = scan ? 'deletions' : announced!;
      busy = true;
      announced = null;
      try {
        const published = await relay(holdLease, from);
        if (scan) scanAt = Date.now() + scanMs;
        if (published < 0) idleUntil = Date.now() + leaseMs / 2;
        else if (published >= batch)
          announced = earlier(announced, from); // more may wait
        else idleUntil = started + gapMs;
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
