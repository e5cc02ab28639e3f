import type { UserDoc } from '../../directory/users/user-model';
import { redeemLink } from '../links/inspect-link';
import type { LinkDoc } from '../links/link-model';
import { recordSignIn } from '../sign-in/record-sign-in';
import { inspectLinkHolder, type LinkProblem } from './link-holder';
import { markAddressProved } from './mark-address-proved';
import type { PasswordDeps } from './password-deps';
import { issueSetPasswordGrant } from './set-password-grant';

export type WelcomeRedemption =
  | { status: 'redeemed'; link: LinkDoc; user: UserDoc; grant: string }
  | { status: LinkProblem; link?: LinkDoc; user?: UserDoc };

/**
 * `POST /welcome/{token}` (ARCHITECTURE.md "The welcome email", step 5): redeems the link
 * exactly once and hands back a short-lived grant to set the password with.
 *
 * Redeeming counts as the first sign-in: it proves the user holds the mailbox, and a tenant
 * on single sign-on has no password step at all. So `firstSignInAt` is set here, which closes
 * the welcome window; a user who leaves before choosing a password resets it instead.
 */
export async function redeemWelcomeLink(
  deps: PasswordDeps,
  token: string,
): Promise<WelcomeRedemption> {
  const holder = await inspectLinkHolder(deps, token, 'welcome');
  if (holder.status !== 'valid') return holder;
  const now = deps.now();
  const redeemed = await redeemLink(deps.Link, token, 'welcome', now);
  if (redeemed.status !== 'valid') {
    return { status: redeemed.status, link: holder.link, user: holder.user };
  }
  const { link, user } = holder;
  await markAddressProved(deps, user);
  await recordSignIn(deps, {
    tenantId: link.tenantId,
    userId: link.userId,
    method: 'welcome-link',
  });
  const grant = issueSetPasswordGrant(
    deps.appSecret,
    { tenantId: link.tenantId, userId: link.userId, purpose: 'welcome', linkId: link._id },
    now,
  );
  return { status: 'redeemed', link, user, grant };
}
