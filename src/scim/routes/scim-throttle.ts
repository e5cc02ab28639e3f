import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../platform/errors/api-error';
import type { Metrics } from '../../platform/metrics/metrics';
import type { TokenBucket } from '../../platform/rate-limit/token-bucket';

/**
 * Per-tenant SCIM throttling (SCIM_RATE_LIMIT_PER_SECOND, SCIM_RATE_LIMIT_BURST), after
 * authentication so the bucket is the tenant's, before any database work. RFC 7644 §3.12 names
 * no scimType for 429; `Retry-After` (RFC 9110 §10.2.3) tells Entra and Okta when to come back.
 */
export function scimThrottle(bucket: TokenBucket, metrics: Metrics) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const tenantId = req.scim?.tenantId;
    if (!bucket.enabled || !tenantId) return next();
    const { allowed, retryAfterSeconds } = bucket.take(tenantId);
    if (allowed) return next();
    metrics.countThrottled(tenantId);
    throw new ApiError(
      429,
      'too_many_requests',
      `this tenant sent more SCIM requests than this server accepts per second; retry after ${retryAfterSeconds} s`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  };
}
