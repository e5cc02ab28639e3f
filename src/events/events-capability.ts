import type { Connection } from 'mongoose';
import type { Directory } from '../directory/directory';
import type { JobSource } from '../platform/workers/outbox-worker';
import type { PresentContext } from '../scim/presenters/present-resource';
import { createEventReaderLibrary, createEventReaderModel } from './event-readers';
import { createEventRelay } from './relay-events';
import type { WebhookDeps } from './webhooks/deliver-message';
import { createEndpointLibrary } from './webhooks/manage-endpoints';
import type { HostResolver } from './webhooks/target-guard';
import { createWebhookJobSource } from './webhooks/webhook-job-source';
import { webhookModels } from './webhooks/webhook-models';
import { wakeEndpoints } from './webhooks/wake-endpoints';

/** What the events capability needs, and nothing more (issue 20's shape). */
export interface EventsDeps {
  conn: Connection;
  now: () => Date;
  /** Seals the webhook endpoints' signing secrets at rest. */
  appSecret: string;
  /** directory/: the event log (`directory.events`) the relay publishes from. */
  directory: Directory;
  /** scim/: how the relay presents a resource in an event (schemas and the SCIM base URL). */
  present: PresentContext;
  /** Nudges this process's outbox worker when the relay made webhook endpoints due. */
  wakeOutbox: () => void;
  /** DNS for webhook targets; the system's when absent. */
  resolveHost?: HostResolver;
  eventRetentionDays: number;
  webhookTimeoutMs: number;
  webhookAllowPrivateTargets: boolean;
  webhookDisableAfterMinutes: number;
  /** Webhook delivery takes endpoints with the outbox's lease and first retry delay. */
  outboxLeaseSeconds: number;
  outboxRetryBaseMs: number;
  /** OUTBOX_POLL_MS: how often the relay scans for events no write in this process announced. */
  outboxPollMs: number;
}

/**
 * Events (ARCHITECTURE.md "events/"): event-reader credentials, webhook endpoints and, for the
 * outbox, the relay that publishes events and webhook delivery. Models are shared per connection.
 */
export function createEvents(deps: EventsDeps) {
  const models = webhookModels(deps.conn);
  const { Event } = deps.directory.events;
  const webhookDeps: WebhookDeps = {
    models,
    appSecret: deps.appSecret,
    now: deps.now,
    timeoutMs: deps.webhookTimeoutMs,
    allowPrivateTargets: deps.webhookAllowPrivateTargets,
    resolveHost: deps.resolveHost,
    retentionDays: deps.eventRetentionDays,
  };
  return {
    Event,
    models,
    webhookDeps,
    readers: createEventReaderLibrary(createEventReaderModel(deps.conn), deps.now),
    endpoints: createEndpointLibrary({
      models,
      Event,
      appSecret: deps.appSecret,
      now: deps.now,
      allowPrivateTargets: deps.webhookAllowPrivateTargets,
      resolveHost: deps.resolveHost,
    }),
    /** The outbox's event sources: the relay that publishes events, and webhook delivery. */
    sources(): JobSource[] {
      return [
        createEventRelay({
          directory: deps.directory,
          present: deps.present,
          now: deps.now,
          retentionDays: deps.eventRetentionDays,
          onPublished: wakeEndpoints(models, deps.now, deps.wakeOutbox),
          scanMs: deps.outboxPollMs,
        }),
        createWebhookJobSource({
          ...webhookDeps,
          Event,
          leaseSeconds: deps.outboxLeaseSeconds,
          retryBaseMs: deps.outboxRetryBaseMs,
          disableAfterMinutes: deps.webhookDisableAfterMinutes,
        }),
      ];
    },
  };
}

export type Events = ReturnType<typeof createEvents>;
