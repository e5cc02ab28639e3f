import { createOutboxSignal } from '../../../src/platform/workers/outbox-signal';
import { createOutboxWorker, type JobSource } from '../../../src/platform/workers/outbox-worker';
import type { Logger } from '../../../src/platform/logging/logger';
import type { BackgroundWorker } from '../../../src/platform/workers/background-worker';

/**
 * Issue 22: an idle source costs the database one question per poll interval per process, not
 * one per slot; work found by one slot brings the others in. Fake timers: no wall clock.
 */
const logger = { warn: jest.fn(), info: jest.fn(), error: jest.fn(), debug: jest.fn() };

/** A source with `due` jobs; each question (`runOnce`) is counted, each job takes `sendMs`. */
function source(name: string, options: { wokenBy?: string[]; sendMs?: number } = {}) {
  const s = {
    due: 0,
    asked: 0,
    sent: 0,
    inFlight: 0,
    maxInFlight: 0,
    job: {
      name,
      wokenBy: options.wokenBy,
      async runOnce() {
        s.asked += 1;
        if (s.due === 0) return false;
        s.due -= 1;
        s.inFlight += 1;
        s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
        await new Promise((resolve) => setTimeout(resolve, options.sendMs ?? 10));
        s.inFlight -= 1;
        s.sent += 1;
        return true;
      },
    } satisfies JobSource,
  };
  return s;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Stops the worker, letting fake time run for its in-flight sends to finish. */
async function stopWithin(worker: BackgroundWorker, ms: number): Promise<void> {
  const stopped = worker.stop();
  await jest.advanceTimersByTimeAsync(ms);
  await stopped;
}

function start(sources: Array<ReturnType<typeof source>>) {
  const signal = createOutboxSignal();
  const worker = createOutboxWorker({
    sources: sources.map((s) => s.job),
    concurrency: 32,
    pollIntervalMs: 500,
    logger: logger as unknown as Logger,
    onWake: signal.onWake,
  });
  worker.start();
  return { signal, worker };
}

describe('the outbox worker', () => {
  it('asks an idle source about once per poll interval, whatever the number of slots', async () => {
    const mail = source('welcome');
    const hooks = source('webhooks');
    const { worker } = start([mail, hooks]);
    await jest.advanceTimersByTimeAsync(10_000);
    // 10 s at one question per 500 ms, plus the first: about 21 each (32 slots used to make 640).
    expect(mail.asked).toBeGreaterThanOrEqual(15);
    expect(mail.asked).toBeLessThanOrEqual(25);
    expect(hooks.asked).toBeLessThanOrEqual(25);
    await stopWithin(worker, 100);
  });

  it('finds work queued by another process at the next poll, and sends it in parallel', async () => {
    const mail = source('welcome', { sendMs: 1_000 });
    const { worker } = start([mail]);
    await jest.advanceTimersByTimeAsync(1_000);
    mail.due = 64; // queued elsewhere: no wake here
    await jest.advanceTimersByTimeAsync(600);
    expect(mail.inFlight).toBe(1); // the poll found one
    await jest.advanceTimersByTimeAsync(1_000);
    expect(mail.inFlight).toBeGreaterThan(16); // and with it, the others joined in
    await jest.advanceTimersByTimeAsync(5_000);
    expect(mail.sent).toBe(64);
    expect(mail.maxInFlight).toBe(32);
    await stopWithin(worker, 1_000);
  });

  it('a wake with a kind asks the sources of that kind at once, and leaves the others idle', async () => {
    const mail = source('welcome', { wokenBy: ['welcome'] });
    const resets = source('password-reset', { wokenBy: ['reset'] });
    const { signal, worker } = start([mail, resets]);
    await jest.advanceTimersByTimeAsync(100); // both asked once, now idle until 500 ms
    const [mailBefore, resetsBefore] = [mail.asked, resets.asked];
    mail.due = 1;
    signal.wake({ kind: 'welcome', tenantId: 't' });
    await jest.advanceTimersByTimeAsync(50);
    expect(mail.sent).toBe(1);
    expect(resets.asked).toBe(resetsBefore);
    expect(mail.asked).toBeGreaterThan(mailBefore);
    // A wake without a kind asks every source.
    signal.wake();
    await jest.advanceTimersByTimeAsync(5);
    expect(resets.asked).toBe(resetsBefore + 1);
    await stopWithin(worker, 100);
  });

  it('keeps polling while one slot is held by a slow send', async () => {
    const slow = source('welcome', { sendMs: 60_000 });
    const hooks = source('webhooks');
    const { worker } = start([slow, hooks]);
    slow.due = 1;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(slow.inFlight).toBe(1);
    const asked = hooks.asked;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(hooks.asked - asked).toBeGreaterThanOrEqual(8);
    await stopWithin(worker, 60_000);
  });
});
