import { randomUUID } from 'node:crypto';
import { deliverMessage, type WebhookDeps } from './deliver-message';
import type { WebhookEndpointDoc } from './webhook-models';

export const TEST_EVENT_TYPE = 'webhook.test';

export const testMessage = (endpoint: WebhookEndpointDoc, id: string, now: Date) => ({
  id,
  type: TEST_EVENT_TYPE,
  position: null,
  payload: {
    id,
    type: TEST_EVENT_TYPE,
    tenant: endpoint.tenantId,
    timestamp: now.toISOString(),
    data: { endpointId: endpoint._id, message: 'A test event sent from the administration pages.' },
  },
});

/** "Send test event": one signed message now, outside the event stream, logged like any other. */
export async function sendTestMessage(deps: WebhookDeps, endpoint: WebhookEndpointDoc) {
  const id = `msg_test_${randomUUID().replace(/-/g, '')}`;
  return deliverMessage(deps, endpoint, testMessage(endpoint, id, deps.now()), 'test', 1);
}
