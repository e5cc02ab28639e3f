import { spawn } from 'node:child_process';
import { appendFile, chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import type { InstalledEngine } from './install-engine';
import { EngineUnavailableError } from './install-engine';
import { onPort, PortTakenError, startFailure } from './on-port';
import { canConnect, exists, runCommand } from './run-command';

export interface RunningEngine {
  /** mongodb://127.0.0.1:<port> (no database name). */
  uri: string;
  port: number;
  dataDir: string;
  /**
   * The PostgreSQL cluster under the wire server (postgres://postgres@127.0.0.1:<port>/postgres),
   * for tools that use PostgreSQL directly (bench S13 runs a peer server on it); absent when the
   * database is not the embedded engine.
   */
  postgresUri?: string;
  stop(): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the wire server: how tests pause the database. */
  pause?(paused: boolean): void;
}

export interface StartEngineOptions {
  engine: InstalledEngine;
  /** The cluster goes in `<dataDir>/postgres`, FerretDB's state in `<dataDir>/ferretdb`. */
  dataDir: string;
  /** Throw-away clusters (tests, benchmarks) skip fsync; a developer's data keeps it. */
  durable: boolean;
  /** FerretDB's port (default: a free one); a restart on the same port lets clients reconnect. */
  port?: number;
  step: (line: string) => void;
}

type RunAs = { uid: number; gid: number } | undefined;

/** PostgreSQL refuses to run as root: as root the cluster runs as Debian's `postgres` user. */
async function clusterUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number((await runCommand('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await runCommand('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  } catch {
    throw new EngineUnavailableError(
      'running as root, and there is no postgres user to run the cluster',
    );
  }
}

function settings(durable: boolean): string[] {
  return [
    '',
    '# Written by the SCIM server (src/platform/db/engine): PostgreSQL + DocumentDB for FerretDB 2.',
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    'max_connections = 300',
    "shared_preload_libraries = 'pg_cron, pg_documentdb_core, pg_documentdb'",
    "cron.database_name = 'postgres'",
    'documentdb.enableBackgroundWorker = true',
    'documentdb.enableBackgroundWorkerJobs = true',
    "documentdb.rum_library_load_option = 'require_documentdb_extended_rum'",
    ...(durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
    '',
  ];
}

/**
 * The cluster's user must be able to pass through every folder above the cluster. A folder
 * that does not let others through (mkdtemp makes them 0700) gets search permission only
 * (o+x: no listing, no reading), and a line says so.
 */
async function letClusterUserThrough(o: StartEngineOptions, pgData: string): Promise<void> {
  for (let dir = path.dirname(pgData); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      o.step(`gave ${dir} search permission (o+x) so that the postgres user can reach its data`);
    }
  }
}

async function ensureCluster(o: StartEngineOptions, pgData: string, as: RunAs): Promise<boolean> {
  if (as) await letClusterUserThrough(o, pgData);
  if (await exists(path.join(pgData, 'PG_VERSION'))) return false;
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  if (as) await chown(pgData, as.uid, as.gid);
  await chmod(pgData, 0o700);
  try {
    await runCommand(
      path.join(o.engine.pgBin, 'initdb'),
      ['-D', pgData, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-U', 'postgres'],
      { as, cwd: pgData },
    );
  } catch (error) {
    await rm(pgData, { recursive: true, force: true });
    throw error;
  }
  await appendFile(path.join(pgData, 'postgresql.conf'), settings(o.durable).join('\n'));
  return true;
}

/**
 * One process at a time runs the engine on a data folder: `<dataDir>/owner.pid` names it. A
 * second `npm start` on the same folder is refused with the owner's pid instead of taking the
 * running cluster away from it; a pid that is gone is a killed owner, whose cluster is stale.
 */
async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'owner.pid');
  const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${owner} (another npm start?); stop that one first, or set DATA_DIR to another folder`,
    );
  }
  await writeFile(file, `${process.pid}\n`);
  return async () => {
    await rm(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const FERRETDB_PID = 'ferretdb.pid';

/**
 * A FerretDB left behind by a killed owner (its child outlives it) would keep its port and
 * a pool to a cluster that is about to stop: end it, if that pid is still a FerretDB.
 */
async function stopStaleFerretdb(dataDir: string): Promise<void> {
  const pid = Number(
    (await readFile(path.join(dataDir, FERRETDB_PID), 'utf8').catch(() => '')).trim(),
  );
  if (!pid || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('ferretdb') || !cmdline.includes(dataDir)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Stops a cluster left running by a process that was killed, so this start owns it. */
async function stopStale(pgCtl: string, pgData: string, as: RunAs): Promise<void> {
  try {
    await runCommand(pgCtl, ['-D', pgData, 'status'], { as });
  } catch {
    return;
  }
  await runCommand(pgCtl, ['-D', pgData, 'stop', '-m', 'fast', '-w'], { as });
}

/**
 * The process id the MongoDB server on `port` reports (serverStatus), or undefined if none
 * answers within 3 s: a server that accepts and then stays silent (frozen, overloaded) must not
 * hold the start-up loop, which asks again until its own deadline.
 */
async function serverPid(port: number): Promise<number | undefined> {
  const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${port}`, {
    directConnection: true,
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 2_000,
    socketTimeoutMS: 3_000,
  });
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), 3_000);
  });
  const asked = client
    .db('admin')
    .command({ serverStatus: 1 })
    .then(
      (status) => (typeof status.pid === 'number' ? status.pid : undefined),
      () => undefined,
    );
  try {
    return await Promise.race([asked, silent]);
  } finally {
    clearTimeout(timer);
    // Closing waits for the command; a silent server is left to the socket timeout.
    void client.close().catch(() => undefined);
  }
}

