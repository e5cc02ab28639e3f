import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const BUILT_MAIN = path.join(ROOT, 'dist/src/main.js');
const STAMP = path.join(ROOT, 'dist/.test-server-stamp');
const LOCK = path.join(ROOT, 'dist/.test-server-build.lock');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((c) => newestMtime(path.join(entry, c))));
  return Math.max(info.mtimeMs, ...times);
}

async function isFresh(): Promise<boolean> {
  const built = (await stat(STAMP).catch(() => undefined))?.mtimeMs ?? 0;
  const sources = await Promise.all(INPUTS.map((i) => newestMtime(path.join(ROOT, i))));
  return built > Math.max(...sources);
}

function compile(): Promise<void> {
  const tsc = require.resolve('typescript/bin/tsc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      // tsc still emits on type errors; jest does not type-check either, so go on and say so.
      if (code !== 0) process.stderr.write(`tsc -p tsconfig.build.json (exit ${code}):\n${output}`);
      stat(BUILT_MAIN).then(() => resolve(), reject);
    });
  });
}

/**
 * The server as `npm start` runs it (`dist/src/main.js`), built first when any source is newer
 * than the last build: a process started from ts-node spends seconds compiling on every start,
 * which on a busy 2-core machine is most of a multi-process test. Jest workers share one build
 * (a lock directory; a holder that died leaves a lock older than the build could take).
 */
export async function ensureBuiltServer(): Promise<string> {
  if (await isFresh()) return BUILT_MAIN;
  await mkdir(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = Date.now() - ((await stat(LOCK).catch(() => undefined))?.mtimeMs ?? 0);
      if (age > 300_000) await rm(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250)); // another worker is building
    }
  }
  try {
    if (!(await isFresh())) {
      const started = Date.now();
      await compile();
      // Dated when the build began, so a source saved during the build makes it stale again.
      await writeFile(STAMP, new Date(started).toISOString());
      await utimes(STAMP, started / 1000, started / 1000);
    }
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
  return BUILT_MAIN;
}
