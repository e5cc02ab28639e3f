import type { Model } from 'mongoose';
import { ApiError } from '../../platform/errors/api-error';
import type { EventDoc } from '../event-models';
import { presentEvent } from '../present-event';
import { deliverMessage, type WebhookDeps } from './deliver-message';
import { TEST_EVENT_TYPE, testMessage } from './send-test-message';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from './webhook-models';

/**
 * "Redeliver": sends a logged message again now, with its original `webhook-id`, so a receiver
 * that de-duplicates by it handles it once. The endpoint's cursor is not touched.
 */
export async function redeliverMessage(
  deps: WebhookDeps & { Event: Model<EventDoc> },
  endpoint: WebhookEndpointDoc,
  deliveryId: string,
): Promise<WebhookDeliveryDoc> {
  const logged = (await deps.models.Delivery.collection.findOne({
    _id: deliveryId,
    tenantId: endpoint.tenantId,
    endpointId: endpoint._id,
  } as never)) as WebhookDeliveryDoc | null;
  if (!logged) throw new ApiError(404, 'not_found', 'no such delivery');
  if (logged.eventType === TEST_EVENT_TYPE) {
    return deliverMessage(
      deps,
      endpoint,
      testMessage(endpoint, logged.messageId, deps.now()),
      'redeliver',
      logged.attempt + 1,
    );
  }
  const event = (await deps.Event.collection.findOne({
    _id: logged.messageId,
    tenantId: endpoint.tenantId,
  } as never)) as EventDoc | null;
  if (!event)
    throw new ApiError(
      410,
      'event_expired',
      'the event is past its retention and can no longer be sent',
    );
  const message = {
    id: event._id,
    type: event.type,
    position: event.position,
    payload: presentEvent(event),
  };
  return deliverMessage(deps, endpoint, message, 'redeliver', logged.attempt + 1);
}
