import { Router, type Express } from 'express';
import { adminPreferencesRoutes, identityManagerSettingsRoutes } from '../admin/settings-routes';
import { auditLogRoutes } from '../admin/audit-log-routes';
import { provisioningLogRoutes } from '../admin/provisioning-log-routes';
import { emailTextRoutes } from '../admin/email-text-routes';
import { reminderSettingsRoutes } from '../admin/reminder-settings-routes';
import { userAdminRoutes } from '../admin/user-admin-routes';
import { readOutboxStats } from '../welcome/outbox/read-outbox-stats';
import { sendgridWebhookRoutes } from '../mail/delivery/webhook-routes';
import { scimPublicRouter, scimRouter } from '../scim/routes/scim-router';
import { prepareCaseInsensitive } from '../scim/schemas/prepare-string';
import { publicPageRoutes } from '../ui/public/public-page-routes';
import type { PasswordAccountFinder } from '../tenants/sign-in';
import { createOutboxWorker } from '../welcome/outbox/outbox-worker';
import { createWelcomeJobSource } from '../welcome/outbox/welcome-job-source';
import { createResetJobSource } from '../welcome/password-reset/reset-job-source';
import { createReminderJobSource } from '../welcome/reminders/reminder-job-source';
import { emailTextModel, findWelcomeTexts } from '../mail/texts/email-text-model';
import { testEmailJobModel } from '../welcome/test-email/test-email-job';
import { createTestEmailJobSource } from '../welcome/test-email/test-email-job-source';
import { recordSignIn } from '../welcome/sign-in/record-sign-in';
import { welcomeApiRoutes } from '../welcome/welcome-api-routes';
import { adminPageRoutes } from '../ui/admin/admin-page-routes';
import type { BackgroundWorker } from '../platform/workers/background-worker';
import {
  createProcessHeartbeat,
  type ProcessHeartbeat,
} from '../platform/workers/process-heartbeat';
import { eventsAdminRoutes } from '../events/events-admin-routes';
import { eventsApiRoutes } from '../events/events-api-routes';
import { createEventSources } from '../events/events-capability';
import { eventsPageRoutes } from '../ui/admin/events-page-routes';
import type { MailSourceDeps } from '../welcome/outbox/mail-source-deps';
import type { AppContext } from './context';
import { createApp } from './create-app';

export type { BackgroundWorker };

export interface Application {
  app: Express;
  /** Includes `heartbeat`. */
  workers: BackgroundWorker[];
  /** This process's heartbeat: the live processes share the SCIM throttle. */
  heartbeat: ProcessHeartbeat;
}

/** Users with a password sign in like administrators; the first sign-in closes the welcome window. */
function userPasswordAccounts(ctx: AppContext): PasswordAccountFinder {
  return async (tenantId, email) => {
    // RFC 7644 §5: compared as the stored shadows were prepared.
    const key = prepareCaseInsensitive(email);
    const user = (await ctx.directory.users.collection.findOne({
      tenantId,
      active: { $ne: false },
      $or: [{ userName_lc: key }, { 'emails.value_lc': key }],
    } as never)) as { _id: string; passwordHash?: string } | null;
    if (!user) return null;
    return {
      id: user._id,
      passwordHash: user.passwordHash,
      onSignedIn: async () => {
        await recordSignIn(
          { directory: ctx.directory, Link: ctx.Link, now: ctx.now },
          { tenantId, userId: user._id, method: 'password' },
        );
      },
    };
  };
}

const reminderDeps = (ctx: AppContext) => ({
  users: ctx.directory.users.collection,
  Link: ctx.Link,
  Tenant: ctx.tenantModels.Tenant,
  logger: ctx.logger,
});

/** What every email job source shares, from the context and the configuration. */
export function mailSourceDeps(ctx: AppContext): MailSourceDeps {
  const { config } = ctx;
  return {
    tenants: ctx.tenants,
    transport: ctx.transport,
    appSecret: ctx.appSecret,
    now: ctx.now,
    publicBaseUrl: config.publicBaseUrl,
    emailFrom: config.emailFrom,
    emailFromName: config.emailFromName,
    leaseSeconds: config.outboxLeaseSeconds,
    maxAttempts: config.outboxMaxAttempts,
    retryBaseMs: config.outboxRetryBaseMs,
    retryMaxMs: config.outboxRetryMaxMs,
    metrics: ctx.metrics,
  };
}

