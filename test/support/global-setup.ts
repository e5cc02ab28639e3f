import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mongo } from 'mongoose';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../src/platform/db/embedded-database';

declare global {
  var __TEST_DATABASE__: EmbeddedDatabase | undefined;
}

/** What answers at `uri`, by its own account (FerretDB adds its version to `buildInfo`). */
async function describeDatabase(uri: string): Promise<{ ferretdb: boolean; text: string }> {
  const client = await mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 30_000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    const ferretdb = (info.ferretdb as { version?: string } | undefined)?.version;
    return ferretdb
      ? { ferretdb: true, text: `FerretDB ${ferretdb} on PostgreSQL + DocumentDB` }
      : { ferretdb: false, text: `MongoDB ${String(info.version)}` };
  } finally {
    await client.close();
  }
}

/**
 * One database server for the whole run; each test file takes its own database on it.
 * `DATABASE_ENGINE_REQUIRED=1` (set by .ci/run) refuses anything but the embedded engine: no
 * inherited MONGODB_URI, no fallback to mongodb-memory-server.
 */
export default async function globalSetup(): Promise<void> {
  const required = process.env.DATABASE_ENGINE_REQUIRED === '1';
  if (process.env.MONGODB_URI && required) {
    throw new Error(
      'MONGODB_URI is set, but DATABASE_ENGINE_REQUIRED=1 asks for the embedded engine: unset one',
    );
  }
  let source = 'MONGODB_URI';
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scim-test-db-'));
    const db = await startEmbeddedDatabase({
      dataDir: dir,
      sourceDir: process.env.ENGINE_SOURCE_DIR,
      cacheDir: process.env.ENGINE_CACHE_DIR,
      durable: false,
      fallback: !required,
      say: (line) => process.stderr.write(`${line}\n`),
    });
    globalThis.__TEST_DATABASE__ = db;
    process.env.TEST_MONGODB_URI = db.uri;
    source = 'started for this run';
  }
  const database = await describeDatabase(process.env.TEST_MONGODB_URI);
  process.stderr.write(`\ntests run on: ${database.text} (${source})\n`);
  if (required && !database.ferretdb) {
    throw new Error(`DATABASE_ENGINE_REQUIRED=1, but the tests would run on ${database.text}`);
  }
}
