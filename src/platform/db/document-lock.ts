import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { ApiError } from '../errors/api-error';

interface LockDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

const schema = new Schema<LockDoc>(
  { _id: String, owner: String, expiresAt: Date },
  { collection: 'locks', versionKey: false },
);

export interface DocumentLocks {
  /** Runs `fn` while holding the lock `key` (one holder at a time, in any process). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Like withLock, but gives up at once (undefined) when someone else holds the lock. */
  tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<T | undefined>;
  /**
   * Takes `key` for up to `ttlMs` if nobody holds it (a lease: if the holder dies, the lock
   * expires and someone else may take it). Undefined when it is held.
   */
  tryAcquire(key: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined>;
}

/**
 * Short mutual-exclusion locks around read-modify-write of one document.
 *
 * Why: a conditional update is atomic on MongoDB, but FerretDB 1.x (the embedded and test
 * database) applies an update by reading the document and writing it back, so two concurrent
 * conditional updates can both "succeed" and one is lost. An insert with a unique `_id` is
 * atomic on both, so a lock is a document: insert to take it, delete to give it back. A lock
 * whose holder died is broken once it has expired.
 */
export function createDocumentLocks(
  conn: Connection,
  options: { ttlMs?: number; waitMs?: number } = {},
): DocumentLocks {
  const Lock: Model<LockDoc> =
    conn.models.DocumentLock ?? conn.model<LockDoc>('DocumentLock', schema);
  const locks = Lock.collection;
  const ttlMs = options.ttlMs ?? 15_000;
  const waitMs = options.waitMs ?? 10_000;

  async function acquire(key: string, wait = true, leaseMs = ttlMs): Promise<string | undefined> {
    const owner = randomUUID();
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await locks.insertOne({
          _id: key,
          owner,
          expiresAt: new Date(Date.now() + leaseMs),
        } as never);
        return owner;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
      const held = (await locks.findOne({ _id: key } as never)) as LockDoc | null;
      if (held && held.expiresAt.getTime() < Date.now()) {
        await locks.deleteOne({ _id: key, owner: held.owner } as never);
        continue;
      }
      if (!wait) return undefined;
      if (Date.now() > deadline) {
        throw new ApiError(503, 'busy', 'the resource is busy; retry', undefined, {
          'Retry-After': '1',
        });
      }
      // Back off a little, with jitter, so waiters do not hammer the database in lockstep.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(50, 1 + attempt * 2) * Math.random()),
      );
    }
  }

  return {
    async withLock(key, fn) {
      const owner = (await acquire(key))!;
      try {
        return await fn();
      } finally {
        await locks.deleteOne({ _id: key, owner } as never).catch(() => undefined);
      }
    },
    async tryAcquire(key, leaseMs) {
      const owner = await acquire(key, false, leaseMs);
      if (owner === undefined) return undefined;
      return {
        release: async () => {
          await locks.deleteOne({ _id: key, owner } as never).catch(() => undefined);
        },
      };
    },
    async tryWithLock(key, fn) {
      const owner = await acquire(key, false);
      if (owner === undefined) return undefined;
      try {
        return await fn();
      } finally {
        await locks.deleteOne({ _id: key, owner } as never).catch(() => undefined);
      }
    },
  };
}
