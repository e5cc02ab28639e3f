import { pushUserEvent } from '../../events/user-events';
import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { LinkDoc } from '../links/link-model';

export type SignInMethod = 'welcome-link' | 'password' | 'password-reset' | 'sso' | 'oidc';

/**
 * Any successful sign-in. The first one sets `firstSignInAt`, which closes the welcome
 * window (seed: "After the 1st sign-in, the welcome email can no longer be sent"), and
 * revokes every outstanding welcome link. Returns true when this was the first.
 */
export async function recordSignIn(
  deps: { directory: Directory; Link: Model<LinkDoc>; now: () => Date },
  input: { tenantId: string; userId: string; method: SignInMethod },
): Promise<boolean> {
  const now = deps.now();
  const users = deps.directory.users.collection;
  const { _id, tenantId } = { _id: input.userId, tenantId: input.tenantId };
  // The first sign-in wins the condition `firstSignInAt: null`, atomically, exactly once.
  const first = await users.updateOne({ _id, tenantId, firstSignInAt: null } as never, {
    $set: {
      firstSignInAt: now,
      lastSignInAt: now,
      firstSignInMethod: input.method,
      'welcome.closedAt': now,
    },
    $push: pushUserEvent('user.first_sign_in', {
      tenantId,
      userId: _id,
      at: now,
      data: { method: input.method },
    }),
  });
  if (first.modifiedCount !== 1) {
    await users.updateOne({ _id, tenantId } as never, { $set: { lastSignInAt: now } });
    return false;
  }
  deps.directory.pendingEvents.notify('users'); // the first sign-in's event waits in the user
  await deps.Link.updateMany(
    { tenantId, userId: _id, purpose: 'welcome', usedAt: null, revokedAt: null },
    { $set: { revokedAt: now, revokedReason: 'signed-in' } },
  );
  return true;
}
