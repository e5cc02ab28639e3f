import type { Request } from 'express';
import type { UserDoc } from '../../directory/users/user-model';
import { ApiError } from '../../platform/errors/api-error';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { SignedInPrincipal } from '../../tenants/sign-in';
import type { TenantLibrary } from '../../tenants/tenant-library';
import { recipientOf } from '../../welcome/outbox/recipient';
import type { PasswordDeps } from '../../welcome/password/password-deps';

/**
 * Per-client limits on the public forms. Tokens and grants are unguessable, so these bound
 * database and scrypt work per client rather than guessing; sign-in and reset requests
 * carry their own limits (src/tenants/sign-in.ts, request-password-reset.ts).
 */
export const PAGE_LIMITS = {
  redeem: { limit: 60, windowSeconds: 15 * 60 },
  password: { limit: 30, windowSeconds: 15 * 60 },
  /** "Email me a new link" (issue 12); each user is further limited to one an hour. */
  newLink: { limit: 10, windowSeconds: 60 * 60 },
} as const;

/** Counts one POST of `bucket` for the client; past the limit the page handler shows a 429 page. */
export async function limitClient(
  deps: { limiter: RateLimiter },
  req: Request,
  bucket: keyof typeof PAGE_LIMITS,
): Promise<void> {
  const { limit, windowSeconds } = PAGE_LIMITS[bucket];
  const result = await deps.limiter.hit(
    `page:${bucket}:${req.ip ?? 'unknown'}`,
    limit,
    windowSeconds,
  );
  if (!result.allowed) {
    throw new ApiError(429, 'too_many_attempts', 'too many attempts; try again later', undefined, {
      'Retry-After': String(result.retryAfterSeconds),
    });
  }
}

export interface TenantInfo {
  id: string;
  name: string;
  language?: string;
}

/** A tenant's display name and default language; an unknown tenant shows its id. */
export async function tenantInfo(
  deps: { tenants: Pick<TenantLibrary, 'findTenantCached'> },
  tenantId: string,
): Promise<TenantInfo> {
  const tenant = await deps.tenants.findTenantCached(tenantId);
  return { id: tenantId, name: tenant?.displayName ?? tenantId, language: tenant?.defaultLanguage };
}

/** Just what welcome/'s password use cases take, from a larger deps object. */
export const passwordDeps = (deps: PasswordDeps): PasswordDeps => ({
  directory: deps.directory,
  Link: deps.Link,
  now: deps.now,
  appSecret: deps.appSecret,
});

/** The session principal of a directory user who has just set or reset their password. */
export const userPrincipal = (user: UserDoc): SignedInPrincipal => ({
  subject: user._id,
  tenantId: user.tenantId,
  role: 'user',
  email: recipientOf(user) ?? user.userName,
});
