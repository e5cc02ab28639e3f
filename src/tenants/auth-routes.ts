import { Router, type Response } from 'express';
import { ApiError } from '../platform/errors/api-error';
import type { AppContext } from '../app/context';
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

/** Sets the HttpOnly, SameSite=Strict session cookie (sessions.ts) and answers `{ token }`. */
export function startSession(ctx: AppContext, res: Response, principal: SignedInPrincipal): string {
  const { token, expiresAt } = ctx.sessions.issue(principal);
  const { name, options } = ctx.sessions.cookie;
  res.cookie(name, token, { ...options, expires: expiresAt });
  return token;
}

/** Clears the session cookie with the same name and flags it was set with. */
export function endSession(ctx: AppContext, res: Response): void {
  const { name, options } = ctx.sessions.cookie;
  res.clearCookie(name, options);
}

export function authRoutes(ctx: AppContext, findUser?: PasswordAccountFinder): Router {
  const router = Router();
  router.post('/sign-in', async (req, res) => {
    const { email, password, tenant } = readCredentials(req.body);
    const principal = await signIn(
      { models: ctx.tenantModels, limiter: ctx.limiter, findUser, audit: ctx.tenants.audit },
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
    endSession(ctx, res);
    res.status(204).end();
  });
  return router;
}
