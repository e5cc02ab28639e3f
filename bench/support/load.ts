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

/**
 * The ceiling: `connections` concurrent loops calling one driver operation for `durationS`,
 * i.e. the same closed-loop concurrency autocannon applies to the server.
 */
export async function driverLoad(
  connections: number,
  durationS: number,
  op: () => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const end = start + durationS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await op();
          latencies.push(performance.now() - t0);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const elapsedS = (performance.now() - start) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    opsPerS: latencies.length / elapsedS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    ok: latencies.length,
    failed,
  };
}

export { percentile };
