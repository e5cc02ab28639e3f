import { createTtlCache } from '../cache/ttl-cache';
import { ApiError } from '../errors/api-error';
import type { RateLimiter } from './rate-limiter';

/** Failed attempts a client may make per minute before it gets 429. */
export const FAILURES_PER_MINUTE = 20;

const tooManyFailures = () =>
  new ApiError(
    429,
    'too_many_failures',
    'too many failed authentication attempts; retry later',
    undefined,
    { 'Retry-After': '60' },
  );

/**
 * Counts a credential's failed attempts per client address in the shared limiter; past the
 * limit that client (and only that client) gets 429 until the window ends, even with a valid
 * credential. A valid attempt reads the shared counter only when this process saw the client
 * fail in the last minute, so the common case costs no database command.
 */
export function createFailureGuard(limiter: RateLimiter, name: string) {
  const recentlyFailed = createTtlCache<true>({ ttlMs: 60_000, maxEntries: 10_000 });
  const keyOf = (ip: string | undefined) => `${name}-fail:${ip ?? 'unknown'}`;
  return {
    /** Counts a failure; throws 429 past the limit (the caller throws its own 401 otherwise). */
    async failed(ip: string | undefined): Promise<void> {
      const key = keyOf(ip);
      recentlyFailed.set(key, true);
      const { allowed } = await limiter.hit(key, FAILURES_PER_MINUTE, 60);
      if (!allowed) throw tooManyFailures();
    },
    /** Throws 429 when a client over the limit comes back with a valid credential. */
    async succeeded(ip: string | undefined): Promise<void> {
      const key = keyOf(ip);
      if (recentlyFailed.get(key) && (await limiter.peek(key, 60)) >= FAILURES_PER_MINUTE) {
        throw tooManyFailures();
      }
    },
  };
}
