import { openTenant, serverCpu, type ScenarioContext } from '../support/context';
import { driverLoad, httpLoad, type LoadResult } from '../support/load';
import { ratioOf, type Row } from '../support/report';
import { seededName, seedUsers } from '../support/seed';
import { scimHeaders } from '../support/server-process';

export const LOOKUP_DB = 'bench_s2';

/**
 * S2: Entra's and Okta's "does this user exist" query, `filter=userName eq "…"` (RFC 7644
 * §3.4.2.2), as the tenant grows through each size; the ceiling is the driver's findOne on the
 * indexed (tenantId, userName_lc). Leaves the largest tenant in LOOKUP_DB for S5.
 */
export async function benchLookup(ctx: ScenarioContext): Promise<Row[]> {
  const { connections, durationS, users: sizes } = ctx.config;
  const tenant = await openTenant(ctx, LOOKUP_DB);
  const tenantId = tenant.template.tenantId as string;
  const rows: Row[] = [];
  const p99BySize: Array<{ size: number; server: LoadResult }> = [];
  try {
    let seeded = 0;
    for (const size of sizes) {
      const started = Date.now();
      await seedUsers(tenant.users, tenant.template, seeded, size);
      ctx.say(`S2 seeded ${size} users (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      seeded = size;
      const pick = () => seededName(Math.floor(Math.random() * size));
      ctx.say(`S2 ceiling at ${size}: findOne by userName_lc`);
      const ceiling = await driverLoad(connections, durationS, () =>
        tenant.users.findOne({ tenantId, userName_lc: pick() }),
      );
      ctx.say(`S2 server at ${size}: filter=userName eq`);
      const server = await httpLoad({
        url: tenant.server.url,
        connections,
        durationS,
        method: 'GET',
        headers: scimHeaders(),
        next: () => ({
          path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${pick()}"`)}`,
        }),
        cpu: serverCpu(tenant),
      });
      p99BySize.push({ size, server });
      const ratio = ratioOf({ server, ceiling }) ?? 0;
      rows.push({
        scenario: `S2 lookup (${size} users)`,
        server,
        ceiling,
        peakRssMb: tenant.server.peakRssMb(),
        target: '≥ 60% of ceiling',
        met: ratio >= 0.6,
        note:
          server.ok === 0
            ? `no lookup answered within the ${durationS} s load`
            : `${server.ok} lookups, ${server.failed} failed`,
      });
    }
    const first = p99BySize[0]!;
    const last = p99BySize[p99BySize.length - 1]!;
    // No answer within the load means p99 is at least the load's length.
    const p99 = (r: LoadResult) => (r.ok === 0 ? durationS * 1000 : r.p99Ms);
    const growth = p99(last.server) / p99(first.server);
    const unanswered = last.server.ok === 0 || first.server.ok === 0;
    rows.push({
      scenario: `S2 p99 ${last.size} vs ${first.size}`,
      target: '≤ 1.5×',
      met: p99BySize.length > 1 && !unanswered && growth <= 1.5,
      note: unanswered
        ? `p99 at ${last.size} > ${durationS * 1000} ms (no answer within the load) vs ${first.server.p99Ms.toFixed(0)} ms`
        : `p99 ${last.server.p99Ms.toFixed(1)} ms / ${first.server.p99Ms.toFixed(1)} ms = ${growth.toFixed(2)}×`,
    });
    return rows;
  } finally {
    await tenant.server.stop();
  }
}
