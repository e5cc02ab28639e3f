import { openTenant, type ScenarioContext } from '../support/context';
import { percentile } from '../support/load';
import type { Row } from '../support/report';
import {
  scimHeaders,
  switchWelcomeOn,
  userBody,
  type ServerProcess,
} from '../support/server-process';

type Step = 'lookup' | 'create' | 'patch user' | 'patch group';
const STEPS: Step[] = ['lookup', 'create', 'patch user', 'patch group'];
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Timings of one request type, in the order the requests finished. */
type Timings = Record<Step, number[]>;

async function timed(timings: Timings, step: Step, request: () => Promise<Response>) {
  const t0 = performance.now();
  const res = await request();
  timings[step].push(performance.now() - t0);
  return res;
}

/**
 * One user as Entra ID's initial cycle provisions it: "does it exist" (filter userName eq),
 * create, then the PATCHes that set the manager (a PATCH of the user) and add the user to a
 * group (a PATCH of the group), one after the other as Entra sends them.
 */
async function provision(
  server: ServerProcess,
  timings: Timings,
  i: number,
  groupId: string,
  managerId: string | undefined,
): Promise<string> {
  const userName = `s9-${i}@bench.example`;
  const filter = encodeURIComponent(`userName eq "${userName}"`);
  const lookup = await timed(timings, 'lookup', () =>
    fetch(`${server.url}/scim/v2/Users?filter=${filter}`, { headers: scimHeaders() }),
  );
  if (lookup.status !== 200) throw new Error(`lookup ${userName}: ${lookup.status}`);
  await lookup.arrayBuffer();
  const created = await timed(timings, 'create', () =>
    fetch(`${server.url}/scim/v2/Users`, {
      method: 'POST',
      headers: scimHeaders(),
      body: JSON.stringify(userBody(userName)),
    }),
  );
  const { id } = (await created.json()) as { id: string };
  if (created.status !== 201) throw new Error(`create ${userName}: ${created.status}`);
  if (managerId) {
    const manager = await timed(timings, 'patch user', () =>
      fetch(`${server.url}/scim/v2/Users/${id}`, {
        method: 'PATCH',
        headers: scimHeaders(),
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: managerId } }],
        }),
      }),
    );
    if (manager.status !== 200) throw new Error(`manager PATCH ${userName}: ${manager.status}`);
    await manager.arrayBuffer();
  }
  const member = await timed(timings, 'patch group', () =>
    fetch(`${server.url}/scim/v2/Groups/${groupId}`, {
      method: 'PATCH',
      headers: scimHeaders(),
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
      }),
    }),
  );
  if (member.status !== 204 && member.status !== 200)
    throw new Error(`group PATCH ${userName}: ${member.status}`);
  await member.arrayBuffer();
  return id;
}

async function createGroups(server: ServerProcess, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let g = 0; g < count; g++) {
    const res = await fetch(`${server.url}/scim/v2/Groups`, {
      method: 'POST',
      headers: scimHeaders(),
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: `S9 group ${g}`,
      }),
    });
    if (res.status !== 201) throw new Error(`group ${g}: ${res.status}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

const p99Of = (values: number[]) => percentile(Float64Array.from(values).sort(), 99);

/**
 * S9 "Entra initial sync": BENCH_SYNC_USERS users (default 10,000), each lookup → create →
 * PATCH (manager and one group membership), at concurrency 4 with the welcome switch on.
 * Reports the total time, p99 per request type over the first and last 10 % of users, and the
 * welcome emails the SendGrid stand-in accepted (each user exactly once).
 */
export async function benchEntraSync(ctx: ScenarioContext): Promise<Row[]> {
  const count = ctx.config.syncUsers;
  const concurrency = 4;
  const tenant = await openTenant(ctx, 'bench_s9');
  const { sendgrid } = ctx;
  const timings: Timings = { lookup: [], create: [], 'patch user': [], 'patch group': [] };
  try {
    await switchWelcomeOn(tenant.server);
    const before = sendgrid.accepted();
    const groups = await createGroups(tenant.server, 20);
    const ids: string[] = [];
    let next = 0;
    let failed = 0;
    const started = Date.now();
    const cpuBefore = tenant.server.cpuMs();
    ctx.say(`S9 provisioning ${count} users as Entra's initial cycle (concurrency ${concurrency})`);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          try {
            const manager = ids.length > 0 ? ids[Math.floor(i / 10) % ids.length] : undefined;
            ids.push(
              await provision(tenant.server, timings, i, groups[i % groups.length]!, manager),
            );
          } catch (error) {
            failed += 1;
            if (failed <= 3) ctx.say(`S9: ${(error as Error).message}`);
          }
        }
      }),
    );
    const syncS = (Date.now() - started) / 1000;
    await sendgrid.waitForAccepted(before + ids.length, Math.max(120_000, count * 50));
    // One figure for the cycle: its CPU over every request it sent (each step's row shows it).
    const requests = STEPS.reduce((n, step) => n + timings[step].length, 0);
    const cpuMsPerOp = requests > 0 ? (tenant.server.cpuMs() - cpuBefore) / requests : undefined;
    await new Promise((r) => setTimeout(r, 2_000));
    let duplicates = 0;
    let missing = 0;
    for (const id of ids) {
      const arrivals = sendgrid.arrivals.get(id)?.length ?? 0;
      if (arrivals === 0) missing += 1;
      if (arrivals > 1) duplicates += arrivals - 1;
    }
    const tenth = Math.max(1, Math.floor(count / 10));
    const rows: Row[] = STEPS.map((step) => {
      const all = timings[step];
      const start = p99Of(all.slice(0, tenth));
      const end = p99Of(all.slice(-tenth));
      return {
        scenario: `S9 ${step} (${count} users)`,
        server: {
          opsPerS: all.length / syncS,
          p50Ms: percentile(Float64Array.from(all).sort(), 50),
          p99Ms: end,
          ok: all.length,
          failed,
          cpuMsPerOp,
        },
        peakRssMb: tenant.server.peakRssMb(),
        target: 'p99 < 250 ms at the end',
        met: end < 250 && failed === 0,
        note: `p99 first 10 % ${start.toFixed(1)} ms, last 10 % ${end.toFixed(1)} ms`,
      };
    });
    rows.push({
      scenario: `S9 total (${count} users)`,
      target: 'every user, one email each',
      met: failed === 0 && missing === 0 && duplicates === 0,
      note:
        `${syncS.toFixed(0)} s for ${ids.length} users (${(ids.length / syncS).toFixed(1)} users/s), ` +
        `${failed} failed; emails accepted ${ids.length - missing}, missing ${missing}, duplicates ${duplicates}`,
    });
    return rows;
  } finally {
    await tenant.server.stop();
  }
}
