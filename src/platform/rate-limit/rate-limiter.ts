import { Schema, type Connection, type Model } from 'mongoose';

/** The times of the last allowed hits of one key and window, oldest first (at most the limit). */
interface RateLog {
  _id: string;
  hits: Date[];
  expiresAt: Date;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits in the window, this one included when allowed (never more than the limit). */
  count: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit of `key` in the sliding window; `allowed` is false when the window is full. */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  /** The hits in the window now, without counting one. */
  peek(key: string, windowSeconds: number): Promise<number>;
  reset(key: string, windowSeconds: number): Promise<void>;
  sweep(): Promise<void>;
}

const schema = new Schema<RateLog>(
  { _id: String, hits: [Date], expiresAt: Date },
  { collection: 'rate_limits', versionKey: false },
);
schema.index({ expiresAt: 1 });

export function rateLimitModel(conn: Connection): Model<RateLog> {
  return conn.models.RateLog ?? conn.model<RateLog>('RateLog', schema);
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Sliding-window limits shared by every process (ARCHITECTURE.md "Scaling"): "N per window" holds
 * for any window-long span, not per clock window (a fixed window lets 2N through around its
 * boundary). Each key keeps the times of its last N allowed hits; a hit is allowed, and pushed,
 * in one conditional update when fewer than N are kept or the oldest has left the window. A
 * refused hit is not kept, so retrying does not push the next free slot further away.
 * Keys are hashed by callers when they contain personal data.
 */
export function createRateLimiter(
  conn: Connection,
  now: () => Date = () => new Date(),
): RateLimiter {
  const logs = rateLimitModel(conn).collection;
  const idOf = (key: string, windowSeconds: number) => `${key}|${windowSeconds}`;
  const inWindow = (doc: RateLog | null, since: number) =>
    (doc?.hits ?? []).filter((h) => new Date(h).getTime() > since);

  /** Pushes `at` if the window has room: the log after, or null (full, or no log yet). */
  async function allow(id: string, limit: number, at: Date, windowMs: number) {
    const since = new Date(at.getTime() - windowMs);
    const room = [{ [`hits.${limit - 1}`]: { $exists: false } }, { 'hits.0': { $lte: since } }];
    return (await logs.findOneAndUpdate(
      { _id: id, $or: room } as never,
      {
        $push: { hits: { $each: [at], $slice: -limit } },
        $set: { expiresAt: new Date(at.getTime() + windowMs) },
      } as never,
      { returnDocument: 'after' },
    )) as RateLog | null;
  }

  /** The first hit of a key creates its log; null when a concurrent first hit created it. */
  async function start(id: string, at: Date, windowMs: number) {
    const doc: RateLog = { _id: id, hits: [at], expiresAt: new Date(at.getTime() + windowMs) };
    try {
      await logs.insertOne(doc as never);
      return doc;
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  return {
    async hit(key, limit, windowSeconds) {
      const id = idOf(key, windowSeconds);
      const at = now();
      const windowMs = windowSeconds * 1000;
      const since = at.getTime() - windowMs;
      // An upsert would answer a full log with a duplicate key, which engines report differently.
      const doc =
        limit > 0
          ? ((await allow(id, limit, at, windowMs)) ??
            (await start(id, at, windowMs)) ??
            (await allow(id, limit, at, windowMs)))
          : null;
      if (doc) return { allowed: true, count: inWindow(doc, since).length, retryAfterSeconds: 0 };
      const full = (await logs.findOne({ _id: id } as never)) as RateLog | null;
      const kept = inWindow(full, since);
      const frees = kept.length > 0 ? new Date(kept[0]!).getTime() + windowMs : at.getTime();
      return {
        allowed: false,
        count: kept.length,
        retryAfterSeconds: Math.max(1, Math.ceil((frees - at.getTime()) / 1000)),
      };
    },
    async peek(key, windowSeconds) {
      const doc = (await logs.findOne({
        _id: idOf(key, windowSeconds),
      } as never)) as RateLog | null;
      return inWindow(doc, now().getTime() - windowSeconds * 1000).length;
    },
    async reset(key, windowSeconds) {
      await logs.deleteOne({ _id: idOf(key, windowSeconds) } as never);
    },
    async sweep() {
      await logs.deleteMany({ expiresAt: { $lt: now() } });
    },
  };
}
