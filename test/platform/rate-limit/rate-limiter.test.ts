import { createRateLimiter } from '../../../src/platform/rate-limit/rate-limiter';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('rate-limiter');
});
afterAll(() => t.close());

const HOUR = 3600;

/** A limiter on a clock the test moves. */
function limiterAt(start: string) {
  let now = Date.parse(start);
  const limiter = createRateLimiter(t.ctx.conn, () => new Date(now));
  return { limiter, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('"N per hour" is any 60 minutes, not the clock hour (sliding window)', () => {
  it('10 at 10:59:30 leave none for 11:00:30, and the answer says when one is free', async () => {
    const { limiter, advance } = limiterAt('2026-03-02T10:59:30Z');
    for (let i = 0; i < 10; i++)
      expect((await limiter.hit('test-email', 10, HOUR)).allowed).toBe(true);
    advance(60);
    const refused = await limiter.hit('test-email', 10, HOUR);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(HOUR - 60);
    expect(await limiter.peek('test-email', HOUR)).toBe(10);
  });

  it('a hit frees up one hour after it, one at a time', async () => {
    const { limiter, advance } = limiterAt('2026-03-02T08:10:00Z');
    for (let i = 0; i < 3; i++) {
      expect((await limiter.hit('spread', 3, HOUR)).allowed).toBe(true);
      advance(600);
    }
    // 08:40: the three hits at 08:10, 08:20, 08:30 fill the hour.
    expect((await limiter.hit('spread', 3, HOUR)).allowed).toBe(false);
    advance(HOUR - 1800); // 09:10: the 08:10 hit has left the window, the others have not
    expect((await limiter.hit('spread', 3, HOUR)).allowed).toBe(true);
    expect((await limiter.hit('spread', 3, HOUR)).allowed).toBe(false);
  });

  it('concurrent hits from many requests never let more than the limit through', async () => {
    const { limiter } = limiterAt('2026-03-02T12:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 25 }, () => limiter.hit('burst', 10, HOUR)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('reset empties the window', async () => {
    const { limiter } = limiterAt('2026-03-02T12:00:00Z');
    for (let i = 0; i < 2; i++) await limiter.hit('resettable', 2, HOUR);
    expect((await limiter.hit('resettable', 2, HOUR)).allowed).toBe(false);
    await limiter.reset('resettable', HOUR);
    expect((await limiter.hit('resettable', 2, HOUR)).allowed).toBe(true);
  });
});
