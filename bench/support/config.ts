/**
 * How S13 runs BoxyHQ Jackson beside us: its library on bare node:http (the yardstick the issue's
 * targets are checked against), inside an express app, and as its Next.js service ships.
 */
export const PEER_HOSTS = ['bare', 'express', 'next'] as const;
export type PeerHost = (typeof PEER_HOSTS)[number];

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
  /** The Jackson hosts S13 loads (BENCH_PEER_HOSTS, default all of them). */
  peerHosts: PeerHost[];
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

function peerHosts(value: string | undefined): PeerHost[] {
  if (!value) return [...PEER_HOSTS];
  const names = value.split(',').map((s) => s.trim().toLowerCase());
  const known = (name: string): name is PeerHost =>
    (PEER_HOSTS as readonly string[]).includes(name);
  const unknown = names.filter((name) => !known(name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_PEER_HOSTS takes ${PEER_HOSTS.join(', ')}, got "${value}"`);
  }
  return PEER_HOSTS.filter((host) => names.includes(host));
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
    peerHosts: peerHosts(env.BENCH_PEER_HOSTS),
  };
}
