import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { engineCacheDir, findEngineSources } from './engine/engine-sources';
import { EngineUnavailableError, installEngine } from './engine/install-engine';
import { progress } from './engine/run-command';
import { startEngine, type RunningEngine } from './engine/start-engine';

export type EmbeddedDatabase = RunningEngine;

export interface EmbeddedDatabaseOptions {
  /** Everything the engine writes lives under here. */
  dataDir: string;
  /** The vendored sources (ENGINE_SOURCE_DIR); default `../shared/vendor` beside the repository. */
  sourceDir?: string;
  /** The build cache (ENGINE_CACHE_DIR); default `~/.cache/scim-welcome/engine`. */
  cacheDir?: string;
  /** False for throw-away data (tests, benchmarks): the cluster then skips fsync. */
  durable?: boolean;
  /** The port to serve on (default: a free one). */
  port?: number;
  /** False where only the engine will do (CI): no mongodb-memory-server when it cannot run. */
  fallback?: boolean;
  say: (line: string) => void;
}

/** The repository (the nearest folder up with a package.json), from src/ or dist/src/ alike. */
function repoRoot(from = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

function fallbackAdvice(reason: string): string {
  return [
    `database: the embedded engine (PostgreSQL 15 + DocumentDB + FerretDB 2.7) cannot run here: ${reason}.`,
    'Point the server at a database you run yourself with MONGODB_URI=mongodb://… (MongoDB 6+,',
    'or FerretDB 2 on PostgreSQL with DocumentDB), or start one with `docker compose up -d mongo`',
    '(see docker-compose.yml); the engine needs a Debian-like system with root for apt-get, Go,',
    'and the vendored sources (ENGINE_SOURCE_DIR, default ../shared/vendor).',
    'Trying mongodb-memory-server, which works where it can download mongod.',
  ].join(' ');
}

async function startMemoryServer(dataDir: string): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  await mkdir(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { dbPath: dataDir, storageEngine: 'wiredTiger' },
  });
  const uri = server.getUri().replace(/\/[^/]*$/, '');
  return {
    uri,
    port: Number(new URL(server.getUri()).port),
    dataDir,
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}

/**
 * The database when no MONGODB_URI is given (ARCHITECTURE.md, "The database in tests and
 * development"): the embedded engine, installed and built on first use; else
 * mongodb-memory-server where it can download `mongod`.
 */
export async function startEmbeddedDatabase(o: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const step = progress(o.say);
  const sources = await findEngineSources(repoRoot(), o.sourceDir);
  try {
    if ('missing' in sources)
      throw new EngineUnavailableError(`vendored sources: ${sources.missing}`);
    const engine = await installEngine(sources, engineCacheDir(o.cacheDir), step);
    return await startEngine({
      engine,
      dataDir: o.dataDir,
      durable: o.durable ?? true,
      port: o.port,
      step,
    });
  } catch (error) {
    if (!(error instanceof EngineUnavailableError) || o.fallback === false) throw error;
    o.say(fallbackAdvice(error.message));
    return startMemoryServer(path.join(o.dataDir, 'mongod'));
  }
}
