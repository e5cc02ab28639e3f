import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort, runCommand } from '../../src/platform/db/engine/run-command';
import type { PeerHost } from './config';
import { machineSnapshot } from './machine-cpu';
import { childControls, type ChildControls } from './server-process';

/** The peer bench S13 loads beside us, pinned: BoxyHQ Jackson's Directory Sync. */
export const JACKSON_PACKAGE = '@boxyhq/saml-jackson';
export const JACKSON_VERSION = '26.2.0';

export interface PeerProcess extends ChildControls {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The SCIM base path on `url`, e.g. /api/scim/v2.0/<directory id>. */
  scimPath: string;
  secret: string;
  pid: number;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const cacheDir = () =>
  path.join(
    process.env.BENCH_PEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'scim-welcome', 'peers'),
    `jackson-${JACKSON_VERSION}`,
  );

/** The version of `name` installed in `dir`'s node_modules, if any. */
const installedVersion = (dir: string, name: string): string | undefined => {
  const file = path.join(dir, 'node_modules', ...name.split('/'), 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
};

/**
 * Installs the pinned Jackson from the npm registry into its own cache folder once (about 250 MB,
 * 20 s); install scripts are skipped, as none of them is needed for its SQL engine.
 */
export async function installJackson(say: (line: string) => void): Promise<string> {
  const dir = cacheDir();
  if (installedVersion(dir, JACKSON_PACKAGE) === JACKSON_VERSION) return dir;
  say(`S13 installing ${JACKSON_PACKAGE}@${JACKSON_VERSION} into ${dir}`);
  await mkdir(dir, { recursive: true });
  await installPinned(dir, 'bench-peer-jackson', [[JACKSON_PACKAGE, JACKSON_VERSION]]);
  return dir;
}

/** `npm install` of exact versions into `dir`, a private package of its own, without scripts. */
async function installPinned(
  dir: string,
  name: string,
  packages: Array<[string, string]>,
): Promise<void> {
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name, private: true })}\n`);
  await runCommand(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--save-exact',
      ...packages.map(([pkg, version]) => `${pkg}@${version}`),
    ],
    { cwd: dir, timeout: 600_000 },
  );
}

/** A fresh database `name` on the PostgreSQL at `serverUri` (dropped first), through Jackson's own `pg`. */
async function freshDatabase(dir: string, serverUri: string, name: string): Promise<string> {
  const requireFromCache = createRequire(path.join(dir, 'package.json'));
  const { Client } = requireFromCache('pg') as {
    Client: new (o: { connectionString: string }) => {
      connect(): Promise<void>;
      query(sql: string): Promise<unknown>;
      end(): Promise<void>;
    };
  };
  const client = new Client({ connectionString: serverUri });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUri);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The hosts' peer labels in S13's rows. */
export const PEER_LABELS: Record<PeerHost, string> = {
  bare: `Jackson ${JACKSON_VERSION}`,
  express: 'Jackson (in express)',
  next: 'Jackson (Next.js service)',
};

/**
 * The Next.js app of the `next` host: the SCIM route, proxy and settings of Jackson's service
 * (ory/polis, formerly boxyhq/jackson, v26.2.0), written for the bench (bench/peers/jackson-next),
 * with the versions that service pins: Next.js 16.2.0, React 18.3.1, micromatch 4.0.8 (its proxy's
 * path matcher).
 */
export const NEXT_APP_PACKAGES = {
  next: '16.2.0',
  react: '18.3.1',
  'react-dom': '18.3.1',
  micromatch: '4.0.8',
} as const;

/** The app's sources in the repository (from dist/bench/support, where this runs). */
const NEXT_APP_SOURCES = path.resolve(__dirname, '../../../bench/peers/jackson-next');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Installs the `next` host's app once, beside Jackson in its cache folder (Jackson's library is
 * found in the parent's node_modules), and builds it with `next build --webpack` (as the service
 * builds) once per set of versions and sources: the key of a build is kept in
 * `.next/bench-build-key`. Next.js's compiler is its optional dependency
 * `@next/swc-<platform>`, which npm installs from the registry like any package; the install
 * scripts it skips are none that the build needs.
 */
export async function installNextApp(
  jacksonDir: string,
  say: (line: string) => void,
): Promise<string> {
  const dir = path.join(jacksonDir, `next-${NEXT_APP_PACKAGES.next}`);
  await mkdir(dir, { recursive: true });
  const wanted = Object.entries(NEXT_APP_PACKAGES);
  if (wanted.some(([name, version]) => installedVersion(dir, name) !== version)) {
    say(`S13 installing ${wanted.map(([n, v]) => `${n}@${v}`).join(' ')} into ${dir}`);
    await installPinned(dir, 'bench-peer-jackson-next', wanted);
  }
  const swc = (await readdir(path.join(dir, 'node_modules', '@next')).catch(() => [])).filter(
    (name) => name.startsWith('swc-'),
  );
  if (swc.length === 0) {
    throw new Error(`no @next/swc-* compiler in ${dir}: npm skipped Next.js's optional dependency`);
  }

  const sources = await filesUnder(NEXT_APP_SOURCES);
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ jackson: JACKSON_VERSION, ...NEXT_APP_PACKAGES, swc }));
  for (const file of sources) {
    hash.update(`\0${file}\0`).update(await readFile(path.join(NEXT_APP_SOURCES, file)));
  }
  const key = hash.digest('hex');
  const keyFile = path.join(dir, '.next', 'bench-build-key');
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return dir;

  say(`S13 building the Next.js app in ${dir}`);
  for (const stale of ['.next', 'pages', 'lib', 'proxy.js', 'next.config.mjs']) {
    await rm(path.join(dir, stale), { recursive: true, force: true });
  }
  await cp(NEXT_APP_SOURCES, dir, { recursive: true });
  await runCommand(process.execPath, [nextBin(dir), 'build', '--webpack'], {
    cwd: dir,
    timeout: 600_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  await writeFile(keyFile, key);
  return dir;
}

const nextBin = (dir: string) => path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Waits for a line matching `pattern` on the child's stdout; rejects if it exits first. */
function lineFrom(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = 120_000,
): Promise<RegExpExecArray> {
  let output = '';
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onError);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what} not ready in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
      const match = pattern.exec(output);
      if (match) {
        done();
        resolve(match);
      }
    };
    const onError = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`${what} exited (${code}) during start-up:\n${output}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onError);
    child.once('exit', onExit);
  });
}

/** Runs bench/peers/jackson-server (built) as `host`; resolves with its READY line. */
function spawnJacksonServer(
  host: 'bare' | 'express' | 'setup',
  env: Record<string, string>,
): { child: ChildProcess; ready: Promise<{ directoryId: string; secret: string }> } {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../peers/jackson-server.js')], {
    env: { ...env, JACKSON_HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = lineFrom(child, /^READY (.+)$/m, `Jackson (${host})`).then(
    (line) => JSON.parse(line[1]!) as { directoryId: string; secret: string },
  );
  return { child, ready };
}

/**
 * Starts Jackson's SCIM endpoint on a fresh database of its own and a free port, hosted as
 * `host` says: `bare` and `express` are bench/peers/jackson-server (built); `next` is the
 * Next.js app (installNextApp) under `next start`, one process, after a `setup` run of
 * jackson-server has created the directory in its database. Its first request, which starts
 * Jackson inside Next.js as the service does, is made here, before the load.
 */
export async function startJackson(
  postgresUri: string,
  say: (line: string) => void,
  host: PeerHost = 'bare',
): Promise<PeerProcess> {
  const dir = await installJackson(say);
  const appDir = host === 'next' ? await installNextApp(dir, say) : undefined;
  const databaseUrl = await freshDatabase(
    dir,
    postgresUri,
    host === 'bare' ? 'bench_s13_jackson' : `bench_s13_jackson_${host}`,
  );
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    JACKSON_DIR: dir,
    JACKSON_DATABASE_URL: databaseUrl,
  };
  const url = `http://127.0.0.1:${port}`;
  if (!appDir) {
    const { child, ready } = spawnJacksonServer(host === 'express' ? 'express' : 'bare', env);
    const controls = childControls(child, 10_000);
    const { directoryId, secret } = await ready.catch(async (error: unknown) => {
      await controls.stop();
      throw error;
    });
    return {
      url,
      scimPath: `/api/scim/v2.0/${directoryId}`,
      secret,
      pid: child.pid ?? 0,
      ...controls,
    };
  }

  const setup = spawnJacksonServer('setup', env);
  const { directoryId, secret } = await setup.ready.catch(async (error: unknown) => {
    await childControls(setup.child, 10_000).stop();
    throw error;
  });
  const child = spawn(
    process.execPath,
    [nextBin(appDir), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: appDir,
      env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const controls = childControls(child, 10_000);
  const peer: PeerProcess = {
    url,
    scimPath: `/api/scim/v2.0/${directoryId}`,
    secret,
    pid: child.pid ?? 0,
    ...controls,
  };
  try {
    await lineFrom(child, /Ready in/, 'next start');
    await checkNextHost(peer);
  } catch (error) {
    await controls.stop();
    throw error;
  }
  return peer;
}

/**
 * The `next` host's first requests: one SCIM list (which starts Jackson inside Next.js) must
 * answer 200 and an /api path outside SCIM must be refused by the proxy (so the proxy runs, as in
 * the service); and `next start` must be one process, as the bench reads and freezes only it.
 */
async function checkNextHost(peer: PeerProcess): Promise<void> {
  const list = await fetch(`${peer.url}${peer.scimPath}/Users?count=1`, {
    headers: { Authorization: `Bearer ${peer.secret}` },
  });
  if (list.status !== 200) {
    throw new Error(`Next.js host: SCIM list answered ${list.status}: ${await list.text()}`);
  }
  const outside = await fetch(`${peer.url}/api/not-scim`);
  await outside.arrayBuffer();
  if (outside.status !== 401) {
    throw new Error(`Next.js host: the proxy did not refuse /api/not-scim (${outside.status})`);
  }
  const children = childPids(peer.pid);
  if (children.length > 0) {
    throw new Error(
      `next start runs more processes (${children.join(', ')}) than the bench measures`,
    );
  }
}

/** The pids of the processes whose parent is `pid` (from /proc, Linux). */
const childPids = (pid: number): number[] =>
  [...machineSnapshot().processes].filter(([, p]) => p.ppid === pid).map(([child]) => child);
