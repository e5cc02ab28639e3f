import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { canConnect } from '../../../src/platform/db/engine/run-command';

// A port whose listener takes no more connections (a frozen process, a full backlog) drops the
// SYN, and a plain connect then waits for the kernel's retries (about two minutes). The engine
// polls its ports with canConnect while it starts, so that must give up on its own.
let listener: ChildProcess;
let port: number;
const held: net.Socket[] = [];

beforeAll(async () => {
  // A listener that never accepts, with a backlog of one: Node cannot make one, Python can.
  listener = spawn('python3', [
    '-c',
    [
      'import socket, sys, time',
      's = socket.socket()',
      "s.bind(('127.0.0.1', 0))",
      's.listen(0)',
      'print(s.getsockname()[1], flush=True)',
      'time.sleep(600)',
    ].join('\n'),
  ]);
  port = await new Promise<number>((resolve, reject) => {
    listener.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    listener.once('error', reject); // no python3
    listener.once('exit', (code) => reject(new Error(`listener exited with ${code}`)));
  });
  // Fill its backlog: the kernel completes this connection and never hands it over, and the
  // queue of a listen(0) socket holds no more.
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    held.push(socket);
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
});
afterAll(() => {
  for (const socket of held) socket.destroy();
  listener.kill('SIGKILL');
});

it('gives up on a port that does not complete the connection, instead of waiting minutes', async () => {
  const outcome = await Promise.race([
    canConnect(port),
    new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
  ]);
  expect(outcome).toBe(false);
});

it('still says yes to a port that answers and no to one nobody listens on', async () => {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const open = (server.address() as net.AddressInfo).port;
  expect(await canConnect(open)).toBe(true);
  await new Promise((resolve) => server.close(resolve));
  expect(await canConnect(open)).toBe(false);
});
