export interface TokenBucketOptions {
  /** Tokens added per second; 0 disables the limit. */
  ratePerSecond: number;
  /** Most tokens a bucket holds, i.e. the largest burst after a quiet spell. */
  burst: number;
  now: () => number;
  /** Buckets kept; the least recently created goes first past it (an idle bucket is full anyway). */
  maxKeys?: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole seconds until one token is back (the `Retry-After` value); 0 when allowed. */
  retryAfterSeconds: number;
}

export interface TokenBucket {
  take(key: string): TakeResult;
  /**
   * How many processes share the limit (from their heartbeats): this process then allows
   * rate ÷ processes per second and a burst of burst ÷ processes (at least 1).
   */
  setProcesses(processes: number): void;
  readonly enabled: boolean;
}

/**
 * Token buckets per key, held in this process, which spares every request a database round
 * trip. So that a limit holds for the whole deployment, each process takes its share of it,
 * the limit ÷ the live processes its heartbeat counts (setProcesses). Refill is computed from
 * the clock on each take, so nothing runs between requests.
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { now } = options;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let rate = options.ratePerSecond;
  let burst = Math.max(1, options.burst);
  if (rate <= 0) {
    return {
      enabled: false,
      take: () => ({ allowed: true, retryAfterSeconds: 0 }),
      setProcesses: () => undefined,
    };
  }
  return {
    enabled: true,
    setProcesses(processes) {
      const n = Math.max(1, Math.floor(processes));
      rate = options.ratePerSecond / n;
      burst = Math.max(1, Math.floor(options.burst / n));
    },
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
        bucket = { tokens: burst, at: t };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * rate);
      bucket.at = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)),
      };
    },
  };
}
