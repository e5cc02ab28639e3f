import autocannon from 'autocannon';

/** One measured load: successful operations per second and latency percentiles in ms. */
export interface LoadResult {
  opsPerS: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  /**
   * CPU time of the server process per successful request, in ms, when the load was given a
   * `cpu` reader: measured around the load and, for writes, until their background work (events
   * relay, provisioning log) has settled.
   */
  cpuMsPerOp?: number;
}

/** Reads a server process's CPU time; `settle` resolves once the work a load caused is done. */
export interface CpuMeter {
  cpuMs(): number;
  settle?: () => Promise<void>;
}

export interface HttpLoad {
  url: string;
  connections: number;
  durationS: number;
  method: 'GET' | 'POST' | 'PATCH';
  headers?: Record<string, string>;
  /** Called for every request: its path and body. */
  next: () => { path: string; body?: string };
  /** The server's CPU, to report CPU per request. */
  cpu?: CpuMeter;
  /** Called with each answer's status and body (to keep the ids a create answered with). */
  onResponse?: (status: number, body: string) => void;
}

/** Drives the server with autocannon at a fixed number of connections. */
export async function httpLoad(load: HttpLoad): Promise<LoadResult> {
  const cpuBefore = load.cpu?.cpuMs();
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.durationS,
    // FerretDB scans can take many seconds; a slow answer is a measurement, not an error.
    timeout: 120,
    headers: load.headers,
    requests: [
      {
        method: load.method,
        setupRequest: (request) => {
          const { path, body } = load.next();
          return body === undefined ? { ...request, path } : { ...request, path, body };
        },
        ...(load.onResponse
          ? { onResponse: (status: number, body: string) => load.onResponse!(status, body) }
          : {}),
      },
    ],
  });
  const ok = result['2xx'];
  let cpuMsPerOp: number | undefined;
  if (load.cpu && cpuBefore !== undefined) {
    await load.cpu.settle?.();
    cpuMsPerOp = ok > 0 ? (load.cpu.cpuMs() - cpuBefore) / ok : undefined;
  }
  return {
    opsPerS: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors,
    ...(cpuMsPerOp === undefined ? {} : { cpuMsPerOp }),
  };
}

/**
 * Resolves once process CPU has been quiet (under `busyShare` of one core) for `windows`
 * windows of `windowMs` in a row: the background work a load left behind is done. Gives up
 * after `budgetMs` (a process that is never quiet is then measured as it is).
 */
export async function cpuQuiet(
  cpuMs: () => number,
  { windowMs = 250, windows = 3, busyShare = 0.05, budgetMs = 30_000 } = {},
): Promise<void> {
  const end = Date.now() + budgetMs;
  let quiet = 0;
  let last = cpuMs();
  while (quiet < windows && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuMs();
    quiet = now - last <= windowMs * busyShare ? quiet + 1 : 0;
    last = now;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Latencies and failures gathered over one or more closed-loop runs (see `closedLoop`). */
export class LoadSamples {
  readonly latencies: number[] = [];
  failed = 0;
  elapsedMs = 0;

  result(): LoadResult {
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      opsPerS: this.latencies.length / (this.elapsedMs / 1000),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      ok: this.latencies.length,
      failed: this.failed,
    };
  }
}

/**
 * `connections` concurrent loops, each calling `op(loop)` until `durationS` has passed or `op`
 * answers `'done'` (nothing left to send); a throw is a failed operation. Adds to `samples`, so
 * a measurement made in several runs (S12's batches of codes) is one result.
 */
export async function closedLoop(
  samples: LoadSamples,
  connections: number,
  durationS: number,
  op: (loop: number) => Promise<unknown>,
): Promise<void> {
  const start = performance.now();
  const end = start + durationS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          if ((await op(loop)) === 'done') return;
          samples.latencies.push(performance.now() - t0);
        } catch {
          samples.failed += 1;
        }
      }
    }),
  );
  samples.elapsedMs += performance.now() - start;
}

/**
 * The ceiling: `connections` concurrent loops calling one driver operation for `durationS`,
 * i.e. the same closed-loop concurrency autocannon applies to the server.
 */
export async function driverLoad(
  connections: number,
  durationS: number,
  op: () => Promise<unknown>,
): Promise<LoadResult> {
  const samples = new LoadSamples();
  await closedLoop(samples, connections, durationS, op);
  return samples.result();
}

export { percentile };
