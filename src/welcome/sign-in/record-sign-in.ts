import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { DocumentLocks } from '../../platform/db/document-lock';
import type { LinkDoc } from '../links/link-model';

export type SignInMethod = 'welcome-link' | 'password' | 'password-reset' | 'sso';

/**
 * Any successful sign-in. The first one sets `firstSignInAt`, which closes the welcome
 * window (seed: "After the 1st sign-in, the welcome email can no longer be sent"), and
 * revokes every outstanding welcome link. Returns true when this was the first.
 */
export async function recordSignIn(
  deps: { directory: Directory; Link: Model<LinkDoc>; now: () => Date; locks: DocumentLocks },
  input: { tenantId: string; userId: string; method: SignInMethod },
): Promise<boolean> {
  const now = deps.now();
  const users = deps.directory.users.collection;
  const first = await deps.locks.withLock(`user:${input.userId}`, async () => {
    const user = await deps.directory.users.findById(input.tenantId, input.userId);
    if (!user) return { modifiedCount: 0 };
    if (user.firstSignInAt) {
      await users.updateOne({ _id: input.userId } as never, { $set: { lastSignInAt: now } });
      return { modifiedCount: 0 };
    }
    await users.updateOne({ _id: input.userId } as never, {
      $set: {
        firstSignInAt: now,
        lastSignInAt: now,
        firstSignInMethod: input.method,
        'welcome.closedAt': now,
      },
    });
    return { modifiedCount: 1 };
  });
  if (first.modifiedCount === 1) {
    await deps.Link.updateMany(
      {
        tenantId: input.tenantId,
        userId: input.userId,
        purpose: 'welcome',
        usedAt: null,
        revokedAt: null,
      },
      { $set: { revokedAt: now, revokedReason: 'signed-in' } },
    );
    return true;
  }
  return false;
}
