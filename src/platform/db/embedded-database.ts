import { findFerretdb, installFerretdb, startFerretdb, type EmbeddedDatabase } from './ferretdb';

type Say = (line: string) => void;

/**
 * The database when no MONGODB_URI is given (ARCHITECTURE.md): FerretDB if it is here or can
 * be built with Go, else mongodb-memory-server where it can download `mongod`.
 */
export async function startEmbeddedDatabase(dataDir: string, say: Say): Promise<EmbeddedDatabase> {
  let binary = await findFerretdb();
  if (!binary) {
    try {
      binary = await installFerretdb(say);
    } catch (error) {
      say(`FerretDB unavailable (${(error as Error).message}); trying mongodb-memory-server`);
    }
  }
  if (binary) return startFerretdb({ binary, dataDir });
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({
    instance: { dbPath: dataDir, storageEngine: 'wiredTiger' },
  });
  return {
    uri: server.getUri().replace(/\/[^/]*$/, ''),
    port: Number(new URL(server.getUri()).port),
    dataDir,
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
