import { createHash } from 'node:crypto';
import { Types, type Model } from 'mongoose';
import { isDuplicateKey, onlyDuplicates } from '../../directory/resource-repository';
import { retryTransient } from '../../platform/db/connect';
import type { Logger } from '../../platform/logging/logger';
import type { Metrics } from '../../platform/metrics/metrics';
import type { BackgroundWorker } from '../../platform/workers/background-worker';
import type { ProvisioningEntry, ProvisioningEntryDoc } from './provisioning-log-model';

export interface ProvisioningLog {
  /**
   * Buffers one entry; never waits for the database. A successful read (GET, POST /.search) is
   * counted in its connector's entry for that minute instead (`readCountEntryId`).
   */
  record(entry: ProvisioningEntry): void;
  /**
   * Writes what is buffered (one insertMany of entries, one `$inc` per read count) and
   * trims tenants past their entry cap.
   */
  flush(): Promise<void>;
  /** Flushes about once a second while started; `stop` flushes what is left. */
  worker: BackgroundWorker;
}

export interface ProvisioningLogOptions {
  model: Model<ProvisioningEntryDoc>;
  now: () => Date;
  logger: Logger;
  metrics: Metrics;
  retentionDays: number;
  /** Entries kept per tenant; older ones go at the next trim (about once a minute per tenant). */
  maxEntries: number;
  flushIntervalMs?: number;
  /** Entries held while the database is slow or away; beyond it new entries are dropped and counted. */
  maxBuffered?: number;
}

const DETAIL_MAX = 500;
const MINUTE = 60_000;

/** A read that succeeded: counted per connector and minute, not stored one by one. */
export const isSuccessfulRead = (e: Pick<ProvisioningEntry, 'method' | 'path' | 'status'>) =>
  e.status < 400 && (e.method === 'GET' || (e.method === 'POST' && e.path.endsWith('/.search')));

/**
 * The id of a connector's read-count entry for a minute: the minute's seconds, then 8 bytes of
 * SHA-256 of tenant and connector. Every process computes the same id, so their counts for one
 * minute meet in one entry, and the id sorts with the entries of its minute.
 */
export function readCountEntryId(
  tenantId: string,
  connector: string,
  minute: Date,
): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(minute.getTime() / 1000));
  createHash('sha256').update(`${tenantId}\u0000${connector}`).digest().copy(bytes, 4, 0, 8);
  return new Types.ObjectId(bytes);
}

interface PendingReads {
  tenantId: string;
  connector: string;
  minute: Date;
  count: number;
  byKind: Map<string, number>;
  slowestMs: number;
}

/** "User get", "User list", "Group search", "ServiceProviderConfig get"…: what a read asked for. */
function readKind(entry: ProvisioningEntry): string {
  const segments = entry.path.split('/').filter(Boolean).length; // scim, v2, Users[, id]
  const operation = entry.path.endsWith('/.search') ? 'search' : segments > 3 ? 'get' : 'list';
  return `${entry.resourceType.replace(/[^A-Za-z]/g, '')} ${operation}`;
}

/**
 * The provisioning log's writer. Entries are buffered in this process and written in batches
 * by a timer, so a SCIM request never waits for (or pays a round trip to) its own log line.
 * Every write and every error is an entry of its own; successful reads are counted per
 * connector and minute (one entry each), as reads are most of the traffic and a log line each
 * was most of the database work a read caused (issue 22). A
 * crash loses at most the last second; a database outage loses what exceeds the buffer, and the
 * metrics say how many.
 */
