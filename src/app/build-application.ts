import { passwordsOffFor } from '../tenants/sign-in-mode';
import { Router, type Express } from 'express';
import { createAdmin } from '../admin/admin-capability';
import { readOutboxStats } from '../welcome/outbox/read-outbox-stats';
import { sendgridWebhookRoutes } from '../mail/delivery/webhook-routes';
import { createScim } from '../scim/scim-capability';
import { createUser } from '../directory/users/create-user';
import { classifyError } from './error-handlers';
import { prepareCaseInsensitive } from '../scim/schemas/prepare-string';
import { publicPageRoutes } from '../ui/public/public-page-routes';
import { signIn as signInWithPassword, type PasswordAccountFinder } from '../tenants/sign-in';
import { createSignIn, journeyApplicationName } from '../sign-in/sign-in-capability';
import { applicationRoutes } from '../sign-in/applications/application-routes';
import { providerPages } from '../ui/public/oidc-pages';
import { oidcInteractionRoutes } from '../ui/public/oidc-interaction-routes';
import { tenantInfo, userPrincipal } from '../ui/public/route-support';
import { oidcUpstreamRoutes, upstreamStarter } from '../ui/public/oidc-upstream-routes';
import type { JourneyEnd } from '../ui/public/journey-end';
import { signInSettingsRoutes } from '../sign-in/upstream/sign-in-settings-routes';
import { endSession, startSession } from '../tenants/auth-routes';
import { createOutboxWorker } from '../platform/workers/outbox-worker';
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
import { createEvents } from '../events/events-capability';
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

/**
 * Users with a password sign in like administrators; the first sign-in closes the welcome
 * window. `method` is how the sign-in is recorded (`oidc` records its own when it finishes).
 */
