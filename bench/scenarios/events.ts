import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openTenant, type ScenarioContext } from '../support/context';
import { percentile } from '../support/load';
import type { Row } from '../support/report';
import {
  BENCH_ADMIN,
  createUserOverHttp,
  scimHeaders,
  type ServerProcess,
} from '../support/server-process';

/** A loopback receiver: the arrival time of each webhook-id, and every resource's versions in order. */
async function startReceiver() {
  const arrivals = new Map<string, number[]>();
  const userOf = new Map<string, number>();
  const versionsOf = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      arrivals.set(id, [...(arrivals.get(id) ?? []), Date.now()]);
      const event = JSON.parse(body) as { type: string; resourceId: string; version: number };
      if (event.type === 'user.created') userOf.set(event.resourceId, Date.now());
      versionsOf.set(event.resourceId, [
        ...(versionsOf.get(event.resourceId) ?? []),
        event.version,
      ]);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    userOf,
    versionsOf,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function addEndpoint(server: ServerProcess, url: string): Promise<void> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${server.url}/api/admin/webhooks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ url, types: ['user.created', 'user.updated'] }),
  });
  if (res.status !== 201) throw new Error(`adding the webhook endpoint answered ${res.status}`);
}

async function patchTitle(server: ServerProcess, id: string): Promise<void> {
  const res = await fetch(`${server.url}/scim/v2/Users/${id}`, {
    method: 'PATCH',
    headers: scimHeaders(),
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'title', value: 'Benchmarked' }],
    }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`patch ${id}: ${res.status}`);
}

/**
 * S10: events end to end at the welcome scenario's scale: N SCIM creates, each followed by a
 * PATCH, until both webhooks reached a receiver on loopback: deliveries/s, create→user.created
 * received p50/p99, lost and duplicated messages, and per-resource order.
 */
export async function benchEvents(ctx: ScenarioContext): Promise<Row[]> {
  const count = ctx.config.welcomeUsers;
  const receiver = await startReceiver();
  const tenant = await openTenant(ctx, 'bench_s10', {
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
  });
  try {
    await addEndpoint(tenant.server, receiver.url);
    const createdAt = new Map<string, number>();
    let next = 0;
    let failedCreates = 0;
    const started = Date.now();
    const cpuBefore = tenant.server.cpuMs();
    ctx.say(`S10 creating ${count} users, each followed to its webhook`);
    await Promise.all(
      Array.from({ length: ctx.config.connections }, async () => {
        while (next < count) {
          const i = next++;
          try {
            const id = await createUserOverHttp(tenant.server, `s10-${i}@bench.example`);
            createdAt.set(id, Date.now());
            await patchTitle(tenant.server, id);
          } catch {
            failedCreates += 1;
          }
        }
      }),
    );
    const deadline = Date.now() + Math.max(120_000, count * 100);
    while (Date.now() < deadline && [...createdAt.keys()].some((id) => !receiver.userOf.has(id))) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const cpuMs = tenant.server.cpuMs() - cpuBefore;
    const latencies: number[] = [];
    let lost = 0;
    let last = started;
    for (const [id, created] of createdAt) {
      const at = receiver.userOf.get(id);
      if (at === undefined) lost += 1;
      else {
        latencies.push(at - created);
        last = Math.max(last, at);
      }
    }
    const duplicates = [...receiver.arrivals.values()].reduce((n, a) => n + a.length - 1, 0);
    // Order per resource: versions never go back (a repeat of the same version is a duplicate).
    const outOfOrder = [...receiver.versionsOf.values()].filter((v) =>
      v.some((version, i) => i > 0 && version < v[i - 1]!),
    ).length;
    const deliveries = [...receiver.arrivals.values()].length;
    const seconds = (last - started) / 1000;
    const perS = deliveries / Math.max(seconds, 0.001);
    const sorted = Float64Array.from(latencies).sort();
    return [
      {
        scenario: `S10 events (${count} users)`,
        server: {
          opsPerS: perS,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          ok: latencies.length,
          failed: lost,
          // Per delivery: the create or PATCH, the relay, the webhook send.
          cpuMsPerOp: deliveries > 0 ? cpuMs / deliveries : undefined,
        },
        peakRssMb: tenant.server.peakRssMb(),
        target: '0 lost, order kept (reported)',
        met: lost === 0 && failedCreates === 0 && outOfOrder === 0,
        note:
          `${deliveries} deliveries (user.created + user.updated) over ${seconds.toFixed(0)} s; ` +
          `p50/p99 = create→user.created received; ${failedCreates} failed creates; ` +
          `lost ${lost}, duplicates ${duplicates}, resources out of order ${outOfOrder}`,
      },
    ];
  } finally {
    await tenant.server.stop();
    await receiver.close();
  }
}
