import type { Model } from 'mongoose';
import type { Logger } from '../../platform/logging/logger';
import type { Metrics } from '../../platform/metrics/metrics';
import type { BackgroundWorker } from '../../platform/workers/background-worker';
import type { ProvisioningEntry, ProvisioningEntryDoc } from './provisioning-log-model';

export interface ProvisioningLog {
  /** Buffers one entry; never waits for the database. */
  record(entry: ProvisioningEntry): void;
  /** Writes what is buffered (one insertMany) and trims tenants past their entry cap. */
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

/**
 * The provisioning log's writer. Entries are buffered in this process and written in batches
 * by a timer, so a SCIM request never waits for (or pays a round trip to) its own log line. A
 * crash loses at most the last second; a database outage loses what exceeds the buffer, and the
 * metrics say how many.
 */
export function createProvisioningLog(o: ProvisioningLogOptions): ProvisioningLog {
  const maxBuffered = o.maxBuffered ?? 10_000;
  const flushIntervalMs = o.flushIntervalMs ?? 1_000;
  let buffer: ProvisioningEntryDoc[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  const lastTrim = new Map<string, number>();

  function record(entry: ProvisioningEntry): void {
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

  async function write(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, 1_000);
      buffer = buffer.slice(batch.length);
      try {
        await o.model.collection.insertMany(batch as never[], { ordered: false });
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
