import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../src/platform/db/embedded-database';

declare global {
  var __TEST_DATABASE__: EmbeddedDatabase | undefined;
}

/** One database server for the whole run; each test file takes its own database on it. */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scim-test-db-'));
  const db = await startEmbeddedDatabase({
    dataDir: dir,
    sourceDir: process.env.ENGINE_SOURCE_DIR,
    cacheDir: process.env.ENGINE_CACHE_DIR,
    durable: false,
    say: (line) => process.stderr.write(`${line}\n`),
  });
  globalThis.__TEST_DATABASE__ = db;
  process.env.TEST_MONGODB_URI = db.uri;
}
