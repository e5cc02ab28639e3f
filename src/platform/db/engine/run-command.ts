import { execFile, type ExecFileOptions } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import net from 'node:net';

export interface RunOptions extends ExecFileOptions {
  /** Run as this user (root only). */
  as?: { uid: number; gid: number };
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a program and resolves with its output; rejects with the last lines of stderr on failure. */
export function runCommand(
  file: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const { as, ...rest } = options;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { maxBuffer: 64 * 1024 * 1024, ...rest, ...(as ? { uid: as.uid, gid: as.gid } : {}) },
      (error, stdout, stderr) => {
        const out = { stdout: String(stdout), stderr: String(stderr) };
        if (!error) return resolve(out);
        const tail = `${out.stderr}\n${out.stdout}`.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${tail}`));
      },
    );
  });
}

export async function exists(file: string, mode = constants.F_OK): Promise<boolean> {
  try {
    await access(file, mode);
    return true;
  } catch {
    return false;
  }
}

export async function commandExists(name: string): Promise<boolean> {
  try {
    await runCommand('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port on loopback that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something on loopback `port` completes a TCP connection within `timeoutMs`. */
export async function canConnect(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    // A listener that takes no more connections (a frozen process, a full backlog) drops the
    // SYN, and the connect would wait out the kernel's retries (about two minutes): give up.
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/** Prints one progress line per step with the time since `start`. */
export function progress(say: (line: string) => void, start = Date.now()) {
  return (line: string) => say(`database: ${line} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
}
