import { Schema, type Connection, type Model } from 'mongoose';

interface RateCounter {
  _id: string;
  count: number;
  expiresAt: Date;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit of `key` in a fixed window; `allowed` is false past `limit`. */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  /** Reads the current count without counting. */
  peek(key: string, windowSeconds: number): Promise<number>;
  reset(key: string, windowSeconds: number): Promise<void>;
  sweep(): Promise<void>;
}

const schema = new Schema<RateCounter>(
  { _id: String, count: Number, expiresAt: Date },
  { collection: 'rate_limits', versionKey: false },
);
schema.index({ expiresAt: 1 });

export function rateLimitModel(conn: Connection): Model<RateCounter> {
  return conn.models.RateCounter ?? conn.model<RateCounter>('RateCounter', schema);
}

/**
 * Fixed-window counters in MongoDB, shared by every process (ARCHITECTURE.md "Scaling").
 * Keys are hashed by callers when they contain personal data.
 */
export function createRateLimiter(
  conn: Connection,
  now: () => Date = () => new Date(),
): RateLimiter {
  const counters = rateLimitModel(conn);
  const windowOf = (windowSeconds: number) => {
    const t = now().getTime();
    const start = Math.floor(t / (windowSeconds * 1000)) * windowSeconds * 1000;
    return { start, end: start + windowSeconds * 1000, t };
  };
  return {
    async hit(key, limit, windowSeconds) {
      const w = windowOf(windowSeconds);
      const id = `${key}|${w.start}`;
      let doc: RateCounter | null = null;
      for (let attempt = 0; attempt < 3 && !doc; attempt++) {
        try {
          doc = await counters
            .findOneAndUpdate(
              { _id: id },
              { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(w.end) } },
              { upsert: true, new: true },
            )
            .lean<RateCounter>();
        } catch (error) {
          if ((error as { code?: number }).code !== 11000) throw error;
        }
      }
      const count = doc?.count ?? limit + 1;
      return {
        allowed: count <= limit,
        count,
        retryAfterSeconds: Math.max(1, Math.ceil((w.end - w.t) / 1000)),
      };
    },
    async peek(key, windowSeconds) {
      const w = windowOf(windowSeconds);
      const doc = await counters.findById(`${key}|${w.start}`).lean<RateCounter>();
      return doc?.count ?? 0;
    },
    async reset(key, windowSeconds) {
      const w = windowOf(windowSeconds);
      await counters.deleteOne({ _id: `${key}|${w.start}` });
    },
    async sweep() {
      await counters.deleteMany({ expiresAt: { $lt: now() } });
    },
  };
}
