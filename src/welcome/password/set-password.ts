import type { UserDoc } from '../../directory/users/user-model';
import { findActiveUser } from './link-holder';
import type { PasswordDeps } from './password-deps';
import { checkNewPassword, type PasswordProblem } from './password-policy';
import { spendSetPasswordGrant, verifySetPasswordGrant } from './set-password-grant';
import { storePassword } from './store-password';

export type SetPasswordOutcome =
  | { status: 'saved'; user: UserDoc }
  | { status: 'rejected'; problem: PasswordProblem; user: UserDoc }
  /** Forged, expired, for another link, already spent, or the user is gone. */
  | { status: 'grant-invalid' };

/**
 * The password step after a welcome link: checks the grant and the policy first (a refused
 * password keeps the grant usable), then spends the grant and stores the hash.
 */
export async function setPasswordWithGrant(
  deps: PasswordDeps,
  input: { grant: string; linkId: string; password: string; confirmation: string },
): Promise<SetPasswordOutcome> {
  const now = deps.now();
  const grant = verifySetPasswordGrant(deps.appSecret, input.grant, now);
  if (!grant || grant.purpose !== 'welcome' || grant.linkId !== input.linkId) {
    return { status: 'grant-invalid' };
  }
  const user = await findActiveUser(deps, grant.tenantId, grant.userId);
  if (!user) return { status: 'grant-invalid' };
  const problem = checkNewPassword({ ...input, userName: user.userName });
  if (problem) return { status: 'rejected', problem, user };
  if (!(await spendSetPasswordGrant(deps.Link, grant, now))) return { status: 'grant-invalid' };
  const stored = await storePassword(deps, { ...grant, password: input.password });
  return stored ? { status: 'saved', user } : { status: 'grant-invalid' };
}
