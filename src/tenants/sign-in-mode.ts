import type { TenantDoc } from './models';

/** A tenant on single sign-on only (`sso`): its SCIM users sign in with their company account. */
export const companyAccountOnly = (tenant: Pick<TenantDoc, 'signInMode'> | null | undefined) =>
  tenant?.signInMode === 'sso';

/** A user with no local password here: a SCIM user of a company-account-only tenant. */
export const passwordsOffFor = (
  tenant: Pick<TenantDoc, 'signInMode'> | null | undefined,
  user: { source?: unknown },
) => companyAccountOnly(tenant) && user.source === 'scim';

/** How a user's welcome and reminder emails ask them to sign in: with their company account, or a password. */
export const signInWording = (
  tenant: Pick<TenantDoc, 'signInMode'> | null | undefined,
  user: { source?: unknown },
): 'sso' | 'password' => (passwordsOffFor(tenant, user) ? 'sso' : 'password');
