import { openTenant, randomOf, serverCpu, type ScenarioContext } from '../support/context';
import { driverLoad, httpLoad } from '../support/load';
import { ratioOf, type Row } from '../support/report';
import { seedUsers } from '../support/seed';
import { scimHeaders } from '../support/server-process';

/** Entra ID's PATCH (RFC 7644 §3.5.2 with Entra's capitalised op): replace two attributes. */
const entraPatch = (i: number): string =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'Replace', path: 'displayName', value: `Patched ${i}` },
      { op: 'Replace', path: 'name.familyName', value: `Family ${i}` },
    ],
  });

/** S3 GET /Users/{id} vs findOne by _id; S4 Entra PATCH vs findOneAndUpdate, on the smallest tenant. */
export async function benchReadAndPatch(ctx: ScenarioContext): Promise<Row[]> {
  const { connections, durationS } = ctx.config;
  const size = ctx.config.users[0]!;
  const tenant = await openTenant(ctx, 'bench_s3');
  try {
    ctx.say(`S3/S4 seeding ${size} users`);
    const ids = await seedUsers(tenant.users, tenant.template, 0, size);
    ctx.say('S3 ceiling: findOne by _id');
    const readCeiling = await driverLoad(connections, durationS, () =>
      tenant.users.findOne({ _id: randomOf(ids) }),
    );
    ctx.say('S3 server: GET /scim/v2/Users/{id}');
    const read = await httpLoad({
      url: tenant.server.url,
      connections,
      durationS,
      method: 'GET',
      headers: scimHeaders(),
      next: () => ({ path: `/scim/v2/Users/${randomOf(ids)}` }),
      cpu: serverCpu(tenant),
    });
    const readRss = tenant.server.peakRssMb();
    let n = 0;
    ctx.say('S4 ceiling: findOneAndUpdate');
    const patchCeiling = await driverLoad(connections, durationS, () => {
      const i = n++;
      return tenant.users.findOneAndUpdate(
        { _id: randomOf(ids) },
        {
          $set: {
            displayName: `Patched ${i}`,
            'name.familyName': `Family ${i}`,
            'meta.lastModified': new Date(),
          },
          $inc: { 'meta.version': 1 },
        },
        { returnDocument: 'after' },
      );
    });
    ctx.say('S4 server: PATCH /scim/v2/Users/{id}');
    const patch = await httpLoad({
      url: tenant.server.url,
      connections,
      durationS,
      method: 'PATCH',
      headers: scimHeaders(),
      next: () => ({ path: `/scim/v2/Users/${randomOf(ids)}`, body: entraPatch(n++) }),
      cpu: serverCpu(tenant, true),
    });
    return [
      {
        scenario: `S3 read (${size} users)`,
        server: read,
        ceiling: readCeiling,
        peakRssMb: readRss,
        target: '≥ 60% of ceiling',
        met: (ratioOf({ server: read, ceiling: readCeiling }) ?? 0) >= 0.6,
        note: `${read.failed} failed`,
      },
      {
        scenario: `S4 patch (${size} users)`,
        server: patch,
        ceiling: patchCeiling,
        peakRssMb: tenant.server.peakRssMb(),
        target: '— (reported)',
        note: `${patch.failed} failed; ceiling ${patchCeiling.failed} failed`,
      },
    ];
  } finally {
    await tenant.server.stop();
  }
}
