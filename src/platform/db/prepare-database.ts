import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from './embedded-database';

/**
 * `.ci/run` and first-time setup: install and build the embedded engine, start it once in a
 * throw-away folder, ping it, stop it. Exit 1 (with the reason) when it does not come up.
 */
async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scim-engine-check-'));
  try {
    const db = await startEmbeddedDatabase({
      dataDir: dir,
      sourceDir: process.env.ENGINE_SOURCE_DIR,
      cacheDir: process.env.ENGINE_CACHE_DIR,
      durable: false,
      // .ci/run sets it: its engine step must fail when the engine does not come up.
      fallback: process.env.DATABASE_ENGINE_REQUIRED !== '1',
      say,
    });
    await db.stop();
    say(`database: ready at ${db.uri} and stopped again`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`could not prepare the database: ${(error as Error).message}\n`);
  process.exit(1);
});
