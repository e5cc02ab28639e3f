import type { AppContext } from '../app/context';
import type { JobSource } from '../platform/workers/outbox-worker';
import { createEventReaderLibrary, createEventReaderModel } from './event-readers';
import { createEventRelay } from './relay-events';
import type { WebhookDeps } from './webhooks/deliver-message';
import { createEndpointLibrary } from './webhooks/manage-endpoints';
import { createWebhookJobSource } from './webhooks/webhook-job-source';
import { webhookModels } from './webhooks/webhook-models';
import { wakeEndpoints } from './webhooks/wake-endpoints';

/** The events capability built from the process context (models are shared per connection). */
export function createEventsCapability(ctx: AppContext) {
  const { config } = ctx;
  const models = webhookModels(ctx.conn);
  const { Event } = ctx.directory.events;
  const webhookDeps: WebhookDeps = {
    models,
    appSecret: ctx.appSecret,
    now: ctx.now,
    timeoutMs: config.webhookTimeoutMs,
    allowPrivateTargets: config.webhookAllowPrivateTargets,
    resolveHost: ctx.resolveHost,
    retentionDays: config.eventRetentionDays,
  };
  return {
    Event,
    models,
    webhookDeps,
    readers: createEventReaderLibrary(createEventReaderModel(ctx.conn), ctx.now),
    endpoints: createEndpointLibrary({
      models,
      Event,
      appSecret: ctx.appSecret,
      now: ctx.now,
      allowPrivateTargets: config.webhookAllowPrivateTargets,
      resolveHost: ctx.resolveHost,
    }),
  };
}

export type EventsCapability = ReturnType<typeof createEventsCapability>;

/** The outbox's event sources: the relay that publishes events, and webhook delivery. */
export function createEventSources(ctx: AppContext): JobSource[] {
  const events = createEventsCapability(ctx);
  return [
    createEventRelay({
      directory: ctx.directory,
      present: { registry: ctx.registry, baseUrl: ctx.scimBaseUrl },
      now: ctx.now,
      retentionDays: ctx.config.eventRetentionDays,
      onPublished: wakeEndpoints(events.models, ctx.now, ctx.outboxSignal.wake),
    }),
    createWebhookJobSource({
      ...events.webhookDeps,
      Event: events.Event,
      leaseSeconds: ctx.config.outboxLeaseSeconds,
      retryBaseMs: ctx.config.outboxRetryBaseMs,
      disableAfterMinutes: ctx.config.webhookDisableAfterMinutes,
    }),
  ];
}
