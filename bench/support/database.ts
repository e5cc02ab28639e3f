import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mongo } from 'mongoose';
import { startEmbeddedDatabase } from '../../src/platform/db/embedded-database';

/** The database under test: MONGODB_URI if given, else the project's own embedded engine. */
export interface BenchDatabase {
  /** e.g. "FerretDB 2.7.0 (embedded, PostgreSQL 15 + DocumentDB)" or "MongoDB 7.0.14". */
  label: string;
  uriFor(dbName: string): string;
  /** The PostgreSQL under the embedded engine, or BENCH_PEER_POSTGRES_URL; for bench S13's peer. */
  postgresUri?: string;
  client: mongo.MongoClient;
  close(): Promise<void>;
}

function withDbName(uri: string, dbName: string): string {
  const url = new URL(uri);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export async function openBenchDatabase(
  given: string | undefined,
  say: (line: string) => void,
): Promise<BenchDatabase> {
  let base = given;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let postgresUri = process.env.BENCH_PEER_POSTGRES_URL || undefined;
  if (!base) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scim-bench-'));
    const embedded = await startEmbeddedDatabase({
      dataDir: path.join(dataDir, 'db'),
      sourceDir: process.env.ENGINE_SOURCE_DIR,
      cacheDir: process.env.ENGINE_CACHE_DIR,
      durable: false,
      say,
    });
    base = embedded.uri;
    postgresUri ??= embedded.postgresUri;
    stopEmbedded = () => embedded.stop();
  }
  const client = await new mongo.MongoClient(withDbName(base, 'admin'), {
    maxPoolSize: 100,
  }).connect();
  const info = await client.db('admin').command({ buildInfo: 1 });
  // FerretDB 2 answers buildInfo with `ferretdb: { version }` beside a MongoDB-like version.
  const ferret = (info.ferretdb as { version?: string } | undefined)?.version;
  const label = ferret
    ? `FerretDB ${ferret.replace(/^v/, '')}${given ? '' : ' (embedded, PostgreSQL 15 + DocumentDB)'}`
    : `MongoDB ${String(info.version)}`;
  const root = base;
  return {
    label,
    uriFor: (dbName) => withDbName(root, dbName),
    postgresUri,
    client,
    close: async () => {
      await client.close();
      await stopEmbedded?.();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
