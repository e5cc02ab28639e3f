import { passwordsOffFor } from '../tenants/sign-in-mode';
import { Router, type Request } from 'express';
import type { Connection, Model } from 'mongoose';
import type { Directory } from '../directory/directory';
import { createUser } from '../directory/users/create-user';
import type { UserDoc } from '../directory/users/user-model';
import type { DeliveryEventDoc } from '../mail/delivery/delivery-event-model';
import type { EmailTransportName } from '../platform/config/load-config';
import { ApiError } from '../platform/errors/api-error';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { ScimSchemaRegistry } from '../scim/schemas/registry';
import { normalizeResource } from '../scim/schemas/normalize-resource';
import type { TenantLibrary } from '../tenants/tenant-library';
import type { LinkDoc } from '../welcome/links/link-model';
import type { MailJobDoc } from '../welcome/password-reset/mail-job-model';
import { queuePasswordReset } from '../welcome/password-reset/request-password-reset';
import {
  resendPendingWelcomeEmails,
  resendWelcomeEmail,
} from '../welcome/resend/resend-welcome-email';
import { describeWelcome } from '../welcome/status/describe-welcome';
import {
  describePasswordResets,
  PASSWORD_RESETS_SHOWN,
} from '../welcome/status/describe-password-resets';
import { displayNameOf, recipientOf } from '../welcome/outbox/recipient';
import { createOutboxMessageModel } from '../mail/transports/outbox-transport';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function intParam(value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new ApiError(400, 'invalid_request', 'page and limit must be integers');
  return Math.min(max, Math.max(min, n));
}

export interface UserAdminRoutesDeps {
  /** The outbox transport's messages are a collection of this connection. */
  conn: Connection;
  now: () => Date;
  directory: Directory;
  /** scim/: a user created here is checked as a SCIM one is. */
  registry: ScimSchemaRegistry;
  tenants: TenantLibrary;
  limiter: RateLimiter;
  Link: Model<LinkDoc>;
  MailJob: Model<MailJobDoc>;
  DeliveryEvent: Model<DeliveryEventDoc>;
  /** Nudges this process's outbox worker after an email was queued. */
  wakeOutbox: () => void;
  welcomeResendLimitPerHour: number;
  /** EMAIL_TRANSPORT, shown beside the outbox's messages. */
  emailTransport: EmailTransportName;
}

