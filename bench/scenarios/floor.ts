import { spawn } from 'node:child_process';
import { openTenant, serverCpu, type ScenarioContext } from '../support/context';
import { httpLoad } from '../support/load';
import { ratioOf, type Row } from '../support/report';
import { freePort } from '../../src/platform/db/engine/run-command';

/** A bare node:http server, in its own process like the real one, answering fixed bytes. */
const BARE_SERVER = `
const { status, headers, body } = JSON.parse(process.env.BARE_RESPONSE);
require('node:http')
  .createServer((req, res) => { res.writeHead(status, headers); res.end(body); })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** S7: GET /healthz through the whole middleware chain vs a bare server sending the same bytes. */
export async function benchFloor(ctx: ScenarioContext): Promise<Row[]> {
  const { connections, durationS } = ctx.config;
  const tenant = await openTenant(ctx, 'bench_s7');
  const port = await freePort();
  const sample = await fetch(`${tenant.server.url}/healthz`);
  const headers: Record<string, string> = {};
  sample.headers.forEach((value, name) => {
    if (!PER_CONNECTION.has(name)) headers[name] = value;
  });
  const response = { status: sample.status, headers, body: await sample.text() };
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { PORT: String(port), BARE_RESPONSE: JSON.stringify(response) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      bare.stdout.once('data', () => resolve());
      bare.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    });
    ctx.say('S7 ceiling: bare node:http');
    const ceiling = await httpLoad({
      url: `http://127.0.0.1:${port}`,
      connections,
      durationS,
      method: 'GET',
      next: () => ({ path: '/healthz' }),
    });
    ctx.say('S7 server: GET /healthz');
    const server = await httpLoad({
      url: tenant.server.url,
      connections,
      durationS,
      method: 'GET',
      next: () => ({ path: '/healthz' }),
      cpu: serverCpu(tenant),
    });
    const ratio = ratioOf({ server, ceiling }) ?? 0;
    return [
      {
        scenario: 'S7 floor (GET /healthz)',
        server,
        ceiling,
        peakRssMb: tenant.server.peakRssMb(),
        target: '≥ 50% of bare',
        met: ratio >= 0.5,
        note: `bare server sends the same ${Object.keys(headers).length} headers and body`,
      },
    ];
  } finally {
    bare.kill('SIGTERM');
    await tenant.server.stop();
  }
}
