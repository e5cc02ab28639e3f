import { openTenant, type ScenarioContext } from '../support/context';
import type { Row } from '../support/report';
import { scimHeaders, type ServerProcess } from '../support/server-process';
import { LOOKUP_DB } from './lookup';

const PAGE = 100;
const SAMPLE = 5;

interface ListResponse {
  totalResults: number;
  Resources?: unknown[];
  nextCursor?: string;
}

interface Walk {
  pageMs: number[];
  users: number;
  total: number;
  complete: boolean;
  seconds: number;
  /** Server CPU over the walk, in ms (set by the caller). */
  cpuMs?: number;
}

async function getPage(server: ServerProcess, query: string): Promise<[ListResponse, number]> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/scim/v2/Users?${query}`, { headers: scimHeaders() });
  const body = (await res.json()) as ListResponse;
  if (res.status !== 200) throw new Error(`list ${query}: ${res.status}`);
  return [body, performance.now() - t0];
}

/** Okta's import: page after page, one at a time, until the list is exhausted or time is up. */
async function walk(server: ServerProcess, cursors: boolean, budgetS: number): Promise<Walk> {
  const started = performance.now();
  const pageMs: number[] = [];
  let users = 0;
  let total = 0;
  let cursor: string | undefined = '';
  let startIndex = 1;
  while (performance.now() - started < budgetS * 1000) {
    const query: string = cursors
      ? `count=${PAGE}&cursor=${encodeURIComponent(cursor ?? '')}`
      : `count=${PAGE}&startIndex=${startIndex}`;
    const [body, ms] = await getPage(server, query);
    pageMs.push(ms);
    total = body.totalResults;
    const got = body.Resources?.length ?? 0;
    users += got;
    startIndex += got;
    cursor = body.nextCursor;
    const done = cursors ? !cursor : got === 0 || startIndex > total;
    if (done) return { pageMs, users, total, complete: true, seconds: secondsSince(started) };
  }
  return { pageMs, users, total, complete: false, seconds: secondsSince(started) };
}

const secondsSince = (t0: number) => (performance.now() - t0) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Mean page time over the first, middle and last SAMPLE pages of a walk. */
function startMiddleEnd(pageMs: number[]): [number, number, number] {
  const mid = Math.max(0, Math.floor(pageMs.length / 2) - Math.floor(SAMPLE / 2));
  return [
    mean(pageMs.slice(0, SAMPLE)),
    mean(pageMs.slice(mid, mid + SAMPLE)),
    mean(pageMs.slice(-SAMPLE)),
  ];
}

/** An index walk that ran out of time can still be sampled: startIndex jumps straight there. */
async function sampleIndex(
  server: ServerProcess,
  total: number,
): Promise<[number, number, number]> {
  const at = async (first: number) => {
    const times: number[] = [];
    for (let i = 0; i < SAMPLE; i++) {
      times.push((await getPage(server, `count=${PAGE}&startIndex=${first + i * PAGE}`))[1]);
    }
    return mean(times);
  };
  const last = Math.max(1, total - SAMPLE * PAGE + 1);
  return [await at(1), await at(Math.floor(total / 2)), await at(last)];
}

function row(mode: string, w: Walk, sme: [number, number, number], server: ServerProcess): Row {
  const [start, middle, end] = sme;
  const sorted = [...w.pageMs].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const flat = end / start;
  const cursors = mode === 'cursors';
  const walked = w.complete
    ? `all ${w.users} users in ${w.seconds.toFixed(0)} s`
    : `stopped after ${w.users} of ${w.total} users (${w.seconds.toFixed(0)} s budget)`;
  return {
    scenario: `S5 import, ${mode} (${w.total} users)`,
    server: {
      opsPerS: w.pageMs.length / w.seconds,
      p50Ms: p(0.5),
      p99Ms: p(0.99),
      ok: w.pageMs.length,
      failed: 0,
      cpuMsPerOp:
        w.cpuMs !== undefined && w.pageMs.length > 0 ? w.cpuMs / w.pageMs.length : undefined,
    },
    peakRssMb: server.peakRssMb(),
    target: cursors ? 'end/start ≤ 1.5' : '— (reported)',
    met: cursors ? w.complete && flat <= 1.5 : undefined,
    note: `page ms start/middle/end ${start.toFixed(0)}/${middle.toFixed(0)}/${end.toFixed(0)} (end/start ${flat.toFixed(2)}); ${walked}`,
  };
}

/** S5: Okta-style import of the largest S2 tenant, by startIndex/count=100 and by cursor. */
export async function benchImport(ctx: ScenarioContext): Promise<Row[]> {
  const tenant = await openTenant(ctx, LOOKUP_DB, { keep: true });
  try {
    ctx.say('S5 index pagination walk');
    let cpuBefore = tenant.server.cpuMs();
    const index = await walk(tenant.server, false, ctx.config.importBudgetS);
    index.cpuMs = tenant.server.cpuMs() - cpuBefore;
    const indexSme = index.complete
      ? startMiddleEnd(index.pageMs)
      : await sampleIndex(tenant.server, index.total);
    ctx.say('S5 cursor pagination walk');
    cpuBefore = tenant.server.cpuMs();
    const cursor = await walk(tenant.server, true, ctx.config.importBudgetS);
    cursor.cpuMs = tenant.server.cpuMs() - cpuBefore;
    return [
      row('startIndex', index, indexSme, tenant.server),
      row('cursors', cursor, startMiddleEnd(cursor.pageMs), tenant.server),
    ];
  } finally {
    await tenant.server.stop();
  }
}
