import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { BackgroundWorker } from './background-worker';

/** How often a process says it is alive, and how long it counts as alive after that. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const LIVE_FOR_MS = 3 * HEARTBEAT_INTERVAL_MS;

interface ProcessDoc {
  _id: string;
  seenAt: Date;
  /** TTL: a process that stopped beating leaves the collection on its own. */
  expiresAt: Date;
}

const schema = new Schema<ProcessDoc>(
  { _id: String, seenAt: Date, expiresAt: Date },
  { collection: 'processes', versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
schema.index({ seenAt: 1 });

export const processModel = (conn: Connection): Model<ProcessDoc> =>
  (conn.models.ProcessBeat as Model<ProcessDoc> | undefined) ??
  conn.model<ProcessDoc>('ProcessBeat', schema);

export interface ProcessHeartbeat extends BackgroundWorker {
  /** Says this process is alive and counts the live ones (itself included); tells `onLive`. */
  beat(): Promise<number>;
}

/**
 * Every process of a deployment writes one heartbeat document every HEARTBEAT_INTERVAL_MS and
 * counts the processes seen within LIVE_FOR_MS: two commands per interval and process, none per
 * request. What is shared per process (the SCIM throttle) divides by that count.
 */
export function createProcessHeartbeat(deps: {
  conn: Connection;
  now: () => Date;
  onLive: (processes: number) => void;
  onError?: (error: unknown) => void;
}): ProcessHeartbeat {
  const processes = processModel(deps.conn).collection;
  const id = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function beat(): Promise<number> {
    const now = deps.now();
    await processes.updateOne(
      { _id: id } as never,
      { $set: { seenAt: now, expiresAt: new Date(now.getTime() + LIVE_FOR_MS) } },
      { upsert: true },
    );
    const live = await processes.countDocuments({
      seenAt: { $gt: new Date(now.getTime() - LIVE_FOR_MS) },
    });
    deps.onLive(Math.max(1, live));
    return live;
  }

  const tick = () => {
    running = beat().catch((error: unknown) => deps.onError?.(error));
  };

  return {
    beat,
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, HEARTBEAT_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      // Leaving at once gives the others their larger share without waiting for LIVE_FOR_MS.
      await processes.deleteOne({ _id: id } as never).catch(() => undefined);
    },
  };
}
