import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort, runCommand } from '../../src/platform/db/engine/run-command';
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

const cacheDir = () =>
  path.join(
    process.env.BENCH_PEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'scim-welcome', 'peers'),
    `jackson-${JACKSON_VERSION}`,
  );

/**
 * Installs the pinned Jackson from the npm registry into its own cache folder once (about 250 MB,
 * 20 s); install scripts are skipped, as none of them is needed for its SQL engine.
 */
export async function installJackson(say: (line: string) => void): Promise<string> {
  const dir = cacheDir();
  const installed = path.join(dir, 'node_modules', ...JACKSON_PACKAGE.split('/'), 'package.json');
  if (existsSync(installed)) {
    const { version } = JSON.parse(readFileSync(installed, 'utf8')) as { version: string };
    if (version === JACKSON_VERSION) return dir;
  }
  say(`S13 installing ${JACKSON_PACKAGE}@${JACKSON_VERSION} into ${dir}`);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-peer-jackson', private: true })}\n`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await runCommand(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--save-exact',
      `${JACKSON_PACKAGE}@${JACKSON_VERSION}`,
    ],
    { cwd: dir, timeout: 600_000 },
  );
  return dir;
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

/** Starts bench/peers/jackson-server (built) on a fresh database and a free port. */
export async function startJackson(
  postgresUri: string,
  say: (line: string) => void,
): Promise<PeerProcess> {
  const dir = await installJackson(say);
  const databaseUrl = await freshDatabase(dir, postgresUri, 'bench_s13_jackson');
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.resolve(__dirname, '../peers/jackson-server.js')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        JACKSON_DIR: dir,
        JACKSON_DATABASE_URL: databaseUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const controls = childControls(child, 10_000);
  const ready = await new Promise<{ directoryId: string; secret: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Jackson not ready in 120 s:\n${output}`)),
      120_000,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
      const line = /^READY (.+)$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line[1]!) as { directoryId: string; secret: string });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000)),
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Jackson exited (${code}) during start-up:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    scimPath: `/api/scim/v2.0/${ready.directoryId}`,
    secret: ready.secret,
    pid: child.pid ?? 0,
    ...controls,
  };
}
