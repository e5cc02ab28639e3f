import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../platform/errors/api-error';
import { createFailureGuard } from '../platform/rate-limit/failure-guard';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import { assertSameOrigin, isStateChanging } from './same-origin';
import { readCookie, type Role, type Session, type SessionLibrary } from './sessions';
import type { ScimPrincipal, TenantLibrary } from './tenant-library';

declare module 'express-serve-static-core' {
  interface Request {
    scim?: ScimPrincipal;
    session?: Session;
  }
}

function bearerOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const unauthorized = (detail: string) =>
  new ApiError(401, 'unauthorized', detail, undefined, {
    'WWW-Authenticate': 'Bearer realm="SCIM"',
  });

/**
 * SCIM bearer authentication (RFC 7644 §2). Failed attempts are counted per client address;
 * past the limit that client (and only that client) gets 429 until the window ends. A valid
 * credential costs no database command (the tenant library caches it); the shared counter is
 * read only for clients this process has seen fail in the last minute.
 */
export function scimAuth(tenants: TenantLibrary, limiter: RateLimiter) {
  const failures = createFailureGuard(limiter, 'scim-auth');
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const bearer = bearerOf(req);
    const principal = bearer ? await tenants.authenticateScimBearer(bearer) : null;
    if (!principal) {
      await failures.failed(req.ip);
      throw unauthorized(
        bearer === undefined
          ? 'missing or malformed Authorization: Bearer header'
          : 'the bearer token is not valid',
      );
    }
    await failures.succeeded(req.ip);
    req.scim = principal;
    req.tenantId = principal.tenantId;
    next();
  };
}

/** Session from `Authorization: Bearer <session JWT>` or the HttpOnly cookie, for reading only. */
export function readSession(sessions: SessionLibrary, req: Request): Session | null {
  const token = bearerOf(req) ?? readCookie(req.get('cookie'), sessions.cookie.name);
  return token ? sessions.verify(token) : null;
}

/**
 * The session of a request that may change something. A bearer session is sent on purpose by
 * its holder and is exempt; a cookie is attached by the browser to any request, also one a
 * page of another origin makes it send (SameSite=Strict stops other sites, not a sibling
 * subdomain or another port of the same host), so a cookie-borne write must prove that it
 * comes from our own origin: otherwise 403 before anything runs.
 */
export function authenticateSession(sessions: SessionLibrary, req: Request): Session | null {
  const session = readSession(sessions, req);
  if (session && bearerOf(req) === undefined && isStateChanging(req.method)) {
    assertSameOrigin(req, sessions.origin);
  }
  return session;
}

export function sessionAuth(sessions: SessionLibrary, role: Role = 'admin') {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const session = authenticateSession(sessions, req);
    if (!session) throw new ApiError(401, 'unauthorized', 'sign in first');
    if (role === 'admin' && session.role !== 'admin') {
      throw new ApiError(403, 'forbidden', 'administrators only');
    }
    req.session = session;
    req.tenantId = session.tenantId;
    next();
  };
}

/**
 * Runs before anything else on the JSON API, so a write that carries a valid session cookie
 * from another origin is 403 whatever its body, path or content type.
 */
export function cookieWritesFromOwnOrigin(sessions: SessionLibrary) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    authenticateSession(sessions, req);
    next();
  };
}
