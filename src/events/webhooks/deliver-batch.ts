import type { EventDoc } from '../event-models';
import { presentEvent } from '../present-event';
import { deliverMessage, type WebhookDeps } from './deliver-message';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from './webhook-models';

/** Resources of one batch delivered at the same time to one endpoint. */
export const RESOURCES_IN_PARALLEL = 8;

/**
 * Delivers a batch of an endpoint's events: the events of one resource one after another, in
 * position order, stopping at its first failure; different resources side by side. Returns
 * every attempt and the position up to which every event was delivered (the new cursor).
 */
export async function deliverBatch(
  deps: WebhookDeps,
  endpoint: WebhookEndpointDoc,
  events: EventDoc[],
): Promise<{
  deliveries: WebhookDeliveryDoc[];
  deliveredUpTo: number;
  firstFailure?: WebhookDeliveryDoc;
}> {
  const byResource = new Map<string, EventDoc[]>();
  for (const e of events)
    byResource.set(e.resourceId, [...(byResource.get(e.resourceId) ?? []), e]);
  const queues = [...byResource.values()];
  const outcome = new Map<number, WebhookDeliveryDoc>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(RESOURCES_IN_PARALLEL, queues.length) }, async () => {
      while (next < queues.length) {
        for (const event of queues[next++]!) {
          const message = {
            id: event._id,
            type: event.type,
            position: event.position,
            payload: presentEvent(event),
          };
          const delivery = await deliverMessage(
            deps,
            endpoint,
            message,
            'outbox',
            endpoint.attempts + 1,
            { log: false },
          );
          outcome.set(event.position, delivery);
          if (!delivery.ok) break; // later events of this resource wait for this one
        }
      }
    }),
  );
  let deliveredUpTo = endpoint.cursor;
  let firstFailure: WebhookDeliveryDoc | undefined;
  for (const e of events) {
    const delivery = outcome.get(e.position);
    if (!delivery?.ok) {
      firstFailure = delivery ?? [...outcome.values()].find((d) => !d.ok);
      break;
    }
    deliveredUpTo = e.position;
  }
  const deliveries = events
    .map((e) => outcome.get(e.position))
    .filter((d): d is WebhookDeliveryDoc => !!d);
  return { deliveries, deliveredUpTo, firstFailure };
}
