import { Router, type Response } from 'express';
import { ApiError } from '../platform/errors/api-error';
import type { AppContext } from '../app/context';
import { SESSION_COOKIE } from './sessions';
import { signIn, type PasswordAccountFinder, type SignedInPrincipal } from './sign-in';
import { DEFAULT_TENANT } from './tenant-library';

function readCredentials(body: unknown): { email: string; password: string; tenant: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const { email, password, tenant } = b;
  if (
    typeof email !== 'string' ||
    typeof password !== 'string' ||
    email.length > 320 ||
    password.length > 1024
  ) {
    throw new ApiError(400, 'invalid_request', 'email and password are required strings');
  }
  if (tenant !== undefined && typeof tenant !== 'string')
    throw new ApiError(400, 'invalid_request', 'tenant must be a string');
  return { email, password, tenant: tenant || DEFAULT_TENANT };
}

/** Sets the HttpOnly, SameSite=Strict session cookie and answers `{ token }`. */
export function startSession(ctx: AppContext, res: Response, principal: SignedInPrincipal): string {
  const { token, expiresAt } = ctx.sessions.issue(principal);
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.publicBaseUrl.startsWith('https://'),
    path: '/',
    expires: expiresAt,
  });
  return token;
}

export function authRoutes(ctx: AppContext, findUser?: PasswordAccountFinder): Router {
  const router = Router();
  router.post('/sign-in', async (req, res) => {
    const { email, password, tenant } = readCredentials(req.body);
    const principal = await signIn(
      { models: ctx.tenantModels, limiter: ctx.limiter, findUser },
      { tenantId: tenant, email, password, clientIp: req.ip ?? 'unknown' },
    );
    const token = startSession(ctx, res, principal);
    res.json({
      token,
      role: principal.role,
      tenant: principal.tenantId,
      expiresInSeconds: ctx.sessions.ttlSeconds,
    });
  });
  router.post('/sign-out', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  return router;
}
