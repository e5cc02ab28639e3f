import { Router } from 'express';
import type { AppContext } from '../app/context';
import { ApiError } from '../platform/errors/api-error';
import { authenticateSession } from '../tenants/auth-middleware';
import { DEFAULT_TENANT } from '../tenants/tenant-library';
import { requestPasswordReset } from './password-reset/request-password-reset';
import { recordSignIn } from './sign-in/record-sign-in';

const RESET_ACCEPTED = {
  status: 'accepted',
  message: 'If the address belongs to an account, a reset link is on its way.',
};

/** Public JSON endpoints of the welcome capability (CONTRACT.md "Public pages and hooks"). */
export function welcomeApiRoutes(ctx: AppContext): Router {
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
        directory: ctx.directory,
        MailJob: ctx.MailJob,
        Link: ctx.Link,
        limiter: ctx.limiter,
        now: ctx.now,
        wakeOutbox: ctx.outboxSignal.wake,
        passwordsOff: async (tenantId: string) =>
          (await ctx.tenants.findTenantCached(tenantId))?.signInMode === 'sso',
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
    const session = authenticateSession(ctx.sessions, req);
    let tenantId = session?.role === 'admin' ? session.tenantId : undefined;
    if (!tenantId) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      tenantId = bearer ? (await ctx.tenants.authenticateScimBearer(bearer))?.tenantId : undefined;
    }
    if (!tenantId)
      throw new ApiError(
        401,
        'unauthorized',
        'a SCIM token or an administrator session is required',
      );
    const user = await ctx.directory.users.findById(tenantId, String(req.params.id));
    if (!user) throw new ApiError(404, 'not_found', 'user not found');
    const first = await recordSignIn(
      { directory: ctx.directory, Link: ctx.Link, now: ctx.now },
      { tenantId, userId: user._id, method: 'sso' },
    );
    res.status(201).json({ firstSignIn: first });
  });

  return router;
}
