import type { WakeOutbox } from '../../platform/workers/outbox-signal';
import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { UserDoc } from '../../directory/users/user-model';
import { randomToken } from '../../platform/crypto/secrets';
import { ApiError } from '../../platform/errors/api-error';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { TenantLibrary } from '../../tenants/tenant-library';
import type { LinkDoc } from '../links/link-model';

export interface ResendDeps {
  directory: Directory;
  Link: Model<LinkDoc>;
  tenants: TenantLibrary;
  limiter: RateLimiter;
  now: () => Date;
  wakeOutbox: WakeOutbox;
  limitPerHour: number;
}

export const signedInAlready = () =>
  new ApiError(
    409,
    'welcome_closed',
    'The user has already signed in, so the welcome email can no longer be sent. Send a password reset instead.',
  );

/**
 * Resend to one user (seed: "Resend welcome email"): allowed until the first sign-in, also
 * when the switch is off, because the administrator asked. A new generation revokes the
 * older links.
 */
export async function resendWelcomeEmail(
  deps: ResendDeps,
  input: { tenantId: string; userId: string; actor: string },
): Promise<UserDoc> {
  const users = deps.directory.users;
  const existing = await users.findById(input.tenantId, input.userId);
  if (!existing) throw new ApiError(404, 'not_found', 'user not found');
  if (existing.firstSignInAt) throw signedInAlready();
  const limit = await deps.limiter.hit(
    `welcome-resend:${input.tenantId}:${input.userId}`,
    deps.limitPerHour,
    3600,
  );
  if (!limit.allowed) {
    throw new ApiError(
      429,
      'too_many_resends',
      `at most ${deps.limitPerHour} welcome emails per user per hour`,
      undefined,
      {
        'Retry-After': String(limit.retryAfterSeconds),
      },
    );
  }
  const updated = await bumpGeneration(
    deps,
    input.tenantId,
    input.userId,
    input.actor,
    'admin:resend',
  );
  if (!updated) throw signedInAlready();
  const generation = (updated.welcome as { generation: number }).generation;
  await deps.tenants.audit({
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'welcome-email.resend',
    target: input.userId,
    after: { generation },
  });
  deps.wakeOutbox({ kind: 'welcome', tenantId: input.tenantId });
  return updated;
}

/**
 * One conditional update: a new generation (new nonce, so a new link), queued now, unless the
 * user has signed in. Older links of the user are revoked. Null when the window is closed.
 * `also` adds preconditions and fields to the same update (a user's own request for a new
 * link names the generation it saw and stamps when it asked, so concurrent requests start one
 * generation).
 */
export async function bumpGeneration(
  deps: Pick<ResendDeps, 'directory' | 'Link' | 'now'>,
  tenantId: string,
  userId: string,
  actor: string,
  reason: string,
  also: { filter?: Record<string, unknown>; set?: Record<string, unknown> } = {},
): Promise<UserDoc | null> {
  const users = deps.directory.users.collection;
  const now = deps.now();
  const updated = (await users.findOneAndUpdate(
    { _id: userId, tenantId, firstSignInAt: null, ...also.filter } as never,
    {
      $inc: { 'welcome.generation': 1 },
      $set: {
        ...also.set,
        'welcome.state': 'queued',
        'welcome.dueAt': now,
        'welcome.nonce': randomToken(16),
        'welcome.attempts': 0,
        'welcome.reason': reason,
        'welcome.resentAt': now,
        'welcome.resentBy': actor,
        'welcome.delivery': { status: 'queued', at: now },
      },
      $unset: {
        'welcome.lastError': '',
        'welcome.failedAt': '',
        'welcome.sentAt': '',
        'welcome.linkExpiresAt': '',
        'welcome.leaseId': '',
        // A new generation starts its own reminder clock.
        'welcome.reminder': '',
      },
    },
    { returnDocument: 'after' },
  )) as UserDoc | null;
  if (!updated) return null;
  const generation = (updated.welcome as { generation: number }).generation;
  await deps.Link.updateMany(
    {
      tenantId,
      userId,
      purpose: 'welcome',
      generation: { $lt: generation },
      usedAt: null,
      revokedAt: null,
    },
    { $set: { revokedAt: now, revokedReason: 'superseded' } },
  );
  return updated;
}

/** Resend to every user of the tenant who has not signed in yet; the outbox paces the sending. */
export async function resendPendingWelcomeEmails(
  deps: ResendDeps,
  input: { tenantId: string; actor: string },
): Promise<number> {
  const users = deps.directory.users.collection;
  let count = 0;
  let after = '';
  for (;;) {
    const page = await users
      .find({ tenantId: input.tenantId, firstSignInAt: null, _id: { $gt: after } } as never, {
        projection: { _id: 1 },
      })
      .sort({ _id: 1 })
      .limit(500)
      .toArray();
    if (page.length === 0) break;
    for (const { _id } of page) {
      if (
        await bumpGeneration(deps, input.tenantId, String(_id), input.actor, 'admin:resend-pending')
      )
        count++;
    }
    after = String(page[page.length - 1]!._id);
  }
  await deps.tenants.audit({
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'welcome-email.resend-pending',
    after: { users: count },
  });
  deps.wakeOutbox({ kind: 'welcome', tenantId: input.tenantId, count });
  return count;
}
