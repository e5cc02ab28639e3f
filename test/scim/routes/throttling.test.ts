import { createTokenBucket } from '../../../src/platform/rate-limit/token-bucket';
import { adminSession, createTestApp, scimToken, type TestApp } from '../../support/test-app';

describe('the token bucket', () => {
  it('allows a burst, then one request per 1/rate seconds, per key', () => {
    let now = 0;
    const bucket = createTokenBucket({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => bucket.take('a').allowed)).toEqual([true, true, true, false]);
    expect(bucket.take('a').retryAfterSeconds).toBe(1);
    expect(bucket.take('b').allowed).toBe(true);
    now += 500;
    expect(bucket.take('a').allowed).toBe(true);
    expect(bucket.take('a').allowed).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => bucket.take('a').allowed)).toEqual([true, true, true, false]);
  });

  it('is disabled by a rate of 0', () => {
    const bucket = createTokenBucket({ ratePerSecond: 0, burst: 1, now: () => 0 });
    expect(bucket.enabled).toBe(false);
    expect(Array.from({ length: 100 }, () => bucket.take('a').allowed).every(Boolean)).toBe(true);
  });
});

describe('per-tenant SCIM throttling', () => {
  let t: TestApp;
  let token: string;
  let other: string;
  beforeAll(async () => {
    // A bucket of 3 that refills one token per 100 s: the fourth request is refused.
    t = await createTestApp('throttle', {
      SCIM_RATE_LIMIT_PER_SECOND: '0.01',
      SCIM_RATE_LIMIT_BURST: '3',
      METRICS_TOKEN: 'metrics-token-0123456789',
    });
    token = await scimToken(t);
    other = await scimToken(t, 'other-tenant', 'Okta');
  });
  afterAll(() => t.close());

  const list = (bearer: string) =>
    t.http().get('/scim/v2/Users').set('Authorization', `Bearer ${bearer}`);

  it('answers 429 with a SCIM Error and Retry-After once the tenant runs out, and only that tenant', async () => {
    for (let i = 0; i < 3; i++) await list(token).expect(200);
    const refused = await list(token);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(refused.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '429',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await list(other).expect(200);
  });

  it('counts refusals in the metrics and in the provisioning log', async () => {
    const metrics = await t
      .http()
      .get('/metrics')
      .set('Authorization', 'Bearer metrics-token-0123456789')
      .expect(200);
    expect(metrics.text).toMatch(/scim_welcome_scim_throttled_total\{tenant="default"\} [1-9]/);
    await t.ctx.provisioningLog.flush();
    const admin = await adminSession(t);
    const log = await t
      .http()
      .get('/api/admin/provisioning-log?errors=true')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect((log.body as { entries: Array<{ status: number }> }).entries[0]).toMatchObject({
      status: 429,
    });
  });
});
