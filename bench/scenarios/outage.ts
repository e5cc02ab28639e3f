import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../src/platform/db/embedded-database';
import { freePort } from '../../src/platform/db/engine/run-command';
import type { ScenarioContext } from '../support/context';
import type { LoadResult } from '../support/load';
import type { Row } from '../support/report';
import { BENCH_ADMIN, BENCH_SCIM_TOKEN, startServer } from '../support/server-process';

const ROUNDS = 10;
type Probe = 'SCIM' | 'admin' | '/readyz';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Latency and status of `ROUNDS` sequential requests, as a LoadResult (ok = answered 503). */
async function probe(send: () => Promise<Response>): Promise<LoadResult> {
  const times: number[] = [];
  let ok = 0;
  const started = Date.now();
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await send();
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status === 503) ok++;
  }
  times.sort((a, b) => a - b);
  const seconds = (Date.now() - started) / 1000;
  return {
    opsPerS: ROUNDS / seconds,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    ok,
    failed: ROUNDS - ok,
  };
}

/**
 * S11: what a client waits for while the database is away (README "Outages": SCIM and admin
 * answer 503 within 2 s, `/readyz` within 1.5 s), paused with SIGSTOP and stopped. The server
 * gets a database of its own, since this one is frozen and stopped.
 */
export async function benchOutage(ctx: ScenarioContext): Promise<Row[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scim-bench-outage-'));
  const port = await freePort();
  const start = () =>
    startEmbeddedDatabase({ dataDir: dir, port, durable: false, say: () => undefined });
  let db: EmbeddedDatabase = await start();
  const server = await startServer(`${db.uri}/bench_s11`, ctx.sendgrid.url);
  const rows: Row[] = [];
  try {
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    });
    const { token } = (await signIn.json()) as { token: string };
    const probes: Record<Probe, () => Promise<Response>> = {
      SCIM: () =>
        fetch(`${server.url}/scim/v2/Users`, {
          headers: { Authorization: `Bearer ${BENCH_SCIM_TOKEN}` },
        }),
      admin: () =>
        fetch(`${server.url}/api/admin/users`, { headers: { Authorization: `Bearer ${token}` } }),
      '/readyz': () => fetch(`${server.url}/readyz`),
    };
    const measure = async (state: string) => {
      for (const [name, send] of Object.entries(probes) as Array<
        [Probe, () => Promise<Response>]
      >) {
        ctx.say(`S11 ${state}: ${name}`);
        const result = await probe(send);
        const limitMs = name === '/readyz' ? 1_500 : 2_000;
        rows.push({
          scenario: `S11 outage, ${state}: ${name}`,
          server: result,
          target: `503 within ${limitMs / 1000} s`,
          met: result.failed === 0 && result.p99Ms <= limitMs,
          note: `${result.ok}/${ROUNDS} answered 503; slowest ${Math.round(result.p99Ms)} ms`,
        });
      }
    };
    db.pause!(true);
    try {
      await measure('engine paused (SIGSTOP)');
    } finally {
      db.pause!(false);
    }
    await db.stop();
    await measure('engine stopped');
    db = await start();
  } finally {
    await server.stop();
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
