import { ApiError } from '../../../src/platform/errors/api-error';
import type { RateLimiter } from '../../../src/platform/rate-limit/rate-limiter';
import { createLinkProbeGuard, type LinkProbe } from '../../../src/welcome/links/link-probe-guard';

/** Counters in memory with one fixed window, 60 s from its end. */
function memoryLimiter(): RateLimiter {
  const counts = new Map<string, number>();
  return {
    async hit(key, limit) {
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { allowed: count <= limit, count, retryAfterSeconds: 60 };
    },
    async peek(key) {
      return counts.get(key) ?? 0;
    },
    async reset(key) {
      counts.delete(key);
    },
    async sweep() {},
  };
}

const retryAfterOf = async (promise: Promise<void>): Promise<string | undefined> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined) return undefined;
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status).toBe(429);
  return (error as ApiError).headers['Retry-After'];
};

describe('the link probe guard', () => {
  it('tells its hook of every unknown token, and whether it was refused', async () => {
    const probes: LinkProbe[] = [];
    const guard = createLinkProbeGuard({
      limiter: memoryLimiter(),
      limits: { perClient: 2, perTenant: 100, windowSeconds: 900 },
      onProbe: (probe) => probes.push(probe),
    });
    const probe = { tenantId: 'acme', client: '10.0.0.1', purpose: 'welcome' as const };
    expect(await retryAfterOf(guard.recordUnknownToken(probe))).toBeUndefined();
    expect(await retryAfterOf(guard.recordUnknownToken(probe))).toBeUndefined();
    expect(await retryAfterOf(guard.recordUnknownToken(probe))).toBe('60');
    expect(probes.map((p) => p.refused)).toEqual([false, false, true]);
    expect(probes[0]).toEqual({ ...probe, refused: false });
  });

  it('refuses a client past its limit before any lookup, and no other client', async () => {
    const guard = createLinkProbeGuard({
      limiter: memoryLimiter(),
      limits: { perClient: 1, perTenant: 100, windowSeconds: 900 },
    });
    await retryAfterOf(
      guard.recordUnknownToken({ tenantId: 'acme', client: 'a', purpose: 'password-reset' }),
    );
    expect(await retryAfterOf(guard.assertClientMayTry('a'))).toBe('60');
    expect(await retryAfterOf(guard.assertClientMayTry('b'))).toBeUndefined();
  });

  it('counts a tenant across clients, and never refuses a client before lookup for it', async () => {
    const guard = createLinkProbeGuard({
      limiter: memoryLimiter(),
      limits: { perClient: 100, perTenant: 2, windowSeconds: 900 },
    });
    const from = (client: string, tenantId = 'acme') =>
      retryAfterOf(guard.recordUnknownToken({ tenantId, client, purpose: 'welcome' }));
    expect([await from('a'), await from('b'), await from('c')]).toEqual([
      undefined,
      undefined,
      '60',
    ]);
    expect(await from('d', 'globex')).toBeUndefined();
    expect(await retryAfterOf(guard.assertClientMayTry('d'))).toBeUndefined();
  });
});
