import type { Response } from 'express';

/**
 * Where a user goes after proving themselves on a welcome or reset page: the tenant's default
 * application (sign-in/, `continueToApplication`). Absent, or answering undefined, the page
 * says "You're signed in" as before.
 */
export interface JourneyEnd {
  /** The origins a password form may lead on to (the CSP `form-action` of its page). */
  formTargets(tenantId: string): Promise<string[]>;
  continueToApplication(
    res: Response,
    user: { tenantId: string; userId: string; loginHint: string },
  ): Promise<{ url: string } | undefined>;
  /**
   * A welcome link of a tenant on single sign-on: sends the browser to the tenant's identity
   * provider instead of the password step (true when it did).
   */
  startUpstream?(res: Response, user: { tenantId: string; source?: string }): Promise<boolean>;
  /**
   * Whether the tenant's users may sign in with its identity provider (mode sso or both, and a
   * connection saved): the sign-in page then offers the company account, which ends here too.
   */
  offersCompanyAccount?(tenantId: string): Promise<boolean>;
}