export function createProvisioningLog(o: ProvisioningLogOptions): ProvisioningLog {
  const maxBuffered = o.maxBuffered ?? 10_000;
  const flushIntervalMs = o.flushIntervalMs ?? 1_000;
  let buffer: ProvisioningEntryDoc[] = [];
  let reads = new Map<string, PendingReads>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  const lastTrim = new Map<string, number>();

  function countRead(entry: ProvisioningEntry): void {
    const minute = new Date(Math.floor(entry.at.getTime() / MINUTE) * MINUTE);
    const key = `${entry.tenantId}\u0000${entry.connector}\u0000${minute.getTime()}`;
    let pending = reads.get(key);
    if (!pending) {
      if (reads.size >= maxBuffered) {
        o.metrics.countDroppedLogEntries(1);
        return;
      }
      pending = {
        tenantId: entry.tenantId,
        connector: entry.connector,
        minute,
        count: 0,
        byKind: new Map(),
        slowestMs: 0,
      };
      reads.set(key, pending);
    }
    pending.count += 1;
    const kind = readKind(entry);
    pending.byKind.set(kind, (pending.byKind.get(kind) ?? 0) + 1);
    pending.slowestMs = Math.max(pending.slowestMs, entry.durationMs);
  }

  function record(entry: ProvisioningEntry): void {
    if (isSuccessfulRead(entry)) return countRead(entry);
    if (buffer.length >= maxBuffered) {
      o.metrics.countDroppedLogEntries(1);
      return;
    }
    buffer.push({
      ...entry,
      detail: entry.detail?.slice(0, DETAIL_MAX),
      userName: entry.userName?.slice(0, 300),
      userNameKey: entry.userName?.slice(0, 300).toLowerCase(),
      expiresAt: new Date(entry.at.getTime() + o.retentionDays * 86_400_000),
    } as ProvisioningEntryDoc);
  }

  /** Deletes a tenant's entries older than its newest `maxEntries` (skip, then one deleteMany). */
  async function trim(tenantId: string): Promise<void> {
    const t = o.now().getTime();
    if (t - (lastTrim.get(tenantId) ?? 0) < 60_000) return;
    lastTrim.set(tenantId, t);
    const [oldestKept] = await o.model.collection
      .find({ tenantId }, { projection: { at: 1, _id: 1 } })
      .sort({ at: -1, _id: -1 })
      .skip(o.maxEntries - 1)
      .limit(1)
      .toArray();
    if (!oldestKept) return;
    await o.model.collection.deleteMany({
      tenantId,
      $or: [
        { at: { $lt: oldestKept.at as Date } },
        { at: oldestKept.at as Date, _id: { $lt: oldestKept._id } },
      ],
    });
  }

  /**
   * One entry per connector and minute (usually one or two a flush): counts add up across
   * flushes and processes. The count is added to the entry with `$inc`; the minute's first
   * count inserts it, and an insert that meets another process's (duplicate _id) adds to that
   * one instead. (Not an upsert: two processes' upserts of one new entry at once lost a count
   * on the engine; an insert that loses the race fails loudly.) Each entry is written on its
   * own, so a failure is that entry's alone and no retry can count another entry twice.
   */
  async function writeReads(): Promise<Set<string>> {
    const batch = [...reads.values()];
    reads = new Map();
    const written = new Set<string>();
    for (const r of batch) {
      const _id = readCountEntryId(r.tenantId, r.connector, r.minute);
      const byKind = Object.fromEntries(r.byKind);
      const add = async () =>
        (
          await o.model.collection.updateOne(
            { _id } as never,
            {
              $inc: {
                'reads.count': r.count,
                ...Object.fromEntries(
                  [...r.byKind].map(([kind, n]) => [`reads.byKind.${kind}`, n]),
                ),
              },
              $max: { durationMs: r.slowestMs },
            } as never,
          )
        ).matchedCount === 1;
      const insert = () =>
        o.model.collection.insertOne({
          _id,
          tenantId: r.tenantId,
          at: r.minute,
          connector: r.connector,
          method: 'GET',
          path: '/scim/v2',
          resourceType: 'reads',
          status: 200,
          durationMs: r.slowestMs,
          requestId: '',
          reads: { count: r.count, byKind },
          expiresAt: new Date(r.minute.getTime() + o.retentionDays * 86_400_000),
        } as never);
      try {
        if (!(await add())) {
          await insert().catch(async (error: unknown) => {
            if (!isDuplicateKey(error) || !(await add())) throw error;
          });
        }
        written.add(r.tenantId);
      } catch (error) {
        o.metrics.countDroppedLogEntries(r.count);
        o.logger.warn('provisioning log read count not stored', {
          count: r.count,
          error: (error as Error).message,
        });
      }
    }
    return written;
  }

  async function write(): Promise<void> {
    for (const tenantId of await writeReads()) await trim(tenantId);
    while (buffer.length > 0) {
      const batch = buffer.slice(0, 1_000);
      buffer = buffer.slice(batch.length);
      try {
        // The driver gives each entry its _id before the first try, so a try made again after a
        // collision finds the entries the first one stored as duplicates.
        await retryTransient(() =>
          o.model.collection.insertMany(batch as never[], { ordered: false }),
        ).catch((error: unknown) => {
          if (!onlyDuplicates(error)) throw error;
        });
        for (const tenantId of new Set(batch.map((e) => e.tenantId))) await trim(tenantId);
      } catch (error) {
        o.metrics.countDroppedLogEntries(batch.length);
        o.logger.warn('provisioning log entries not stored', {
          count: batch.length,
          error: (error as Error).message,
        });
        return;
      }
    }
  }

  const flush = (): Promise<void> => {
    flushing ??= write().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  return {
    record,
    flush,
    worker: {
      start() {
        if (timer) return;
        timer = setInterval(() => void flush(), flushIntervalMs);
        timer.unref();
      },
      async stop() {
        if (timer) clearInterval(timer);
        timer = undefined;
        await flush().catch(() => undefined);
      },
    },
  };
}