function userPasswordAccounts(
  ctx: AppContext,
  method: 'password' | null = 'password',
): PasswordAccountFinder {
  return async (tenantId, email) => {
    // RFC 7644 §5: compared as the stored shadows were prepared.
    const key = prepareCaseInsensitive(email);
    const user = (await ctx.directory.users.collection.findOne({
      tenantId,
      active: { $ne: false },
      $or: [{ userName_lc: key }, { 'emails.value_lc': key }],
    } as never)) as { _id: string; passwordHash?: string; source?: string } | null;
    if (!user) return null;
    // A tenant on single sign-on has no local passwords for its SCIM users (answered as a wrong password).
    const tenant = await ctx.tenants.findTenantCached(tenantId);
    const passwordsOff = passwordsOffFor(tenant, user);
    return {
      id: user._id,
      passwordHash: passwordsOff ? undefined : user.passwordHash,
      onSignedIn: async () => {
        if (!method) return;
        await recordSignIn(
          { directory: ctx.directory, Link: ctx.Link, now: ctx.now },
          { tenantId, userId: user._id, method },
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
  const applicationName = journeyApplicationName(ctx.conn, config.cacheTtlSeconds * 1000);
  return createOutboxWorker({
    sources: [
      createWelcomeJobSource({
        ...common,
        users: ctx.directory.users.collection,
        Link: ctx.Link,
        logger: ctx.logger,
        linkTtlHours: config.welcomeLinkTtlHours,
        eventsWritten: ctx.directory.pendingEvents.notify,
        findTexts: (tenantId, language) => findWelcomeTexts(EmailText, tenantId, language),
        applicationName,
      }),
      ...buildEvents(ctx).sources(),
      createResetJobSource({
        ...common,
        MailJob: ctx.MailJob,
        Link: ctx.Link,
        directory: ctx.directory,
        ttlMinutes: config.passwordResetTtlMinutes,
        logger: ctx.logger,
        applicationName,
      }),
      createReminderJobSource({
        ...common,
        ...reminderDeps(ctx),
        scanIntervalMs: config.welcomeReminderScanSeconds * 1000,
        findTexts: (tenantId, language) => findWelcomeTexts(EmailText, tenantId, language),
        applicationName,
      }),
      createTestEmailJobSource({
        ...common,
        TestEmailJob: testEmailJobModel(ctx.conn),
        logger: ctx.logger,
      }),
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

/** The OpenID Connect provider of every tenant, its applications and the journey's end. */
export function buildSignIn(ctx: AppContext) {
  const { config } = ctx;
  return createSignIn({
    conn: ctx.conn,
    logger: ctx.logger,
    now: ctx.now,
    appSecret: ctx.appSecret,
    config: {
      publicBaseUrl: config.publicBaseUrl,
      accessTokenTtlSeconds: config.oidcAccessTokenTtlSeconds,
      idTokenTtlSeconds: config.oidcIdTokenTtlSeconds,
      refreshTokenTtlDays: config.oidcRefreshTokenTtlDays,
      sessionTtlHours: config.oidcSessionTtlHours,
      tokenLimitPerMinute: config.oidcTokenLimitPerMinute,
      allowPrivateIssuers: config.upstreamAllowPrivateIssuers,
    },
    limiter: ctx.limiter,
    directory: ctx.directory,
    recordSignIn: (input) =>
      recordSignIn({ directory: ctx.directory, Link: ctx.Link, now: ctx.now }, input),
    tenantExists: async (tenantId) => (await ctx.tenants.findTenantCached(tenantId)) !== null,
    signInMode: {
      of: async (tenantId) =>
        (await ctx.tenants.findTenantCached(tenantId))?.signInMode ?? 'password',
      set: async (tenantId, mode) => {
        await ctx.tenantModels.Tenant.updateOne({ _id: tenantId }, { $set: { signInMode: mode } });
        ctx.tenants.forgetTenant(tenantId);
      },
    },
    pages: providerPages(async (tenantId) => (await tenantInfo(ctx, tenantId)).name),
  });
}

/** The SCIM protocol over the directory, with its configuration slice. */
export function buildScim(ctx: AppContext) {
  const { config } = ctx;
  return createScim({
    logger: ctx.logger,
    now: ctx.now,
    config: {
      baseUrl: ctx.scimBaseUrl,
      maxResults: config.scimMaxResults,
      bulkMaxOperations: config.scimBulkMaxOperations,
      bodyLimitBytes: config.bodyLimitBytes,
      patchMaxOperations: config.scimPatchMaxOperations,
      filterMaxLength: config.scimFilterMaxLength,
      filterMaxDepth: config.scimFilterMaxDepth,
      cacheTtlSeconds: config.cacheTtlSeconds,
    },
    registry: ctx.registry,
    cursors: ctx.cursors,
    directory: ctx.directory,
    Link: ctx.Link,
    createUser: (input) =>
      createUser(
        {
          directory: ctx.directory,
          tenants: ctx.tenants,
          now: ctx.now,
          wakeOutbox: ctx.outboxSignal.wake,
        },
        input,
      ),
    describeError: classifyError,
  });
}

/** Events, their relay and webhooks. */
export function buildEvents(ctx: AppContext) {
  const { config } = ctx;
  return createEvents({
    conn: ctx.conn,
    now: ctx.now,
    appSecret: ctx.appSecret,
    directory: ctx.directory,
    present: { registry: ctx.registry, baseUrl: ctx.scimBaseUrl },
    wakeOutbox: ctx.outboxSignal.wake,
    resolveHost: ctx.resolveHost,
    eventRetentionDays: config.eventRetentionDays,
    webhookTimeoutMs: config.webhookTimeoutMs,
    webhookAllowPrivateTargets: config.webhookAllowPrivateTargets,
    webhookDisableAfterMinutes: config.webhookDisableAfterMinutes,
    outboxLeaseSeconds: config.outboxLeaseSeconds,
    outboxRetryBaseMs: config.outboxRetryBaseMs,
    outboxPollMs: config.outboxPollMs,
  });
}

/** The administration API's routers. */
export function buildAdmin(ctx: AppContext) {
  const { config } = ctx;
  return createAdmin({
    conn: ctx.conn,
    now: ctx.now,
    limiter: ctx.limiter,
    tenants: ctx.tenants,
    Tenant: ctx.tenantModels.Tenant,
    Audit: ctx.tenantModels.Audit,
    Administrator: ctx.tenantModels.Administrator,
    directory: ctx.directory,
    registry: ctx.registry,
    ProvisioningEntry: ctx.ProvisioningEntry,
    Link: ctx.Link,
    MailJob: ctx.MailJob,
    DeliveryEvent: ctx.DeliveryEvent,
    wakeOutbox: ctx.outboxSignal.wake,
    publicBaseUrl: config.publicBaseUrl,
    welcomeLinkTtlHours: config.welcomeLinkTtlHours,
    welcomeResendLimitPerHour: config.welcomeResendLimitPerHour,
    emailFromName: config.emailFromName,
    emailTransport: config.emailTransport,
    applicationName: journeyApplicationName(ctx.conn, config.cacheTtlSeconds * 1000),
  });
}

/** Composes the capabilities into routers and workers. */
export function buildApplication(ctx: AppContext): Application {
  const signIn = buildSignIn(ctx);
  const offersCompanyAccount = async (tenantId: string) =>
    (await signIn.signInMode.of(tenantId)) !== 'password' &&
    (await signIn.upstream.connections.find(tenantId)) !== null;
  const goUpstream = upstreamStarter({ publicBaseUrl: ctx.config.publicBaseUrl, signIn });
  const journey: JourneyEnd = {
    formTargets: async (tenantId) => {
      const app = await signIn.applications.journeyApplication(tenantId);
      const upstream = await signIn.upstream.connections.find(tenantId);
      return [
        ...(app ? [app.initiateLoginUri] : []),
        ...(typeof upstream?.metadata.authorization_endpoint === 'string'
          ? [upstream.metadata.authorization_endpoint]
          : []),
      ];
    },
    continueToApplication: signIn.continueToApplication,
    startUpstream: async (res, user) =>
      passwordsOffFor(await ctx.tenants.findTenantCached(user.tenantId), user) &&
      goUpstream(res, user.tenantId, { journey: true }),
    offersCompanyAccount,
  };
  const administration = buildAdmin(ctx);
  const events = buildEvents(ctx);
  const admin = Router();
  admin.use('/preferences', administration.preferences());
  admin.use(administration.users());
  admin.use('/provisioning-log', administration.provisioningLog());
  admin.use('/audit-log', administration.auditLog());
  admin.use(eventsAdminRoutes({ events, audit: ctx.tenants.audit }));
  admin.use(
    signInSettingsRoutes({
      publicBaseUrl: ctx.config.publicBaseUrl,
      connections: signIn.upstream.connections,
      signInMode: signIn.signInMode,
      audit: ctx.tenants.audit,
    }),
  );
  admin.use(
    applicationRoutes({
      applications: signIn.applications,
      issuerOf: signIn.issuerOf,
      audit: ctx.tenants.audit,
    }),
  );
  const scim = buildScim(ctx);
  const app = createApp(ctx, {
    scim: scim.routes(),
    scimPublic: scim.publicRoutes(),
    adminApi: [admin],
    identityManager: Router()
      .use('/settings', administration.identityManagerSettings())
      .use('/reminders', administration.reminders())
      .use('/email-texts', administration.emailTexts()),
    publicApi: [
      welcomeApiRoutes({
        now: ctx.now,
        limiter: ctx.limiter,
        directory: ctx.directory,
        Link: ctx.Link,
        MailJob: ctx.MailJob,
        wakeOutbox: ctx.outboxSignal.wake,
        tenants: ctx.tenants,
        sessions: ctx.sessions,
      }),
      eventsApiRoutes({ events, limiter: ctx.limiter }),
    ],
    pages: [
      sendgridWebhookRoutes({
        bodyLimitBytes: ctx.config.bodyLimitBytes,
        sendgridWebhookPublicKey: ctx.config.sendgridWebhookPublicKey,
        now: ctx.now,
        DeliveryEvent: ctx.DeliveryEvent,
        directory: ctx.directory,
        metrics: ctx.metrics,
      }),
      adminPageRoutes({ sessions: ctx.sessions }),
      publicPageRoutes({
        publicBaseUrl: ctx.config.publicBaseUrl,
        passwordResetTtlMinutes: ctx.config.passwordResetTtlMinutes,
        logger: ctx.logger,
        now: ctx.now,
        appSecret: ctx.appSecret,
        limiter: ctx.limiter,
        linkProbes: ctx.linkProbes,
        directory: ctx.directory,
        Link: ctx.Link,
        MailJob: ctx.MailJob,
        wakeOutbox: ctx.outboxSignal.wake,
        tenants: ctx.tenants,
        passwordSignIn: (input) =>
          signInWithPassword(
            {
              models: ctx.tenantModels,
              limiter: ctx.limiter,
              findUser: userPasswordAccounts(ctx),
              audit: ctx.tenants.audit,
            },
            input,
          ),
        startSession: (res, principal) => startSession(ctx, res, principal),
        endSession: (res) => endSession(ctx, res),
        journey,
        interactions: Router()
          .use(
            oidcInteractionRoutes({
              publicBaseUrl: ctx.config.publicBaseUrl,
              interactions: signIn.interactions,
              tenantInfo: (tenantId) => tenantInfo(ctx, tenantId),
              offersCompanyAccount,
              passwordSignIn: (input) =>
                signInWithPassword(
                  {
                    models: ctx.tenantModels,
                    limiter: ctx.limiter,
                    findUser: userPasswordAccounts(ctx, null),
                    audit: ctx.tenants.audit,
                  },
                  input,
                ),
            }),
          )
          .use(
            oidcUpstreamRoutes({
              publicBaseUrl: ctx.config.publicBaseUrl,
              signIn,
              journey,
              tenantInfo: (tenantId) => tenantInfo(ctx, tenantId),
              startUserSession: (res, user) => startSession(ctx, res, userPrincipal(user)),
            }),
          ),
      }),
      signIn.routes(),
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
