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

/** One write the database aborted in a collision (see isTransientWriteError). */
const collided = (code: unknown, message: string | undefined): boolean =>
  code === 112 ||
  ((code === POSTGRES_DEADLOCK || code === 1) && /deadlock detected/i.test(message ?? ''));

/**
 * True for a write the database aborted because it collided with another, so that nothing was
 * written and the same write can be made again: MongoDB's WriteConflict (112) or an error
 * labelled TransientTransactionError, and a PostgreSQL deadlock (PostgreSQL aborts one of two
 * transactions that wait on each other; concurrent inserts of one unique key meet it under
 * load), which DocumentDB reports with PostgreSQL's code and FerretDB as InternalError (1).
 * A batch (`insertMany` with `ordered: false`) is transient when some of its documents
 * collided and every other failure is a duplicate key: its callers count a document that is
 * already there as written, so the whole batch can be made again.
 */
export function isTransientWriteError(error: unknown): boolean {
  if (!(error instanceof mongoose.mongo.MongoServerError)) return false;
  const { writeErrors } = error as { writeErrors?: Array<{ code?: number; errmsg?: string }> };
  if (writeErrors && writeErrors.length > 0) {
    return (
      writeErrors.some((e) => collided(e.code, e.errmsg)) &&
      writeErrors.every((e) => e.code === 11000 || collided(e.code, e.errmsg))
    );
  }
  return error.hasErrorLabel('TransientTransactionError') || collided(error.code, error.message);
}

const TRANSIENT_ATTEMPTS = 3;

/**
 * Makes one write again when the database aborted it as a collision with another write
 * (isTransientWriteError), at most three times, a few milliseconds apart; then the error goes
 * to the caller (a request answers 503 with Retry-After). Only for writes that can be made
 * twice: nothing of an aborted single write was stored, and a batch's callers accept
 * duplicates.
 */
export async function retryTransient<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= TRANSIENT_ATTEMPTS || !isTransientWriteError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 10)));
    }
  }
}

/** True for errors that mean "the database is unavailable", not "the request was wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const name = (error as { name?: string }).name ?? '';
  return /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|MongoPoolClearedError/.test(
    name,
  );
}
