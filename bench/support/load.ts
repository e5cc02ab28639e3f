import autocannon from 'autocannon';

/** One measured load: successful operations per second and latency percentiles in ms. */
export interface LoadResult {
  opsPerS: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
}

export interface HttpLoad {
  url: string;
  connections: number;
  durationS: number;
  method: 'GET' | 'POST' | 'PATCH';
  headers?: Record<string, string>;
  /** Called for every request: its path and body. */
  next: () => { path: string; body?: string };
}

/** Drives the server with autocannon at a fixed number of connections. */
export async function httpLoad(load: HttpLoad): Promise<LoadResult> {
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
      },
    ],
  });
  const ok = result['2xx'];
  return {
    opsPerS: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors,
  };
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
