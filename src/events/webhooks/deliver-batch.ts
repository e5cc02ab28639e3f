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
 *
 * `mayContinue` is asked before every message but the first of each lane (the lease was just
 * taken on an enabled endpoint): once it says no (the endpoint was disabled or the lease lost
 * while the batch was in flight) nothing more is sent. One answer serves every lane whose last
 * send ended before that question was asked, so a batch asks about once per round of sends.
 */
export async function deliverBatch(
  deps: WebhookDeps,
  endpoint: WebhookEndpointDoc,
  events: EventDoc[],
  mayContinue: () => Promise<boolean> = async () => true,
): Promise<{
  deliveries: WebhookDeliveryDoc[];
  deliveredUpTo: number;
  firstFailure?: WebhookDeliveryDoc;
  stopped: boolean;
}> {
  const byResource = new Map<string, EventDoc[]>();
  for (const e of events)
    byResource.set(e.resourceId, [...(byResource.get(e.resourceId) ?? []), e]);
  const queues = [...byResource.values()];
  const outcome = new Map<number, WebhookDeliveryDoc>();
  const ask = sharedQuestion(mayContinue);
  let stopped = false;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(RESOURCES_IN_PARALLEL, queues.length) }, async () => {
      let lastSend = -1;
      while (next < queues.length && !stopped) {
        for (const event of queues[next++]!) {
          if (lastSend >= 0 && !(await ask(lastSend))) stopped = true;
          if (stopped) return;
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
          lastSend = ask.sent();
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
  return { deliveries, deliveredUpTo, firstFailure, stopped };
}

/**
 * A question whose answer is reused by every caller whose last send ended before it was asked
 * (sends are numbered as they end): a fresh answer for each caller, one read per round.
 */
function sharedQuestion(question: () => Promise<boolean>) {
  let sends = 0;
  let asked: { at: number; answer: Promise<boolean> } | undefined;
  const ask = (lastSend: number) => {
    if (!asked || asked.at < lastSend) asked = { at: sends, answer: question() };
    return asked.answer;
  };
  ask.sent = () => ++sends;
  return ask;
}
