import type { mongo } from 'mongoose';

export interface OutboxStats {
  kind: string;
  /** Queued jobs whose `dueAt` has passed (a leased job's `dueAt` is in the future). */
  dueJobs: number;
  /** Seconds since the oldest due job fell due; 0 when none is due. */
  oldestDueAgeSeconds: number;
}

interface OutboxQueue {
  kind: string;
  collection: mongo.Collection<mongo.Document>;
  state: string;
  dueAt: string;
}

/**
 * The depth of each outbox queue and how late its oldest due job is: the two numbers an alert
 * on "emails are not going out" needs. Two index-backed reads per queue, at scrape time only.
 */
export async function readOutboxStats(
  queues: readonly OutboxQueue[],
  now: Date,
): Promise<OutboxStats[]> {
  return Promise.all(
    queues.map(async (q) => {
      const due = { [q.state]: 'queued', [q.dueAt]: { $lte: now } };
      const [dueJobs, oldest] = await Promise.all([
        q.collection.countDocuments(due),
        q.collection
          .find(due, { projection: { [q.dueAt]: 1 } })
          .sort({ [q.dueAt]: 1 })
          .limit(1)
          .next(),
      ]);
      const dueAt = q.dueAt
        .split('.')
        .reduce<unknown>(
          (node, key) => (node as Record<string, unknown> | undefined)?.[key],
          oldest,
        );
      const age = dueAt instanceof Date ? (now.getTime() - dueAt.getTime()) / 1000 : 0;
      return { kind: q.kind, dueJobs, oldestDueAgeSeconds: Math.max(0, age) };
    }),
  );
}
