/** Scenario sizes, from the environment; `--quick` or BENCH_QUICK=1 picks small ones to iterate. */
export interface BenchConfig {
  quick: boolean;
  /** Users in the tenant for S2 (each size), S3/S4 (the smallest) and S5 (the largest). */
  users: number[];
  durationS: number;
  connections: number;
  welcomeUsers: number;
  /** Users S9 provisions as Entra's initial cycle. */
  syncUsers: number;
  /** Seconds one S5 walk (index or cursor) may take before it stops and says so. */
  importBudgetS: number;
  /** Only these scenarios run (S1…S7); empty means all. */
  only: Set<string>;
}

function numberList(value: string | undefined, fallback: number[]): number[] {
  if (!value) return fallback;
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`BENCH_USERS must be positive integers separated by commas, got "${value}"`);
  }
  return [...list].sort((a, b) => a - b);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

export function readBenchConfig(argv: string[], env: NodeJS.ProcessEnv): BenchConfig {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  return {
    quick,
    users: numberList(env.BENCH_USERS, quick ? [200, 2_000] : [1_000, 10_000, 100_000]),
    durationS: positive('BENCH_DURATION_S', env.BENCH_DURATION_S, quick ? 3 : 10),
    connections: positive('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 16),
    welcomeUsers: positive('BENCH_WELCOME_USERS', env.BENCH_WELCOME_USERS, quick ? 300 : 10_000),
    syncUsers: positive('BENCH_SYNC_USERS', env.BENCH_SYNC_USERS, quick ? 300 : 10_000),
    importBudgetS: positive('BENCH_IMPORT_BUDGET_S', env.BENCH_IMPORT_BUDGET_S, quick ? 120 : 600),
    only: new Set(
      (env.BENCH_ONLY ?? '')
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  };
}
