import type { UserDoc } from '../../directory/users/user-model';
import { redeemLink } from '../links/inspect-link';
import { recordSignIn } from '../sign-in/record-sign-in';
import { inspectLinkHolder, type LinkProblem } from './link-holder';
import { markAddressProved } from './mark-address-proved';
import type { PasswordDeps } from './password-deps';
import { checkNewPassword, type PasswordProblem } from './password-policy';
import { storePassword } from './store-password';

export type PasswordResetOutcome =
  | { status: 'changed'; user: UserDoc }
  | { status: 'rejected'; problem: PasswordProblem; user: UserDoc }
  | { status: LinkProblem; user?: UserDoc };

/**
 * `POST /reset-password/{token}`: the policy is checked before the link is redeemed, so a
 * refused password does not burn it. Then the link is redeemed exactly once, the hash stored,
 * the user's other reset links revoked, and the sign-in recorded (it may be the first).
 */
export async function completePasswordReset(
  deps: PasswordDeps,
  input: { token: string; password: string; confirmation: string },
): Promise<PasswordResetOutcome> {
  const holder = await inspectLinkHolder(deps, input.token, 'password-reset');
  if (holder.status !== 'valid') return { status: holder.status, user: holder.user };
  const { link, user } = holder;
  const problem = checkNewPassword({ ...input, userName: user.userName });
  if (problem) return { status: 'rejected', problem, user };

  const now = deps.now();
  const redeemed = await redeemLink(deps.Link, input.token, 'password-reset', now);
  if (redeemed.status !== 'valid') return { status: redeemed.status, user };
  await markAddressProved(deps, user);
  await storePassword(deps, {
    tenantId: link.tenantId,
    userId: link.userId,
    password: input.password,
  });
  await deps.Link.updateMany(
    {
      _id: { $ne: link._id },
      tenantId: link.tenantId,
      userId: link.userId,
      purpose: 'password-reset',
      usedAt: null,
      revokedAt: null,
    },
    { $set: { revokedAt: now, revokedReason: 'superseded' } },
  );
  await recordSignIn(deps, {
    tenantId: link.tenantId,
    userId: link.userId,
    method: 'password-reset',
  });
  return { status: 'changed', user };
}
