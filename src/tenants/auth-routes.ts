import { Router, type Response } from 'express';
import { ApiError } from '../platform/errors/api-error';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { TenantModels } from './models';
import type { SessionLibrary } from './sessions';
import { signIn, type PasswordAccountFinder, type SignedInPrincipal } from './sign-in';
import { DEFAULT_TENANT, type TenantLibrary } from './tenant-library';

/** What the session cookie needs: the session library (sessions.ts). */
export interface SessionCookieDeps {
  sessions: Pick<SessionLibrary, 'issue' | 'cookie'>;
}

/** What `/api/auth` needs (issue 20). */
export interface AuthRoutesDeps {
  models: TenantModels;
  limiter: RateLimiter;
  sessions: Pick<SessionLibrary, 'issue' | 'cookie' | 'ttlSeconds'>;
  /** Records administrator sign-ins and failures in the tenant's audit log. */
  audit: TenantLibrary['audit'];
  /** Users with a password, beside administrators (the composition root decides who). */
  findUser?: PasswordAccountFinder;
}

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
export function startSession(
  deps: SessionCookieDeps,
  res: Response,
  principal: SignedInPrincipal,
): string {
  const { token, expiresAt } = deps.sessions.issue(principal);
  const { name, options } = deps.sessions.cookie;
  res.cookie(name, token, { ...options, expires: expiresAt });
  return token;
}

/** Clears the session cookie with the same name and flags it was set with. */
export function endSession(deps: SessionCookieDeps, res: Response): void {
  const { name, options } = deps.sessions.cookie;
  res.clearCookie(name, options);
}

export function authRoutes(deps: AuthRoutesDeps): Router {
  const { models, limiter, findUser, audit } = deps;
  const router = Router();
  router.post('/sign-in', async (req, res) => {
    const { email, password, tenant } = readCredentials(req.body);
    const principal = await signIn(
      { models, limiter, findUser, audit },
      { tenantId: tenant, email, password, clientIp: req.ip ?? 'unknown' },
    );
    const token = startSession(deps, res, principal);
    res.json({
      token,
      role: principal.role,
      tenant: principal.tenantId,
      expiresInSeconds: deps.sessions.ttlSeconds,
    });
  });
  router.post('/sign-out', (_req, res) => {
    endSession(deps, res);
    res.status(204).end();
  });
  return router;
}
