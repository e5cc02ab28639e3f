import { Router } from 'express';
import type { Model } from 'mongoose';
import type { Directory } from '../directory/directory';
import { ApiError } from '../platform/errors/api-error';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { WakeOutbox } from '../platform/workers/outbox-signal';
import { authenticateSession } from '../tenants/auth-middleware';
import type { SessionLibrary } from '../tenants/sessions';
import { DEFAULT_TENANT, type TenantLibrary } from '../tenants/tenant-library';
import type { LinkDoc } from './links/link-model';
import type { MailJobDoc } from './password-reset/mail-job-model';
import { requestPasswordReset } from './password-reset/request-password-reset';
import { recordSignIn } from './sign-in/record-sign-in';

const RESET_ACCEPTED = {
  status: 'accepted',
  message: 'If the address belongs to an account, a reset link is on its way.',
};

/** What the welcome capability's public API uses (issue 20). */
export interface WelcomeApiDeps {
  now: () => Date;
  limiter: RateLimiter;
  directory: Directory;
  Link: Model<LinkDoc>;
  MailJob: Model<MailJobDoc>;
  /** Nudges this process's outbox worker when a reset email is queued. */
  wakeOutbox: WakeOutbox;
  /** tenants/: the sign-in mode (no reset under single sign-on) and SCIM bearer tokens. */
  tenants: Pick<TenantLibrary, 'findTenantCached' | 'authenticateScimBearer'>;
  /** tenants/: administrator sessions, which may also record a sign-in. */
  sessions: SessionLibrary;
}

/** Public JSON endpoints of the welcome capability (CONTRACT.md "Public pages and hooks"). */
export function welcomeApiRoutes(deps: WelcomeApiDeps): Router {
  const router = Router();

  router.post('/password-reset', async (req, res) => {
    const body = (req.body ?? {}) as { email?: unknown; tenant?: unknown };
    if (
      typeof body.email !== 'string' ||
      body.email.length > 320 ||
      (body.tenant !== undefined && typeof body.tenant !== 'string')
    ) {
      throw new ApiError(400, 'invalid_request', 'email is required');
    }
    await requestPasswordReset(
      {
        directory: deps.directory,
        MailJob: deps.MailJob,
        Link: deps.Link,
        limiter: deps.limiter,
        now: deps.now,
        wakeOutbox: deps.wakeOutbox,
        tenants: deps.tenants,
      },
      {
        tenantId: (body.tenant as string | undefined) || DEFAULT_TENANT,
        email: body.email,
        clientIp: req.ip ?? 'unknown',
      },
    );
    res.status(202).json(RESET_ACCEPTED);
  });

  /**
   * The host application records a sign-in it handled itself (single sign-on). It
   * authenticates with the tenant's SCIM token or an administrator session.
   */
  router.post('/users/:id/sign-ins', async (req, res) => {
    const session = authenticateSession(deps.sessions, req);
    let tenantId = session?.role === 'admin' ? session.tenantId : undefined;
    if (!tenantId) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      tenantId = bearer ? (await deps.tenants.authenticateScimBearer(bearer))?.tenantId : undefined;
    }
    if (!tenantId)
      throw new ApiError(
        401,
        'unauthorized',
        'a SCIM token or an administrator session is required',
      );
    const user = await deps.directory.users.findById(tenantId, String(req.params.id));
    if (!user) throw new ApiError(404, 'not_found', 'user not found');
    const first = await recordSignIn(
      { directory: deps.directory, Link: deps.Link, now: deps.now },
      { tenantId, userId: user._id, method: 'sso' },
    );
    res.status(201).json({ firstSignIn: first });
  });

  return router;
}
