import type { ELDHistogram } from 'node:perf_hooks';
import type { Connection } from 'mongoose';
import type { Config } from '../platform/config/load-config';
import type { Logger } from '../platform/logging/logger';
import { createRateLimiter, type RateLimiter } from '../platform/rate-limit/rate-limiter';
import { createTenantModels, type TenantModels } from '../tenants/models';
import { createSessionLibrary, type SessionLibrary } from '../tenants/sessions';
import { createTenantLibrary, type TenantLibrary } from '../tenants/tenant-library';
import { createSchemaRegistry, type ScimSchemaRegistry } from '../scim/schemas/registry';
import { createDirectory, type Directory } from '../directory/directory';
import { hmac } from '../platform/crypto/secrets';
import { createCursorCodec, type CursorCodec } from '../scim/query/cursor';
import type { Model } from 'mongoose';
import { createOutboxSignal, type OutboxSignal } from '../platform/workers/outbox-signal';
import type { MailTransport } from '../mail/transports/mail-transport';
import { createTransport } from '../mail/transports/create-transport';
import { createLinkModel, type LinkDoc } from '../welcome/links/link-model';
import { GRANT_TTL_SECONDS, GRANT_USES } from '../welcome/password/set-password-grant';
import { dropTtlIndex, ensureTtlIndex } from '../platform/db/ttl-index';
import {
  createLinkProbeGuard,
  type LinkProbe,
  type LinkProbeGuard,
} from '../welcome/links/link-probe-guard';
import { createMailJobModel, type MailJobDoc } from '../welcome/password-reset/mail-job-model';
import { createMetrics, type Metrics } from '../platform/metrics/metrics';
import { observeDatabaseCommands } from '../platform/metrics/observe-database-commands';
import { createTokenBucket, type TokenBucket } from '../platform/rate-limit/token-bucket';
import {
  watchDatabaseAvailability,
  type DatabaseAvailability,
} from '../platform/db/database-availability';
import {
  createProvisioningLog,
  type ProvisioningLog,
} from '../scim/provisioning-log/provisioning-log';
import {
  createProvisioningLogModel,
  type ProvisioningEntryDoc,
} from '../scim/provisioning-log/provisioning-log-model';
import type { HostResolver } from '../events/webhooks/target-guard';
import {
  createDeliveryEventModel,
  type DeliveryEventDoc,
} from '../mail/delivery/delivery-event-model';

/** Everything a request or a worker needs, built once per process and passed in (STYLE rule 7). */
export interface AppContext {
  config: Config;
  logger: Logger;
  conn: Connection;
  now: () => Date;
  appSecret: string;
  limiter: RateLimiter;
  /** Limits guessing of one-time link tokens per client and per tenant. */
  linkProbes: LinkProbeGuard;
  tenantModels: TenantModels;
  tenants: TenantLibrary;
  sessions: SessionLibrary;
  registry: ScimSchemaRegistry;
  /** Absolute SCIM base URL, from PUBLIC_BASE_URL (never the Host header). */
  scimBaseUrl: string;
  directory: Directory;
  cursors: CursorCodec;
  /** In-process nudge for this process's outbox worker; other processes find jobs by polling. */
  outboxSignal: OutboxSignal;
  transport: MailTransport;
  Link: Model<LinkDoc>;
  MailJob: Model<MailJobDoc>;
  DeliveryEvent: Model<DeliveryEventDoc>;
  eventLoop?: ELDHistogram;
  /** This process's Prometheus instruments (platform/metrics). */
  metrics: Metrics;
  /** SCIM_RATE_LIMIT_PER_SECOND / SCIM_RATE_LIMIT_BURST, one bucket per tenant, in this process. */
  scimBuckets: TokenBucket;
  /** Whether the database answers, from the driver's heartbeats; SCIM and admin fail fast on it. */
  database: DatabaseAvailability;
  ProvisioningEntry: Model<ProvisioningEntryDoc>;
  provisioningLog: ProvisioningLog;
  /** DNS for webhook targets; the system's when absent. */
  resolveHost?: HostResolver;
}

export type { OutboxSignal };

