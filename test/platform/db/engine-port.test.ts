import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../../src/platform/db/embedded-database';
import * as ports from '../../../src/platform/db/engine/run-command';

// freePort, as the engine calls it, is a mock that defaults to the real one (third test).
jest.mock('../../../src/platform/db/engine/run-command', () => {
  const actual = jest.requireActual<typeof ports>('../../../src/platform/db/engine/run-command');
  return { ...actual, freePort: jest.fn(actual.freePort) };
});
const realFreePort = jest.requireActual<typeof ports>(
  '../../../src/platform/db/engine/run-command',
).freePort;

jest.setTimeout(120_000);

// Ports are picked free and then bound later, so another process (a parallel test's engine or
// server) can take one in between. The engine must then refuse to start, never hand back a
// handle whose pause and stop act on its own exited FerretDB while clients talk to the other.
let dir: string;
let squatter: net.Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'engine-port-'));
  squatter = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  port = (squatter.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => squatter.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/**
 * The engine in this test's directory, on `port` or (without one) on a free port it picks. A
 * start that has not ended after 100 s fails with the steps it took (the test's own timeout
 * would say nothing about where it stood).
 */
const start = async (port?: number) => {
  const steps: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`the engine did not start or fail within 100 s:\n${steps.join('\n')}`)),
      100_000,
    );
  });
  const starting = startEmbeddedDatabase({
    dataDir: dir,
    port,
    durable: false,
    fallback: false,
    say: (line) => steps.push(`${new Date().toISOString()} ${line}`),
  });
  try {
    return await Promise.race([starting, stuck]);
  } catch (error) {
    // Given up on: an engine that still comes up later is stopped, not left behind.
    if (error !== undefined && (error as Error).message.startsWith('the engine did not start'))
      void starting.then((db) => db.stop()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
};

describe('the embedded engine on a port another process holds', () => {
  it('refuses to start, naming the port, instead of returning a handle to a server it does not run', async () => {
    const started = start(port);
    await expect(started).rejects.toThrow(new RegExp(`port ${port}`));
    // Nothing of ours is left running: the same directory starts cleanly on a free port.
    const db = await start();
    try {
      expect(db.port).not.toBe(port);
    } finally {
      await db.stop();
    }
  });

  it('refuses a port another database server answers on (the test database), naming that server', async () => {
    const taken = Number(new URL(process.env.TEST_MONGODB_URI!).port || 27017);
    const started = start(taken);
    await expect(started).rejects.toThrow(
      new RegExp(`port ${taken} is served by another process \\(pid \\d+\\)`),
    );
  });

  it('starts on other ports when the free ones it picked were taken before PostgreSQL and FerretDB bound them', async () => {
    const given: number[] = [];
    // Every other pick is the port the squatter holds: PostgreSQL's first and FerretDB's first.
    const pick = jest.mocked(ports.freePort).mockImplementation(async () => {
      const next = given.length % 2 === 0 ? port : await realFreePort();
      given.push(next);
      return next;
    });
    try {
      const db = await start();
      try {
        expect(given).toHaveLength(4);
        expect(given.filter((p) => p === port)).toHaveLength(2);
        expect(db.port).toBe(given[3]);
        expect(new URL(db.postgresUri!).port).toBe(String(given[1]));
        db.pause!(true);
        db.pause!(false);
      } finally {
        await db.stop();
      }
    } finally {
      pick.mockImplementation(realFreePort);
    }
  });
});