async function startFerretdb(o: StartEngineOptions, pgPort: number, port: number) {
  const stateDir = path.join(o.dataDir, 'ferretdb');
  await mkdir(stateDir, { recursive: true });
  const child = spawn(
    o.engine.ferretdb,
    [
      `--postgresql-url=postgres://postgres@127.0.0.1:${pgPort}/postgres`,
      `--listen-addr=127.0.0.1:${port}`,
      '--no-auth',
      `--state-dir=${stateDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (child.pid) await writeFile(path.join(o.dataDir, FERRETDB_PID), `${child.pid}\n`);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const deadline = Date.now() + 30_000;
  // Ready once the server answering on the port says it is this child: a free port picked
  // earlier may since have been taken by another process, and then this FerretDB exits while
  // the port still answers.
  for (;;) {
    if (exited) {
      const message = `FerretDB exited during start-up on port ${port}: ${stderr.trim()}`;
      throw startFailure(message, stderr);
    }
    if (await canConnect(port)) {
      const pid = await serverPid(port);
      if (pid === child.pid) break;
      if (pid !== undefined) {
        child.kill('SIGKILL');
        await exit;
        throw new PortTakenError(
          `port ${port} is served by another process (pid ${pid}), not FerretDB`,
        );
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exit;
      throw new Error(`FerretDB did not listen on port ${port} within 30 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    pause: (paused: boolean) => {
      if (!exited) child.kill(paused ? 'SIGSTOP' : 'SIGCONT');
      else if (paused) throw new Error(`FerretDB on port ${port} is not running`);
    },
    stop: async () => {
      if (exited) return;
      child.kill('SIGCONT');
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill('SIGTERM');
      await exit;
      clearTimeout(kill);
    },
  };
}

/**
 * Runs the cluster under `<dataDir>/postgres` on a free loopback port and FerretDB 2 in front of
 * it on another; `stop` shuts both down and leaves nothing running.
 */
export async function startEngine(o: StartEngineOptions): Promise<RunningEngine> {
  const as = await clusterUser();
  await mkdir(o.dataDir, { recursive: true });
  const releaseOwner = await claimDataDir(o.dataDir);
  const pgData = path.join(o.dataDir, 'postgres');
  const pgCtl = path.join(o.engine.pgBin, 'pg_ctl');
  if (await ensureCluster(o, pgData, as)) o.step(`created a PostgreSQL cluster in ${pgData}`);
  await stopStaleFerretdb(o.dataDir);
  await stopStale(pgCtl, pgData, as);

  const log = path.join(pgData, 'server.log');
  let pgPort: number;
  try {
    pgPort = await onPort(undefined, async (port) => {
      const logged = (await stat(log).catch(() => undefined))?.size ?? 0;
      try {
        await runCommand(
          pgCtl,
          ['-D', pgData, '-l', log, '-o', `-p ${port}`, '-w', '-t', '60', 'start'],
          { as, cwd: pgData },
        );
        return port;
      } catch (error) {
        const attempt = (await readFile(log).catch(() => Buffer.alloc(0))).subarray(logged);
        const tail = attempt.toString('utf8').split('\n').slice(-10).join('\n');
        const message = `${(error as Error).message}\n${tail}`;
        throw startFailure(message, tail);
      }
    });
  } catch (error) {
    await releaseOwner();
    throw error;
  }
  const stopCluster = () =>
    runCommand(pgCtl, ['-D', pgData, 'stop', '-m', 'fast', '-w'], { as }).then(() => undefined);
  try {
    await runCommand(path.join(o.engine.pgBin, 'psql'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(pgPort),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-qAt',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'CREATE EXTENSION IF NOT EXISTS documentdb CASCADE',
    ]);
    o.step(`PostgreSQL ${pgPort} with DocumentDB is up`);
    const ferret = await onPort(o.port, (port) => startFerretdb(o, pgPort, port));
    o.step(`FerretDB is listening on 127.0.0.1:${ferret.port}`);
    return {
      uri: `mongodb://127.0.0.1:${ferret.port}`,
      port: ferret.port,
      dataDir: o.dataDir,
      postgresUri: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
      pause: ferret.pause,
      stop: async () => {
        await ferret.stop();
        await stopCluster();
        await releaseOwner();
      },
    };
  } catch (error) {
    await stopCluster().catch(() => undefined);
    await releaseOwner();
    throw error;
  }
}
