import type { TenantDoc } from '../../tenants/models';

/** Where a user came from; each source is governed by its own switch. */
export type UserSource = 'scim' | 'admin';

/** The welcome decision, stored in the same insert as the user (ARCHITECTURE.md step 1). */
export interface WelcomeDecision {
  state: 'queued' | 'off';
  generation: number;
  /** e.g. `scim:sendWelcomeEmail=on` or `admin:sendLoginEmailsToNewUsers=off`. */
  reason: string;
  switch: 'sendWelcomeEmail' | 'sendLoginEmailsToNewUsers';
  switchValue: boolean;
  decidedAt: Date;
}

/**
 * The product rule (seed: "Send welcome emails"): users created over SCIM follow the Identity
 * Manager's "Send Welcome Email"; users an administrator adds follow the Admin client's
 * "Send login emails to new users". The switch is read at the moment of creation.
 */
export function decideWelcome(
  tenant: Pick<TenantDoc, 'sendWelcomeEmail' | 'sendLoginEmailsToNewUsers'>,
  source: UserSource,
  now: Date,
): WelcomeDecision {
  const which = source === 'scim' ? 'sendWelcomeEmail' : 'sendLoginEmailsToNewUsers';
  const on = tenant[which] === true;
  return {
    state: on ? 'queued' : 'off',
    generation: on ? 1 : 0,
    reason: `${source}:${which}=${on ? 'on' : 'off'}`,
    switch: which,
    switchValue: on,
    decidedAt: now,
  };
}
