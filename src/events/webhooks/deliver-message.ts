import { randomUUID } from 'node:crypto';
import type { WebhookDeliveryDoc, WebhookEndpointDoc, WebhookModels } from './webhook-models';
import { signingSecrets, signWebhook } from './webhook-secrets';
import { postWebhook } from './post-webhook';
import type { HostResolver } from './target-guard';

export interface WebhookDeps {
  models: WebhookModels;
  appSecret: string;
  now: () => Date;
  timeoutMs: number;
  allowPrivateTargets: boolean;
  retentionDays: number;
  /** DNS for each connection (the system's unless a test stages a name). */
  resolveHost?: HostResolver;
}

/** What one webhook carries: `id` becomes `webhook-id`, the same for every attempt. */
export interface WebhookMessage {
  id: string;
  type: string;
  position: number | null;
  payload: unknown;
}

/**
 * Signs and POSTs one message to one endpoint (Standard Webhooks headers) and writes the attempt
 * to the endpoint's delivery log (unless the caller logs a batch itself).
 */
export async function deliverMessage(
  deps: WebhookDeps,
  endpoint: WebhookEndpointDoc,
  message: WebhookMessage,
  trigger: WebhookDeliveryDoc['trigger'],
  attempt: number,
  options: { log?: boolean } = {},
): Promise<WebhookDeliveryDoc> {
  const now = deps.now();
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify(message.payload);
  const secrets = signingSecrets(deps.appSecret, endpoint.secrets, now);
  const result = await postWebhook(
    endpoint.url,
    {
      'webhook-id': message.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secrets, message.id, timestamp, body),
    },
    body,
    {
      timeoutMs: deps.timeoutMs,
      allowPrivate: deps.allowPrivateTargets,
      resolveHost: deps.resolveHost,
    },
  );
  const delivery: WebhookDeliveryDoc = {
    _id: randomUUID(),
    tenantId: endpoint.tenantId,
    endpointId: endpoint._id,
    messageId: message.id,
    eventType: message.type,
    position: message.position,
    trigger,
    attempt,
    ...result,
    at: now,
    expiresAt: new Date(now.getTime() + deps.retentionDays * 86_400_000),
  };
  // The outbox logs a whole batch with one insert; manual sends log their one attempt here.
  if (options.log !== false) await deps.models.Delivery.collection.insertOne(delivery as never);
  return delivery;
}
