import { openTenant, type ScenarioContext } from '../support/context';
import type { Row } from '../support/report';
import { seedUsers } from '../support/seed';
import { BENCH_SCIM_TOKEN, type ServerProcess } from '../support/server-process';

const TARGET_MS = 50;
const REPEAT = 3;

interface LimitRequest {
  name: string;
  method: 'POST' | 'PATCH' | 'GET';
  path: string;
  body?: unknown;
}

async function worstDelayMs(server: ServerProcess): Promise<number> {
  const res = await fetch(`${server.url}/healthz/event-loop`);
  return ((await res.json()) as { maxMs: number }).maxMs;
}

async function send(server: ServerProcess, r: LimitRequest): Promise<number> {
  const res = await fetch(`${server.url}/scim/v2${r.path}`, {
    method: r.method,
    headers: {
      Authorization: `Bearer ${BENCH_SCIM_TOKEN}`,
      'Content-Type': 'application/scim+json',
    },
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Just under 1 MiB: 1,000 addresses of about 1 KB each (the body and multi-valued limits). */
function largestUser(i: number): unknown {
  const line = 'x'.repeat(950);
  return {
    userName: `limits-large-${i}@bench.example`,
    addresses: Array.from({ length: 1000 }, (_, n) => ({
      type: 'work',
      formatted: `${n} ${line}`,
    })),
  };
}

/** A filter nested to the depth limit (32 levels of `not (…)`). */
const deepestFilter = `${'not ('.repeat(30)}userName eq "nobody"${')'.repeat(30)}`;

const patchOps = (n: number) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: Array.from({ length: n }, (_, i) => ({
    op: 'replace',
    path: 'displayName',
    value: `name ${i}`,
  })),
});

/**
 * Issue 7 item 4: requests at the limits must not stall the event loop. Each request kind is
 * sent a few times between two reads of the server's /healthz/event-loop (worst delay since
 * the previous read); the target is under 50 ms.
 */
export async function benchLimits(ctx: ScenarioContext): Promise<Row[]> {
  const tenant = await openTenant(ctx, 'bench_s8');
  const server = tenant.server;
  const memberIds = await seedUsers(tenant.users, tenant.template, 0, 1000);
  const group = await fetch(`${server.url}/scim/v2/Groups`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${BENCH_SCIM_TOKEN}`,
      'Content-Type': 'application/scim+json',
    },
    body: JSON.stringify({ displayName: 'Limits group' }),
  });
  const groupId = ((await group.json()) as { id: string }).id;
  const requests: Array<(i: number) => LimitRequest> = [
    (i) => ({
      name: 'largest body (≈1 MiB create)',
      method: 'POST',
      path: '/Users',
      body: largestUser(i),
    }),
    () => ({
      name: 'deepest filter (32 levels)',
      method: 'GET',
      path: `/Users?filter=${encodeURIComponent(deepestFilter)}`,
    }),
    () => ({
      name: 'longest PATCH (1,000 operations)',
      method: 'PATCH',
      path: `/Users/${tenant.template._id}`,
      body: patchOps(1000),
    }),
    (i) => ({
      name: 'biggest membership change (1,000 members)',
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          {
            op: i % 2 === 0 ? 'add' : 'remove',
            path: 'members',
            value: memberIds.map((value) => ({ value })),
          },
        ],
      },
    }),
    (i) => ({
      name: 'largest Bulk (1,000 operations)',
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: Array.from({ length: 1000 }, (_, n) => ({
          method: 'POST',
          path: '/Users',
          bulkId: `b${n}`,
          data: { userName: `bulk-${i}-${n}@bench.example` },
        })),
      },
    }),
  ];
  const rows: Row[] = [];
  try {
    for (const make of requests) {
      await worstDelayMs(server);
      const statuses: number[] = [];
      for (let i = 0; i < REPEAT; i++) statuses.push(await send(server, make(i)));
      const worst = await worstDelayMs(server);
      const name = make(0).name;
      ctx.say(`S8 ${name}: worst event-loop delay ${worst} ms (statuses ${statuses.join(',')})`);
      rows.push({
        scenario: `S8 ${name}`,
        peakRssMb: server.peakRssMb(),
        target: `event-loop delay < ${TARGET_MS} ms`,
        met: worst < TARGET_MS,
        note: `worst event-loop delay ${worst} ms over ${REPEAT} requests; statuses ${statuses.join(',')}`,
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}
