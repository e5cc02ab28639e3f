import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logging/logger';

export interface ConnectOptions {
  uri: string;
  dbName?: string;
  logger: Logger;
  /** Attempts before giving up at start-up (with exponential backoff). */
  attempts?: number;
}

/**
 * Opens a mongoose connection (never the global default one), retrying with backoff at start.
 * Commands are not buffered: while the database is away, operations fail fast and the API
 * answers 503 instead of hanging.
 */
export async function connectDatabase(options: ConnectOptions): Promise<Connection> {
  const attempts = options.attempts ?? 10;
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    const conn = mongoose.createConnection(options.uri, {
      dbName: options.dbName,
      bufferCommands: false,
      autoIndex: false,
      serverSelectionTimeoutMS: 3_000,
      connectTimeoutMS: 3_000,
      heartbeatFrequencyMS: 2_000,
      maxPoolSize: 50,
      // Command events feed the round-trip test and the database timing metrics.
      monitorCommands: true,
    });
    try {
      await conn.asPromise();
      return conn;
    } catch (error) {
      await conn.close().catch(() => undefined);
      if (attempt >= attempts) throw error;
      options.logger.warn('database not reachable yet; retrying', {
        attempt,
        retryInMs: delay,
        error: (error as Error).message,
      });
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

/** True when the database answers a ping within `timeoutMs`. */
export async function pingDatabase(conn: Connection, timeoutMs = 1_500): Promise<boolean> {
  const db = conn.db;
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('ping timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * PostgreSQL's deadlock_detected (SQLSTATE 40P01) as DocumentDB passes it through: the five
 * characters packed six bits each (PostgreSQL's MAKE_SQLSTATE).
 */
const POSTGRES_DEADLOCK = 16908292;

/**
 * True for a write the database aborted because it collided with another, so that nothing was
 * written and the same write can be made again: MongoDB's WriteConflict (112) or an error
 * labelled TransientTransactionError, and a PostgreSQL deadlock (PostgreSQL aborts one of two
 * transactions that wait on each other; concurrent inserts of one unique key meet it under
 * load), which DocumentDB reports with PostgreSQL's code and FerretDB as InternalError (1).
 */
export function isTransientWriteError(error: unknown): boolean {
  if (!(error instanceof mongoose.mongo.MongoServerError)) return false;
  if (error.code === 112 || error.hasErrorLabel('TransientTransactionError')) return true;
  const deadlock = error.code === POSTGRES_DEADLOCK || error.code === 1;
  return deadlock && /deadlock detected/i.test(error.message);
}

/** True for errors that mean "the database is unavailable", not "the request was wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const name = (error as { name?: string }).name ?? '';
  return /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|MongoPoolClearedError/.test(
    name,
  );
}
