import type { Request, Response } from 'express';
import type { Interaction } from 'oidc-provider';
import type { AccountDirectory } from '../provider/account-claims';
import type { TenantProviders } from '../provider/tenant-providers';
import type { LoginHandoffs } from './login-handoff';

/** welcome/'s recordSignIn as sign-in calls it; the first sign-in closes the welcome window. */
export type RecordSignIn = (input: {
  tenantId: string;
  userId: string;
  method: 'oidc' | 'sso';
}) => Promise<boolean>;

export interface InteractionsDeps {
  providers: TenantProviders;
  handoff: LoginHandoffs;
  directory: AccountDirectory;
  recordSignIn: RecordSignIn;
}

/** Whether the application demands a fresh password (`prompt=login`, or a `max_age` passed). */
const forcesLogin = (interaction: Interaction) =>
  interaction.prompt.reasons.some((r) => r === 'login_prompt' || r === 'max_age');

/**
 * The provider's login prompt, answered by our pages (ui/public/oidc-interaction-routes.ts).
 * Every finished login is a sign-in of the user (`firstSignInAt`, `user.first_sign_in` with
 * method `oidc` the first time).
 */
export function createInteractions(deps: InteractionsDeps) {
  async function finishLogin(
    req: Request,
    res: Response,
    tenantId: string,
    login: { userId: string; authTime?: number; amr: string[] },
  ): Promise<void> {
    const provider = await deps.providers.get(tenantId);
    await deps.recordSignIn({ tenantId, userId: login.userId, method: 'oidc' });
    await provider.interactionFinished(
      req,
      res,
      {
        login: {
          accountId: login.userId,
          amr: login.amr,
          remember: true,
          ...(login.authTime ? { ts: login.authTime } : {}),
        },
      },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    /** The pending interaction of this browser (throws oidc-provider's SessionNotFound). */
    async details(req: Request, res: Response, tenantId: string): Promise<Interaction> {
      const provider = await deps.providers.get(tenantId);
      return provider.interactionDetails(req, res);
    },

    /**
     * Finishes the login prompt with the user our welcome or reset page just handed over, when
     * the browser carries such a handoff for an active user and the application did not demand
     * a fresh password. True when it answered.
     */
    async finishWithHandoff(
      req: Request,
      res: Response,
      tenantId: string,
      interaction: Interaction,
    ): Promise<boolean> {
      if (interaction.prompt.name !== 'login') return false;
      const handed = deps.handoff.read(req, tenantId);
      if (!handed) return false;
      // A demanded fresh login is satisfied only by one made after this sign-in began
      // (a company-account sign-in started from this very prompt).
      const began = (interaction as { iat?: number }).iat ?? Infinity;
      if (forcesLogin(interaction) && handed.authTime < began) return false;
      deps.handoff.clear(res, tenantId);
      const user = await deps.directory.users.findById(tenantId, handed.userId);
      if (!user || user.active === false) return false;
      await finishLogin(req, res, tenantId, {
        userId: handed.userId,
        authTime: handed.authTime,
        amr: ['pwd'],
      });
      return true;
    },

    finishLogin,

    /** Any other prompt (consent asked for explicitly): first-party, so granted as requested. */
    async finishConsent(req: Request, res: Response, tenantId: string): Promise<void> {
      const provider = await deps.providers.get(tenantId);
      await provider.interactionFinished(
        req,
        res,
        { consent: {} },
        { mergeWithLastSubmission: true },
      );
    },
  };
}

export type Interactions = ReturnType<typeof createInteractions>;
