import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../../src/platform/db/embedded-database';

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

describe('the embedded engine on a port another process holds', () => {
  it('refuses to start, naming the port, instead of returning a handle to a server it does not run', async () => {
    const started = startEmbeddedDatabase({
      dataDir: dir,
      port,
      durable: false,
      fallback: false,
      say: () => undefined,
    });
    await expect(started).rejects.toThrow(new RegExp(`port ${port}`));
    // Nothing of ours is left running: the same directory starts cleanly on a free port.
    const db = await startEmbeddedDatabase({
      dataDir: dir,
      durable: false,
      fallback: false,
      say: () => undefined,
    });
    try {
      expect(db.port).not.toBe(port);
    } finally {
      await db.stop();
    }
  });

  it('refuses a port another database server answers on (the test database), naming that server', async () => {
    const taken = Number(new URL(process.env.TEST_MONGODB_URI!).port || 27017);
    const started = startEmbeddedDatabase({
      dataDir: dir,
      port: taken,
      durable: false,
      fallback: false,
      say: () => undefined,
    });
    await expect(started).rejects.toThrow(
      new RegExp(`port ${taken} is served by another process \\(pid \\d+\\)`),
    );
  });
});
