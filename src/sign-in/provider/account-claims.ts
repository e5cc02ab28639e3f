import type { Account, AccountClaims } from 'oidc-provider';
import type { Directory } from '../../directory/directory';
import type { UserDoc } from '../../directory/users/user-model';
import { recipientOf } from '../../welcome/outbox/recipient';

export type AccountDirectory = Pick<Directory, 'users' | 'memberships'>;

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The address the user proved they hold (a redeemed welcome or reset link), if it is still theirs. */
export function emailVerifiedOf(user: UserDoc, email: string | undefined): boolean {
  const proved = (user as { emailVerified?: unknown }).emailVerified;
  return typeof proved === 'string' && email !== undefined && proved === email.toLowerCase();
}

/**
 * OpenID Connect Core §5.1 standard claims from the SCIM user (RFC 7643 §4.1): `sub` is the
 * SCIM id. oidc-provider keeps only the claims the granted scopes allow.
 */
export async function accountClaims(
  directory: AccountDirectory,
  user: UserDoc,
  scope: string,
): Promise<AccountClaims> {
  const name = (user.name ?? {}) as Record<string, unknown>;
  const email = recipientOf(user);
  const given = text(name.givenName);
  const family = text(name.familyName);
  const claims: AccountClaims = {
    sub: user._id,
    email,
    email_verified: email ? emailVerifiedOf(user, email) : undefined,
    name:
      text(user.displayName) ??
      text(name.formatted) ??
      ([given, family].filter(Boolean).join(' ') || undefined),
    given_name: given,
    family_name: family,
    preferred_username: user.userName,
    locale: text(user.preferredLanguage) ?? text(user.locale),
    updated_at: Math.floor(new Date(user.meta.lastModified).getTime() / 1000),
  };
  if (scope.split(' ').includes('groups')) {
    const groups = user.noGroups
      ? []
      : ((await directory.memberships.groupsOfMembers(user.tenantId, [user._id])).get(user._id) ??
        []);
    claims.groups = groups.map((g) => g.display).filter((d): d is string => typeof d === 'string');
  }
  return claims;
}

/**
 * oidc-provider's `findAccount`: an active user of this tenant, else nothing. Asked on every
 * authorization, refresh and userinfo request, so a deactivated or deleted user's session and
 * refresh tokens stop working at once.
 */
export async function findActiveAccount(
  directory: AccountDirectory,
  tenantId: string,
  sub: string,
  /** Told of a user who may no longer sign in, so what they still hold is removed. */
  onGone?: (tenantId: string, sub: string) => Promise<unknown>,
): Promise<Account | undefined> {
  const user = await directory.users.findById(tenantId, sub);
  if (!user || user.active === false) {
    await onGone?.(tenantId, sub);
    return undefined;
  }
  return {
    accountId: user._id,
    claims: (_use, scope) => accountClaims(directory, user, scope),
  };
}