export function createOutbox(ctx: AppContext) {
  const { config } = ctx;
  const EmailText = emailTextModel(ctx.conn);
  const common = mailSourceDeps(ctx);
  return createOutboxWorker({
    sources: [
      createWelcomeJobSource({
        ...common,
        users: ctx.directory.users.collection,
        Link: ctx.Link,
        logger: ctx.logger,
        linkTtlHours: config.welcomeLinkTtlHours,
        findTexts: (tenantId, language) => findWelcomeTexts(EmailText, tenantId, language),
      }),
      ...createEventSources(ctx),
      createResetJobSource({
        ...common,
        MailJob: ctx.MailJob,
        Link: ctx.Link,
        directory: ctx.directory,
        ttlMinutes: config.passwordResetTtlMinutes,
      }),
      createReminderJobSource({
        ...common,
        ...reminderDeps(ctx),
        scanIntervalMs: config.welcomeReminderScanSeconds * 1000,
        findTexts: (tenantId, language) => findWelcomeTexts(EmailText, tenantId, language),
      }),
      createTestEmailJobSource({ ...common, TestEmailJob: testEmailJobModel(ctx.conn) }),
    ],
    concurrency: config.outboxConcurrency,
    pollIntervalMs: config.outboxPollMs,
    logger: ctx.logger,
    onWake: ctx.outboxSignal.onWake,
    sweep: () => ctx.limiter.sweep(),
  });
}

/** Sets the outbox gauges from the database, just before a scrape. */
function refreshOutboxGauges(ctx: AppContext) {
  return async () => {
    const stats = await readOutboxStats(
      [
        {
          kind: 'welcome',
          collection: ctx.directory.users.collection,
          state: 'welcome.state',
          dueAt: 'welcome.dueAt',
        },
        {
          kind: 'password-reset',
          collection: ctx.MailJob.collection,
          state: 'state',
          dueAt: 'dueAt',
        },
      ],
      ctx.now(),
    );
    for (const s of stats) ctx.metrics.setOutbox(s.kind, s.dueJobs, s.oldestDueAgeSeconds);
  };
}

/** Composes the capabilities into routers and workers. */
export function buildApplication(ctx: AppContext): Application {
  const admin = Router();
  admin.use('/preferences', adminPreferencesRoutes(ctx));
  admin.use(userAdminRoutes(ctx));
  admin.use('/provisioning-log', provisioningLogRoutes(ctx));
  admin.use('/audit-log', auditLogRoutes(ctx));
  admin.use(eventsAdminRoutes(ctx));
  const app = createApp(ctx, {
    scim: scimRouter(ctx),
    scimPublic: scimPublicRouter(ctx),
    adminApi: [admin],
    identityManager: Router()
      .use('/settings', identityManagerSettingsRoutes(ctx))
      .use('/reminders', reminderSettingsRoutes(ctx))
      .use('/email-texts', emailTextRoutes(ctx)),
    publicApi: [welcomeApiRoutes(ctx), eventsApiRoutes(ctx)],
    pages: [
      sendgridWebhookRoutes(ctx),
      adminPageRoutes(ctx),
      eventsPageRoutes(ctx),
      publicPageRoutes(ctx, { findUser: userPasswordAccounts(ctx) }),
    ],
    findUser: userPasswordAccounts(ctx),
    refreshMetrics: refreshOutboxGauges(ctx),
  });
  const heartbeat = createProcessHeartbeat({
    conn: ctx.conn,
    now: ctx.now,
    onLive: (processes) => ctx.scimBuckets.setProcesses(processes),
    onError: (error) => ctx.logger.warn('heartbeat failed', { error: String(error) }),
  });
  return {
    app,
    workers: [createOutbox(ctx), ctx.provisioningLog.worker, heartbeat],
    heartbeat,
  };
}
