import { companyAccountOnly } from '../../tenants/sign-in-mode';
import type { TenantLibrary } from '../../tenants/tenant-library';
import type { WakeOutbox } from '../../platform/workers/outbox-signal';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets';
import { ApiError } from '../../platform/errors/api-error';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { LinkDoc } from '../links/link-model';
import type { MailJobDoc } from './mail-job-model';

export interface PasswordResetDeps {
  directory: Directory;
  MailJob: Model<MailJobDoc>;
  Link: Model<LinkDoc>;
  limiter: RateLimiter;
  now: () => Date;
  wakeOutbox: WakeOutbox;
  /** The tenant's sign-in mode: on single sign-on only, its SCIM users have no password to reset. */
  tenants?: Pick<TenantLibrary, 'findTenantCached'>;
}

export const RESET_LIMITS = { perAddressPerHour: 5, perClientPerHour: 30 };

/** Queues a reset email for a user (also the administrator's action) and revokes older reset links. */
export async function queuePasswordReset(
  deps: PasswordResetDeps,
  tenantId: string,
  userId: string,
  requestedBy: 'administrator' | 'self-service',
): Promise<void> {
  const now = deps.now();
  await deps.Link.updateMany(
    { tenantId, userId, purpose: 'password-reset', usedAt: null, revokedAt: null },
    { $set: { revokedAt: now, revokedReason: 'superseded' } },
  );
  await deps.MailJob.create({
    _id: randomUUID(),
    kind: 'password-reset',
    tenantId,
    userId,
    nonce: randomToken(16),
    state: 'queued',
    dueAt: now,
    attempts: 0,
    createdAt: now,
    requestedBy,
  });
  deps.wakeOutbox({ kind: 'password-reset', tenantId });
}

/**
 * `POST /api/password-reset`: the same answer whether or not the address exists (no user
 * enumeration); limited per address and per client.
 */
export async function requestPasswordReset(
  deps: PasswordResetDeps,
  input: { tenantId: string; email: string; clientIp: string },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const byClient = await deps.limiter.hit(
    `reset:client:${input.clientIp}`,
    RESET_LIMITS.perClientPerHour,
    3600,
  );
  if (!byClient.allowed) {
    throw new ApiError(
      429,
      'too_many_requests',
      'too many password-reset requests; try again later',
      undefined,
      {
        'Retry-After': String(byClient.retryAfterSeconds),
      },
    );
  }
  const byAddress = await deps.limiter.hit(
    `reset:address:${sha256Hex(`${input.tenantId}\n${email}`)}`,
    RESET_LIMITS.perAddressPerHour,
    3600,
  );
  if (!byAddress.allowed) return; // silently: the answer must not reveal anything about the address
  const user = await deps.directory.users.collection.findOne(
    {
      tenantId: input.tenantId,
      $or: [{ 'emails.value_lc': email }, { userName_lc: email }],
      active: { $ne: false },
      ...(companyAccountOnly(await deps.tenants?.findTenantCached(input.tenantId))
        ? { source: { $ne: 'scim' } }
        : {}),
    } as never,
    { projection: { _id: 1 } },
  );
  if (user) await queuePasswordReset(deps, input.tenantId, String(user._id), 'self-service');
}