export interface ContextInput {
  config: Config;
  logger: Logger;
  conn: Connection;
  appSecret: string;
  now?: () => Date;
  /** The process's event-loop delay histogram (main.ts enables one), served at /healthz/event-loop. */
  eventLoop?: ELDHistogram;
  /** Overrides the transport EMAIL_TRANSPORT selects (tests). */
  transport?: MailTransport;
  /** Told of every unknown link token counted (where a metrics counter hooks in). */
  onLinkProbe?: (probe: LinkProbe) => void;
  /** main.ts passes one with Node's default metrics; tests get a fresh registry each. */
  metrics?: Metrics;
  /** DNS for webhook targets, at save and at each connection (tests stage re-resolving names). */
  resolveHost?: HostResolver;
}

export function createContext(input: ContextInput): AppContext {
  const now = input.now ?? (() => new Date());
  const tenantModels = createTenantModels(input.conn);
  const registry = createSchemaRegistry();
  const limiter = createRateLimiter(input.conn, now);
  const { config } = input;
  const metrics = input.metrics ?? createMetrics();
  observeDatabaseCommands(input.conn.getClient(), metrics);
  const ProvisioningEntry = createProvisioningLogModel(input.conn);
  return {
    ...input,
    now,
    metrics,
    scimBuckets: createTokenBucket({
      ratePerSecond: config.scimRateLimitPerSecond,
      burst: config.scimRateLimitBurst,
      now: () => now().getTime(),
    }),
    database: watchDatabaseAvailability(input.conn),
    ProvisioningEntry,
    provisioningLog: createProvisioningLog({
      model: ProvisioningEntry,
      now,
      logger: input.logger,
      metrics,
      retentionDays: config.provisioningLogDays,
      maxEntries: config.provisioningLogMaxEntries,
    }),
    limiter,
    linkProbes: createLinkProbeGuard({
      limiter,
      limits: {
        perClient: config.linkProbeLimitPerClient,
        perTenant: config.linkProbeLimitPerTenant,
        windowSeconds: config.linkProbeWindowSeconds,
      },
      onProbe: input.onLinkProbe,
    }),
    tenantModels,
    tenants: createTenantLibrary({
      models: tenantModels,
      appSecret: input.appSecret,
      now,
      cacheTtlMs: input.config.cacheTtlSeconds * 1000,
    }),
    sessions: createSessionLibrary(
      input.appSecret,
      input.config.sessionTtlMinutes,
      input.config.publicBaseUrl,
    ),
    registry,
    scimBaseUrl: `${input.config.publicBaseUrl}/scim/v2`,
    directory: createDirectory(input.conn, registry, now),
    cursors: createCursorCodec(hmac(input.appSecret, 'scim-cursor'), 3600),
    outboxSignal: createOutboxSignal(({ kind, tenantId, count }) =>
      metrics.countEmail(kind, 'queued', tenantId, count),
    ),
    transport: input.transport ?? createTransport(input.config, input.conn, now),
    Link: createLinkModel(input.conn),
    MailJob: createMailJobModel(input.conn),
    DeliveryEvent: createDeliveryEventModel(input.conn),
  };
}

/** Creates every collection's indexes (idempotent; run at start). */
export async function ensureIndexes(ctx: AppContext): Promise<void> {
  for (const model of Object.values(ctx.conn.models)) {
    await model.createIndexes();
  }
  // What happened to each email is kept EMAIL_HISTORY_DAYS, counted from a date the documents
  // have: a reset job from its request, a reset link from when it stops working, an event from
  // its arrival. (Welcome emails are recorded on the user, which keeps its own history, and
  // welcome links stay: one per email, and the way to a new link for a user who never signed in.)
  const history = ctx.config.emailHistoryDays * 86_400;
  await ensureTtlIndex(ctx.MailJob.collection, 'createdAt', history);
  await dropTtlIndex(ctx.Link.collection, 'expiresAt'); // made by an earlier version
  await ensureTtlIndex(ctx.Link.collection, 'historyFrom', history);
  await ensureTtlIndex(ctx.DeliveryEvent.collection, 'receivedAt', history);
  // A spent set-password grant need only be remembered while the grant could still be used.
  await ensureTtlIndex(ctx.conn.collection(GRANT_USES), 'at', GRANT_TTL_SECONDS + 86_400);
}
