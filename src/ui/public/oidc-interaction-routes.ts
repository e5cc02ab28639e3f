import { Router, type Request, type Response } from 'express';
import type { Interaction } from 'oidc-provider';
import { ApiError } from '../../platform/errors/api-error';
import type { Interactions } from '../../sign-in/interaction/interactions';
import { publicOriginOf } from '../../tenants/same-origin';
import type { SignInInput, SignedInPrincipal } from '../../tenants/sign-in';
import { formField, formPost } from './form-body';
import { allowFormTargets } from './form-targets';
import { messagePage } from './message-page';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { signInPage } from './sign-in-pages';
import type { TenantInfo } from './route-support';

export interface InteractionPageDeps {
  publicBaseUrl: string;
  interactions: Interactions;
  tenantInfo(tenantId: string): Promise<TenantInfo>;
  /** Whether the tenant's users may sign in with its identity provider here (mode sso or both). */
  offersCompanyAccount(tenantId: string): Promise<boolean>;
  /** Password sign-in of a directory user (tenants/sign-in.ts with its limits). */
  passwordSignIn(input: SignInInput): Promise<SignedInPrincipal>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * `/oidc/{tenant}/interaction/{uid}`: the provider's login prompt is our sign-in page (same
 * form, limits, languages and origin rules). A browser that our welcome or reset page just
 * handed over signs in without a second password.
 */
export function oidcInteractionRoutes(deps: InteractionPageDeps): Router {
  const router = Router();
  const posted = formPost(publicOriginOf(deps.publicBaseUrl));
  const { interactions } = deps;
  const tenantOf = (req: Request) => String(req.params.tenant);

  const loginPage = async (
    req: Request,
    res: Response,
    interaction: Interaction,
    failed?: { email: string; status: number },
  ) => {
    const tenant = await deps.tenantInfo(tenantOf(req));
    const language = pageLanguage(req, { tenantLanguage: tenant.language });
    allowFormTargets(res, [text(interaction.params.redirect_uri)]);
    const html = signInPage({
      language,
      tenantId: tenant.id,
      tenantName: tenant.name,
      email: failed?.email ?? text(interaction.params.login_hint)?.slice(0, 320),
      languageOverride: languageOverride(req),
      failed: failed !== undefined,
      action: `/oidc/${tenant.id}/interaction/${interaction.uid}/login`,
      companyHref: (await deps.offersCompanyAccount(tenant.id))
        ? `/oidc/${tenant.id}/upstream/start?interaction=${encodeURIComponent(interaction.uid)}`
        : undefined,
    });
    sendPage(res, failed?.status ?? 200, html, language);
  };

  router.get('/oidc/:tenant/interaction/:uid', async (req, res) => {
    const tenantId = tenantOf(req);
    const interaction = await interactions.details(req, res, tenantId);
    if (interaction.uid !== req.params.uid) throw new ApiError(404, 'not_found', 'no such sign-in');
    allowFormTargets(res, [text(interaction.params.redirect_uri)]);
    if (interaction.prompt.name === 'login') {
      if (await interactions.finishWithHandoff(req, res, tenantId, interaction)) return;
      await loginPage(req, res, interaction);
      return;
    }
    await interactions.finishConsent(req, res, tenantId);
  });

  router.post('/oidc/:tenant/interaction/:uid/login', ...posted, async (req, res) => {
    const tenantId = tenantOf(req);
    const interaction = await interactions.details(req, res, tenantId);
    if (interaction.uid !== req.params.uid || interaction.prompt.name !== 'login') {
      throw new ApiError(404, 'not_found', 'no such sign-in');
    }
    const email = formField(req, 'email') ?? '';
    const password = formField(req, 'password') ?? '';
    if (!email || !password || email.length > 320 || password.length > 1024) {
      await loginPage(req, res, interaction, { email: email.slice(0, 320), status: 400 });
      return;
    }
    // Unknown address, wrong password and an administrator's account are one answer; an
    // administrator is not a user of the directory, so has no `sub` here. 429 goes to the page.
    const principal = await deps
      .passwordSignIn({ tenantId, email, password, clientIp: req.ip ?? 'unknown' })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      });
    if (!principal || principal.role !== 'user') {
      await loginPage(req, res, interaction, { email, status: 401 });
      return;
    }
    allowFormTargets(res, [text(interaction.params.redirect_uri)]);
    await interactions.finishLogin(req, res, tenantId, {
      userId: principal.subject,
      amr: ['pwd'],
    });
  });

  router.use(
    '/oidc/:tenant/interaction',
    (error: unknown, req: Request, res: Response, next: (e?: unknown) => void) => {
      // An interaction that expired or was finished already (oidc-provider's SessionNotFound).
      if ((error as { name?: string })?.name === 'SessionNotFound') {
        const language = pageLanguage(req);
        sendPage(res, 400, messagePage(language, 'error', tenantOf(req)), language);
        return;
      }
      next(error);
    },
  );
  return router;
}
