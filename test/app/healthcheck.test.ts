import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

/** The Dockerfile's HEALTHCHECK: its options and the command, as Docker would run it. */
function healthcheck(): { options: Record<string, string>; argv: string[] } {
  const dockerfile = readFileSync(path.join(__dirname, '../../Dockerfile'), 'utf8');
  const line = /^HEALTHCHECK((?:.*\\\n)*.*)$/m.exec(dockerfile)?.[1]?.replace(/\\\n/g, ' ');
  if (!line) throw new Error('no HEALTHCHECK in the Dockerfile');
  const [flags, command] = line.split(/\bCMD\b/).map((s) => s.trim()) as [string, string];
  const options = Object.fromEntries(
    [...flags.matchAll(/--([a-z-]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
  );
  // Exec form (JSON array) or shell form (run by /bin/sh -c).
  const argv = command.startsWith('[')
    ? (JSON.parse(command) as string[])
    : ['/bin/sh', '-c', command];
  return { options, argv };
}

const run = (argv: string[], port: number) =>
  new Promise<number>((resolve) => {
    const child = execFile(argv[0]!, argv.slice(1), {
      env: { ...process.env, PORT: String(port) },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });

let t: TestApp;
let server: http.Server;
let port: number;

beforeAll(async () => {
  t = await createTestApp('healthcheck');
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('the container HEALTHCHECK', () => {
  it('is cheap: it starts no Node.js process (a new one took 2.7–4.0 s on a busy 2-core host)', () => {
    const { argv } = healthcheck();
    expect(argv.join(' ')).not.toMatch(/\bnode\b/);
  });

  it('gives a busy host time: a timeout of at least 10 s', () => {
    const seconds = parseInt(healthcheck().options.timeout ?? '30', 10);
    expect(seconds).toBeGreaterThanOrEqual(10);
  });

  it('passes against a healthy server and fails where nothing answers', async () => {
    const { argv } = healthcheck();
    expect(await run(argv, port)).toBe(0);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await run(argv, closedPort)).not.toBe(0);
  });
});
