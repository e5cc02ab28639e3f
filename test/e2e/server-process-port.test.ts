import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ports from '../../src/platform/db/engine/run-command';
import { startServerProcess } from '../support/server-process';
import { startWelcomeProcesses, type WelcomeProcesses } from './welcome-processes';

// The harness picks a free port and the server binds it a moment later; another worker's server
// can take it in between. The harness must then start the server elsewhere, never hand a test
// the other server that answers on that port.
jest.mock('../../src/platform/db/engine/run-command', () => {
  const actual = jest.requireActual<typeof ports>('../../src/platform/db/engine/run-command');
  return { ...actual, freePort: jest.fn(actual.freePort) };
});
const realFreePort = jest.requireActual<typeof ports>(
  '../../src/platform/db/engine/run-command',
).freePort;

jest.setTimeout(120_000);

let p: WelcomeProcesses;
let other: http.Server;
let otherPort: number;
beforeAll(async () => {
  p = await startWelcomeProcesses('server-port');
  // Another server, ready and answering every path.
  other = http.createServer((_req, res) => res.writeHead(200).end('{"status":"ready"}'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
  await p.close();
});

describe('starting a server process on a port taken meanwhile', () => {
  it('starts it on another free port, and the URL it returns is that server', async () => {
    const given: number[] = [];
    jest.mocked(ports.freePort).mockImplementation(async () => {
      const next = given.length === 0 ? otherPort : await realFreePort();
      given.push(next);
      return next;
    });
    const server = await startServerProcess(p.env);
    try {
      expect(given).toEqual([otherPort, expect.any(Number)]);
      expect(server.url).toBe(`http://127.0.0.1:${given[1]}`);
      const res = await fetch(`${server.url}/scim/v2/ServiceProviderConfig`, {
        headers: { Authorization: `Bearer ${p.env.SCIM_BOOTSTRAP_TOKEN}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { schemas: string[] }).schemas).toEqual([
        'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
      ]);
    } finally {
      jest.mocked(ports.freePort).mockImplementation(realFreePort);
      await server.kill();
    }
  });
});
