import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { onPort, startFailure } from '../../src/platform/db/engine/on-port';
import { ensureBuiltServer } from './built-server';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

const root = path.resolve(__dirname, '../..');
/**
 * How long a start may take before the test gives up. Readiness ends the wait, so this is only
 * a ceiling for a start that hangs: generous, because two jest workers, their database and other
 * processes may share 2 cores.
 */
const START_BUDGET_MS = 120_000;

/**
 * Starts the built server (`dist/src/main.js`, see built-server.ts) and waits for /readyz; on
 * another port when the free one it picked was taken before the server could listen on it
 * (parallel test workers start servers all the time).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return onPort(undefined, (port) => startOnPort(port, env));
}

/** Printed by the server once it listens (src/main.ts), so only after its own listen succeeded. */
const LISTENING = 'SCIM base URL';

async function startOnPort(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const main = await ensureBuiltServer();
  const started = Date.now();
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Remembered, not searched for later: the output kept is only its last 20,000 characters.
  let listening = false;
  child.stdout?.on('data', (c: Buffer) => {
    output = (output + c.toString()).slice(-20_000);
    listening ||= output.includes(LISTENING);
  });
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  // A jest worker that ends (timeout, crash) must not leave its servers running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  const closed = new Promise((resolve) => child.once('close', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await closed; // all its output is in
      const how = child.signalCode ? `on ${child.signalCode}` : `with code ${child.exitCode}`;
      const message = `server exited ${how} during start-up: ${output}`;
      throw startFailure(message, output);
    }
    // Until the server says it listens, whatever answers on the port is not (yet) this one.
    if (listening) {
      try {
        const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() - started > START_BUDGET_MS) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${START_BUDGET_MS / 1000} s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100)); // poll interval
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts `count` processes side by side, as replicas do; if one fails, the others are killed. */
export async function startServerProcesses(
  count: number,
  env: Record<string, string>,
): Promise<ServerProcess[]> {
  const starts = await Promise.allSettled(
    Array.from({ length: count }, () => startServerProcess(env)),
  );
  const started = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = starts.find((s) => s.status === 'rejected');
  if (!failed) return started;
  await Promise.all(started.map((s) => s.kill()));
  throw failed.reason;
}
