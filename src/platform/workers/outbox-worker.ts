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
  /**
   * How long after finding nothing the source is asked again (default: the worker's poll
   * interval). A source that answers from memory when it knows there is nothing to do (the
   * events relay) may ask to be asked often.
   */
  readonly idlePollMs?: number;
  /** Which queued kinds (`WakeOutbox`'s `kind`) wake it; a wake without a kind wakes every source. */
  readonly wokenBy?: readonly string[];
  /** Lets the source wake itself (the relay, when this process writes an event). */
  onDue?(wake: () => void): void;
}

export interface OutboxWorkerOptions {
  sources: JobSource[];
  concurrency: number;
  logger: Logger;
  /** How often an idle source is asked for work; `wake()` cuts the wait short. */
  pollIntervalMs?: number;
  onWake: (listener: (queued?: { kind: string }) => void) => void;
  /** Housekeeping run about once a minute (e.g. expired rate-limit counters). */
  sweep?: () => Promise<void>;
}

/** Where one source stands in this process. */
interface SourceState {
  /** Not asked before this time (ms): it found nothing when last asked. */
  idleUntil: number;
  /** One slot is asking it whether it has work; the others leave it alone meanwhile. */
  probing: boolean;
  /** It found work when last asked: every slot may take from it. */
  active: boolean;
}

/**
 * Runs `concurrency` slots that take turns over the sources. Any number of workers in any
 * number of processes may run: taking a send lease is one conditional update, so a job has one sender.
 *
 * An idle source costs one question per poll interval per process, not one per slot: a source
 * that found nothing is left alone until its poll interval has passed or a wake names it; then
 * one slot asks it, and only when it has work do the other slots join in. Idle slots sleep
 * until work is due (one of them keeps the poll timetable; the others wait to be woken).
 */
export function createOutboxWorker(options: OutboxWorkerOptions): BackgroundWorker {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const { sources } = options;
  const states: SourceState[] = sources.map(() => ({
    idleUntil: 0,
    probing: false,
    active: false,
  }));
  let running = false;
  let timekeeper = false;
  let slots: Array<Promise<void>> = [];
  const sleepers = new Set<() => void>();
  let sweepTimer: NodeJS.Timeout | undefined;

  const wakeSlots = () => {
    for (const wake of [...sleepers]) wake();
  };
  const wakeOne = () => {
    const [first] = sleepers;
    first?.();
  };
  const wakeSource = (index: number) => {
    states[index]!.idleUntil = 0;
    wakeSlots();
  };
  options.onWake((queued) => {
    sources.forEach((source, index) => {
      if (!queued?.kind || !source.wokenBy || source.wokenBy.includes(queued.kind)) {
        states[index]!.idleUntil = 0;
      }
    });
    wakeSlots();
  });
  sources.forEach((source, index) => source.onDue?.(() => wakeSource(index)));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      sleepers.add(done);
    });

  /** How long the timekeeping slot sleeps: until the next source is due to be asked. */
  const untilNextDue = (): number => {
    const now = Date.now();
    let next = now + pollIntervalMs;
    for (const state of states) if (!state.probing) next = Math.min(next, state.idleUntil);
    return next - now;
  };

  async function ask(index: number): Promise<boolean> {
    const source = sources[index]!;
    const state = states[index]!;
    const probe = !state.active;
    if (probe) state.probing = true;
    let found = false;
    try {
      found = await source.runOnce();
    } catch (error) {
      options.logger.warn('outbox job failed to run; it will be retried', {
        source: source.name,
        error,
      });
    } finally {
      if (probe) state.probing = false;
    }
    if (found) {
      state.idleUntil = 0;
      if (!state.active) {
        state.active = true;
        wakeSlots(); // work was found: the other slots join in
      }
    } else {
      state.active = false;
      state.idleUntil = Date.now() + (source.idlePollMs ?? pollIntervalMs);
    }
    return found;
  }

  async function slot(first: number): Promise<void> {
    let turn = first;
    while (running) {
      let worked = false;
      for (let i = 0; i < sources.length && running; i++) {
        const k = (turn + i) % sources.length;
        const state = states[k]!;
        if (Date.now() < state.idleUntil || (state.probing && !state.active)) continue;
        if (await ask(k)) worked = true;
      }
      turn++;
      if (worked || !running) continue;
      // One sleeping slot keeps the timetable (whichever is free: a slot busy with a slow send
      // does not hold it); the others sleep until woken, with a long backstop.
      if (timekeeper) {
        await sleep(pollIntervalMs * 10);
        continue;
      }
      timekeeper = true;
      try {
        await sleep(untilNextDue());
      } finally {
        timekeeper = false;
      }
      // Hand the timetable on before asking: this slot may now be held by a slow send.
      wakeOne();
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
      wakeSlots();
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
