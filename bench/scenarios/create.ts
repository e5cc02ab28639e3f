import { driverLoad, httpLoad } from '../support/load';
import { openTenant, serverCpu, type ScenarioContext } from '../support/context';
import type { Row } from '../support/report';
import { ratioOf } from '../support/report';
import { cloneUser } from '../support/seed';
import { scimHeaders, switchWelcomeOn, userBody } from '../support/server-process';

/** S1: POST /Users with the welcome switch on, against the driver's insertOne of the same document. */
export async function benchCreate(ctx: ScenarioContext): Promise<Row[]> {
  const { connections, durationS } = ctx.config;
  const tenant = await openTenant(ctx, 'bench_s1');
  try {
    await switchWelcomeOn(tenant.server);
    let n = 0;
    ctx.say('S1 ceiling: insertOne');
    const ceiling = await driverLoad(connections, durationS, () =>
      tenant.users.insertOne(cloneUser(tenant.template, `s1c-${n++}@bench.example`)),
    );
    ctx.say('S1 server: POST /scim/v2/Users');
    const server = await httpLoad({
      url: tenant.server.url,
      connections,
      durationS,
      method: 'POST',
      headers: scimHeaders(),
      next: () => ({
        path: '/scim/v2/Users',
        body: JSON.stringify(userBody(`s1-${n++}@bench.example`)),
      }),
      cpu: serverCpu(tenant, true),
    });
    const peakRssMb = tenant.server.peakRssMb();
    const ratio = ratioOf({ server, ceiling }) ?? 0;
    return [
      {
        scenario: 'S1 create (switch on)',
        server,
        ceiling,
        peakRssMb,
        target: '≥ 50% of ceiling; RSS < 300 MB',
        met: ratio >= 0.5 && peakRssMb < 300,
        note: `${server.ok} created, ${server.failed} failed; RSS ${peakRssMb < 300 ? 'ok' : 'over'}`,
      },
    ];
  } finally {
    await tenant.server.stop();
  }
}
