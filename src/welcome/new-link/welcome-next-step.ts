import type { UserDoc } from '../../directory/users/user-model';
import type { LinkDoc } from '../links/link-model';
import type { LinkProblem } from '../password/link-holder';

/**
 * What a welcome link that no longer works can offer its holder:
 * - `new-link`: the user has not signed in yet, so they may email themselves a new link;
 * - `signed-in`: the link was used or the user has signed in since, so a password reset is
 *   the way back (the seed's rule: no welcome email after the first sign-in);
 * - `contact-administrator`: the user was deleted or deactivated, so nothing is sent;
 * - `unknown`: we do not recognise the link.
 */
export type WelcomeNextStep = 'new-link' | 'signed-in' | 'contact-administrator' | 'unknown';

export function welcomeNextStep(
  problem: LinkProblem,
  link: LinkDoc | undefined,
  user: UserDoc | undefined,
): WelcomeNextStep {
  if (problem === 'invalid' || !link) return 'unknown';
  // link-holder.ts hands back no user for a deleted or deactivated one.
  if (!user) return 'contact-administrator';
  if (user.firstSignInAt || problem === 'used') return 'signed-in';
  return 'new-link';
}
