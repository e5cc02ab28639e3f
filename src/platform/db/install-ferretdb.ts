import { findFerretdb, installFerretdb } from './ferretdb';

/** `.ci/run` and first-time setup: make sure a working FerretDB binary exists. */
async function main(): Promise<void> {
  const found = await findFerretdb();
  if (found) {
    process.stdout.write(`FerretDB found at ${found}\n`);
    return;
  }
  const built = await installFerretdb((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`FerretDB installed at ${built}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`could not install FerretDB: ${(error as Error).message}\n`);
  process.exit(1);
});