/** The Admin client's Users page and the welcome-email actions (CONTRACT.md). */
export function userAdminRoutes(deps: UserAdminRoutesDeps): Router {
  const router = Router();
  const { directory, tenants, limiter, now, wakeOutbox, Link } = deps;
  const resendDeps = () => ({
    directory,
    Link,
    tenants,
    limiter,
    now,
    wakeOutbox,
    limitPerHour: deps.welcomeResendLimitPerHour,
  });

  const summary = (u: UserDoc) => {
    const status = describeWelcome(u, [], null, now());
    return {
      id: u._id,
      userName: u.userName,
      displayName: displayNameOf(u),
      email: recipientOf(u) ?? null,
      active: u.active !== false,
      source: u.source,
      connector: u.connector,
      created: u.meta.created.toISOString(),
      firstSignInAt: u.firstSignInAt?.toISOString() ?? null,
      welcome: {
        state: status.state,
        delivery: status.delivery,
        explanation: status.explanation,
        canResend: status.canResend,
      },
    };
  };

  async function load(req: Request): Promise<UserDoc> {
    const user = await directory.users.findById(req.session!.tenantId, String(req.params.id));
    if (!user) throw new ApiError(404, 'not_found', 'user not found');
    return user;
  }

  router.get('/users', async (req, res) => {
    const tenantId = req.session!.tenantId;
    const limit = intParam(req.query.limit, 25, 1, 200);
    const page = intParam(req.query.page, 1, 1, 100_000);
    const query: Record<string, unknown> = {};
    if (req.query.source === 'scim' || req.query.source === 'admin')
      query.source = req.query.source;
    const q = typeof req.query.q === 'string' ? req.query.q.trim().toLowerCase().slice(0, 200) : '';
    if (q) {
      const prefix = { $regex: `^${escapeRegex(q)}` };
      query.$or = [
        { userName_lc: prefix },
        { 'emails.value_lc': prefix },
        { displayName_lc: prefix },
        { 'name.givenName_lc': prefix },
        { 'name.familyName_lc': prefix },
        { 'name.formatted_lc': { $regex: escapeRegex(q) } },
      ];
    }
    const [total, users] = await Promise.all([
      directory.users.count(tenantId, query),
      directory.users.list(tenantId, {
        query,
        sort: { 'meta.created': -1, _id: 1 },
        skip: (page - 1) * limit,
        limit,
      }),
    ]);
    res.json({ total, page, limit, users: users.map(summary) });
  });

  router.post('/users', async (req, res) => {
    const { resource, password } = normalizeResource(deps.registry, 'User', req.body, 'create');
    const user = await createUser(
      { directory, tenants, now, wakeOutbox },
      {
        tenantId: req.session!.tenantId,
        resource,
        password,
        source: 'admin',
        connector: 'Admin client',
      },
    );
    await tenants.audit({
      tenantId: req.session!.tenantId,
      actor: req.session!.subject,
      action: 'user.create',
      target: user._id,
    });
    res.status(201).json(summary(user));
  });

  router.get('/users/:id/welcome-email', async (req, res) => {
    const user = await load(req);
    const generation = Number((user.welcome as { generation?: number }).generation ?? 0);
    const [events, link] = await Promise.all([
      deps.DeliveryEvent.find({ tenantId: user.tenantId, userId: user._id, kind: 'welcome' })
        .sort({ at: 1 })
        .limit(200)
        .lean(),
      Link.findOne({
        tenantId: user.tenantId,
        userId: user._id,
        purpose: 'welcome',
        generation,
      }).lean(),
    ]);
    res.json({
      userId: user._id,
      userName: user.userName,
      ...describeWelcome(user, events, link, now(), {
        reminderDays: (await tenants.findTenantCached(user.tenantId))?.welcomeReminderDays,
      }),
    });
  });

  router.post('/users/:id/welcome-email', async (req, res) => {
    const user = await resendWelcomeEmail(resendDeps(), {
      tenantId: req.session!.tenantId,
      userId: String(req.params.id),
      actor: req.session!.subject,
    });
    res
      .status(202)
      .json({ status: 'queued', generation: (user.welcome as { generation: number }).generation });
  });

  router.post('/welcome-emails/resend-pending', async (req, res) => {
    const count = await resendPendingWelcomeEmails(resendDeps(), {
      tenantId: req.session!.tenantId,
      actor: req.session!.subject,
    });
    res.status(202).json({ status: 'queued', users: count });
  });

  router.get('/users/:id/password-resets', async (req, res) => {
    const user = await load(req);
    const owner = { tenantId: user.tenantId, userId: user._id };
    const jobs = await deps.MailJob.find({ ...owner, kind: 'password-reset' })
      .sort({ createdAt: -1 })
      .limit(PASSWORD_RESETS_SHOWN)
      .lean<MailJobDoc[]>();
    const jobId = { $in: jobs.map((j) => j._id) };
    const [events, links] = jobs.length
      ? await Promise.all([
          deps.DeliveryEvent.find({ ...owner, kind: 'password-reset', jobId })
            .sort({ at: -1 })
            .limit(50 * PASSWORD_RESETS_SHOWN)
            .lean<DeliveryEventDoc[]>(),
          Link.find({ ...owner, purpose: 'password-reset', jobId }).lean<LinkDoc[]>(),
        ])
      : [[], []];
    res.json({
      userId: user._id,
      userName: user.userName,
      emails: describePasswordResets(jobs, events, links),
    });
  });

  router.post('/users/:id/password-reset', async (req, res) => {
    const user = await load(req);
    if (!recipientOf(user)) throw new ApiError(409, 'no_email', 'the user has no email address');
    const tenant = await tenants.findTenantCached(user.tenantId);
    if (passwordsOffFor(tenant, user)) {
      throw new ApiError(
        409,
        'single_sign_on',
        'this user signs in with their company account (single sign-on); there is no password to reset',
      );
    }
    const limit = await limiter.hit(`admin-reset:${user.tenantId}:${user._id}`, 5, 3600);
    if (!limit.allowed)
      throw new ApiError(429, 'too_many_requests', 'at most 5 password resets per user per hour');
    await queuePasswordReset(
      {
        directory,
        MailJob: deps.MailJob,
        Link,
        limiter,
        now,
        wakeOutbox,
      },
      user.tenantId,
      user._id,
      'administrator',
    );
    await tenants.audit({
      tenantId: user.tenantId,
      actor: req.session!.subject,
      action: 'user.password-reset',
      target: user._id,
    });
    res.status(202).json({ status: 'queued' });
  });

  router.get('/outbox', async (req, res) => {
    const Message = createOutboxMessageModel(deps.conn);
    const limit = intParam(req.query.limit, 50, 1, 200);
    const messages = await Message.find({ tenantId: req.session!.tenantId })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean();
    res.json({
      transport: deps.emailTransport,
      messages: messages.map((m) => ({
        id: m._id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        categories: m.categories,
        createdAt: m.createdAt,
      })),
    });
  });

  return router;
}
