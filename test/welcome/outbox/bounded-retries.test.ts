import { DEFAULT_RETRY_MAX_MS, retryDelayMs } from '../../../src/platform/workers/outbox-worker';
import { testConfig } from '../../support/test-app';
import { startWelcomeHarness, type WelcomeHarness } from '../../support/welcome-harness';

/** Small seeded PRNG (mulberry32), so the simulation below is repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The outbox's schedule on a simulated clock: every attempt fails with probability `failShare`
 * (SendGrid answering 500 or 429 half of the time), a failure waits `retryDelayMs`, and after
 * `maxAttempts` the job fails. Returns the share of emails accepted within `withinMs`.
 */
function acceptedWithin(o: {
  emails: number;
  failShare: number;
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
  withinMs: number;
}): number {
  const random = seeded(11);
  let accepted = 0;
  for (let email = 0; email < o.emails; email++) {
    let clock = 0;
    for (let attempt = 1; attempt <= o.maxAttempts && clock <= o.withinMs; attempt++) {
      if (random() >= o.failShare) {
        accepted++;
        break;
      }
      clock += retryDelayMs(attempt, { baseMs: o.baseMs, maxMs: o.maxMs }, undefined, random);
    }
  }
  return accepted / o.emails;
}

describe('retry delays are bounded', () => {
  it('never wait longer than OUTBOX_RETRY_MAX_MS, and keep the jitter (half to full of the cap)', () => {
    const random = seeded(3);
    const delays = Array.from({ length: 200 }, (_, i) =>
      retryDelayMs((i % 40) + 1, { baseMs: 2_000, maxMs: 30_000 }, undefined, random),
    );
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    const late = delays.filter((_, i) => (i % 40) + 1 >= 6);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(15_000);
    expect(new Set(late.map(Math.round)).size).toBeGreaterThan(100);
  });

  it('double from the base until the cap', () => {
    const top = () => 1;
    expect(
      [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, { baseMs: 2_000 }, undefined, top)),
    ).toEqual([2_000, 4_000, 8_000, 16_000, DEFAULT_RETRY_MAX_MS, DEFAULT_RETRY_MAX_MS]);
  });

  it('still honour a longer provider hint (X-RateLimit-Reset) past the cap', () => {
    expect(retryDelayMs(9, { baseMs: 2_000, maxMs: 30_000 }, 45_000, () => 0.5)).toBe(45_000);
  });

  it('default to a 30 s cap (OUTBOX_RETRY_MAX_MS)', () => {
    expect(testConfig().outboxRetryMaxMs).toBe(30_000);
    expect(DEFAULT_RETRY_MAX_MS).toBe(30_000);
  });
});

describe('with half of all SendGrid answers failing, on a simulated clock', () => {
  const run = (maxMs: number) =>
    acceptedWithin({
      emails: 20_000,
      failShare: 0.5,
      baseMs: 2_000,
      maxMs,
      maxAttempts: 12,
      withinMs: 90_000,
    });

  it('99.9 % of emails are accepted within 90 s with OUTBOX_RETRY_MAX_MS=15000', () => {
    expect(run(15_000)).toBeGreaterThanOrEqual(0.999);
  });

  it('over 99 % are accepted within 90 s with the default 30 s cap, where the uncapped backoff lost more', () => {
    const capped = run(30_000);
    expect(capped).toBeGreaterThanOrEqual(0.99);
    expect(capped).toBeGreaterThan(run(15 * 60_000));
  });
});

describe('the outbox applies the cap', () => {
  let h: WelcomeHarness;
  beforeAll(async () => {
    // A 10 s base would make six failures cost over ten minutes; the 20 ms cap makes it instant.
    h = await startWelcomeHarness('retrycap', {
      OUTBOX_RETRY_BASE_MS: '10000',
      OUTBOX_RETRY_MAX_MS: '20',
    });
    await h.setSwitch('sendWelcomeEmail', true);
  });
  afterAll(() => h.close());

  it('a welcome email that fails six times with 500 goes out at the seventh attempt within the cap', async () => {
    h.sendgrid.failNext(6, 500);
    const created = await h.createScimUser('capped@example.test');
    expect(created.status).toBe(201);
    const user = await h.waitForUser(created.id!, (u) => u.welcome.state === 'sent', 10_000);
    expect((user.welcome as { attempts?: number }).attempts).toBe(7);
  });
});
