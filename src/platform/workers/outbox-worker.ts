import type { Logger } from '../logging/logger';
import type { BackgroundWorker } from './background-worker';

/**
 * One kind of job the outbox sends. Each send holds a lease until its outcome is written, so
 * stopping after the in-flight sends finish leaves no lease behind.
 */
export interface JobSource {
  readonly name: string;
  /** Claims one due job (its send lease: one conditional update) and sends it; false when none was due. */
  runOnce(): Promise<boolean>;
}

export interface OutboxWorkerOptions {
  sources: JobSource[];
  concurrency: number;
  logger: Logger;
  /** How often an idle slot looks for work; `wake()` cuts the wait short. */
  pollIntervalMs?: number;
  onWake: (listener: () => void) => void;
  /** Housekeeping run about once a minute (e.g. expired rate-limit counters). */
  sweep?: () => Promise<void>;
}

/**
 * Runs `concurrency` slots that take turns over the sources. Any number of workers in any
 * number of processes may run: taking a send lease is one conditional update, so a job has one sender.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): BackgroundWorker {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  let running = false;
  let slots: Array<Promise<void>> = [];
  const sleepers = new Set<() => void>();
  let sweepTimer: NodeJS.Timeout | undefined;

  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  options.onWake(wakeAll);

  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      sleepers.add(done);
    });

  async function slot(index: number): Promise<void> {
    let turn = index;
    while (running) {
      let worked = false;
      for (let i = 0; i < options.sources.length && running; i++) {
        const source = options.sources[(turn + i) % options.sources.length]!;
        try {
          if (await source.runOnce()) worked = true;
        } catch (error) {
          options.logger.warn('outbox job failed to run; it will be retried', {
            source: source.name,
            error,
          });
        }
      }
      turn++;
      if (!worked && running) await idle();
    }
  }

  return {
    start() {
      if (running || options.concurrency <= 0) return;
      running = true;
      slots = Array.from({ length: options.concurrency }, (_, i) => slot(i));
      if (options.sweep) {
        sweepTimer = setInterval(() => void options.sweep?.().catch(() => undefined), 60_000);
        sweepTimer.unref();
      }
    },
    async stop() {
      if (!running) return;
      running = false;
      if (sweepTimer) clearInterval(sweepTimer);
      wakeAll();
      await Promise.all(slots);
    },
  };
}

/** OUTBOX_RETRY_MAX_MS's default: the longest wait between two attempts without a provider hint. */
export const DEFAULT_RETRY_MAX_MS = 30_000;

/** How a JobSource spaces its attempts (OUTBOX_RETRY_BASE_MS, OUTBOX_RETRY_MAX_MS). */
export interface RetryPolicy {
  baseMs: number;
  maxMs?: number;
}

/**
 * Exponential backoff with jitter (half to full of the ceiling), the ceiling capped at
 * `maxMs` so a job that failed many times is still retried often enough to go out within a
 * minute or two of the provider recovering. A provider's hint (SendGrid `X-RateLimit-Reset`)
 * wins when it is longer, even past the cap: sending earlier would only be refused again.
 */
export function retryDelayMs(
  attempt: number,
  policy: number | RetryPolicy,
  hintMs?: number,
  random: () => number = Math.random,
): number {
  const { baseMs, maxMs = DEFAULT_RETRY_MAX_MS } =
    typeof policy === 'number' ? { baseMs: policy } : policy;
  const ceiling = Math.min(baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 30), maxMs);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(jittered, hintMs ?? 0);
}

/**
 * A process-local list of due job ids, refilled with one query when empty, so that N slots
 * do not each scan for work after every send. Ids may be stale: each claim is a conditional
 * update that re-checks the job is still due.
 */
export function createCandidateBuffer(fetch: () => Promise<string[]>): {
  next(): Promise<string | undefined>;
} {
  let buffer: string[] = [];
  let refill: Promise<void> | undefined;
  return {
    async next() {
      if (buffer.length === 0) {
        refill ??= fetch()
          .then((ids) => {
            buffer = shuffle(ids);
          })
          .finally(() => {
            refill = undefined;
          });
        await refill;
      }
      return buffer.shift();
    },
  };
}

/** Processes that fetch the same due jobs try them in different orders, so claims rarely collide. */
function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
