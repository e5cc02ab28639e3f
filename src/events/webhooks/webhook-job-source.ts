import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import {
  createCandidateBuffer,
  retryDelayMs,
  type JobSource,
} from '../../platform/workers/outbox-worker';
import type { EventDoc } from '../event-models';
import { deliverBatch } from './deliver-batch';
import type { WebhookDeps } from './deliver-message';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from './webhook-models';

export interface WebhookSourceDeps extends WebhookDeps {
  Event: Model<EventDoc>;
  leaseSeconds: number;
  retryBaseMs: number;
  disableAfterMinutes: number;
  batchSize?: number;
}

/**
 * Delivers each endpoint's events at least once and in order per resource: an endpoint is taken
 * with one `findOneAndUpdate` that moves its `dueAt` past a lease (like the email outbox), a
 * batch is delivered (deliver-batch.ts), and the cursor moves only past events that all got a
 * 2xx; a failure keeps the rest and retries with capped exponential backoff. A crash or a retry
 * repeats at most one batch, each message under its own `webhook-id`. An endpoint failing for
 * WEBHOOK_DISABLE_AFTER_MINUTES is disabled with the reason; an endpoint disabled (or a lease lost)
 * while a batch is in flight gets nothing more of it.
 */
export function createWebhookJobSource(deps: WebhookSourceDeps): JobSource {
  const endpoints = deps.models.Endpoint.collection;
  const batchSize = deps.batchSize ?? 50;
  const candidates = createCandidateBuffer(async () =>
    (
      await endpoints
        .find({ status: 'enabled', dueAt: { $lte: deps.now() } }, { projection: { _id: 1 } })
        .limit(32)
        .toArray()
    ).map((d) => String(d._id)),
  );

  async function work(endpoint: WebhookEndpointDoc, leaseId: string): Promise<void> {
    const held = { _id: endpoint._id, leaseId } as never;
    // Still enabled and still ours: a batch in flight stops when either ends.
    const mayContinue = async () =>
      (await endpoints.findOne({ ...(held as object), status: 'enabled' } as never, {
        projection: { _id: 1 },
      })) !== null;
    const deadline = Date.now() + (deps.leaseSeconds * 1000) / 2;
    let cursor = endpoint.cursor;
    for (;;) {
      const events = (await deps.Event.collection
        .find({
          tenantId: endpoint.tenantId,
          position: { $gt: cursor },
          ...(endpoint.types.length ? { type: { $in: endpoint.types } } : {}),
        } as never)
        .sort({ position: 1 })
        .limit(batchSize)
        .toArray()) as unknown as EventDoc[];
      if (events.length === 0) return idle(held);
      const batch = await deliverBatch(deps, endpoint, events, mayContinue);
      if (batch.deliveries.length > 0) {
        await deps.models.Delivery.collection.insertMany(batch.deliveries as never[]);
      }
      cursor = batch.deliveredUpTo;
      if (cursor > endpoint.cursor) {
        endpoint.cursor = cursor;
        endpoint.attempts = 0;
        endpoint.failingSince = null;
        const moved = await endpoints.updateOne(held, {
          $set: { cursor, attempts: 0, failingSince: null, lastError: null },
        });
        if (moved.matchedCount !== 1) return; // the lease ran out and another worker took over
      }
      if (batch.stopped) {
        await endpoints.updateOne(held, { $set: { leaseId: null } });
        return;
      }
      if (batch.firstFailure) return failed(endpoint, held, batch.firstFailure);
      if (Date.now() > deadline) {
        await endpoints.updateOne(held, { $set: { dueAt: deps.now(), leaseId: null } });
        return;
      }
    }
  }

  /** Nothing left: idle until the relay marks the endpoint again (unless it did meanwhile). */
  async function idle(held: never): Promise<void> {
    const parked = await endpoints.updateOne({ ...(held as object), pending: false } as never, {
      $set: { dueAt: null, leaseId: null },
    });
    if (parked.matchedCount === 0) {
      await endpoints.updateOne(held, { $set: { dueAt: deps.now(), leaseId: null } });
    }
  }

  async function failed(endpoint: WebhookEndpointDoc, held: never, delivery: WebhookDeliveryDoc) {
    const now = deps.now();
    const attempts = endpoint.attempts + 1;
    const failingSince = endpoint.failingSince ?? now;
    const lastError = `${delivery.error ?? 'failed'}${delivery.responseExcerpt ? `: ${delivery.responseExcerpt.slice(0, 200)}` : ''}`;
    if (now.getTime() - new Date(failingSince).getTime() >= deps.disableAfterMinutes * 60_000) {
      await endpoints.updateOne(held, {
        $set: {
          status: 'disabled',
          disabledAt: now,
          disabledReason: `failing since ${new Date(failingSince).toISOString()} (${attempts} attempts in a row); last error: ${lastError}`,
          dueAt: null,
          leaseId: null,
          attempts,
          failingSince,
          lastError,
        },
      });
      return;
    }
    const dueAt = new Date(now.getTime() + retryDelayMs(attempts, deps.retryBaseMs));
    await endpoints.updateOne(held, {
      $set: { attempts, failingSince, lastError, dueAt, leaseId: null },
    });
  }

  return {
    name: 'webhooks',
    async runOnce() {
      const id = await candidates.next();
      if (id === undefined) return false;
      const now = deps.now();
      const leaseId = randomUUID();
      const endpoint = (await endpoints.findOneAndUpdate(
        { _id: id, status: 'enabled', dueAt: { $lte: now } } as never,
        {
          $set: {
            dueAt: new Date(now.getTime() + deps.leaseSeconds * 1000),
            leaseId,
            pending: false,
          },
        },
        { returnDocument: 'after' },
      )) as WebhookEndpointDoc | null;
      if (endpoint) await work(endpoint, leaseId);
      return true;
    },
  };
}
