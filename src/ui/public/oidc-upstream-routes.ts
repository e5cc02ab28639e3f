import { Router, type Request, type Response } from 'express';
import type { UserDoc } from '../../directory/users/user-model';
import type { SignIn } from '../../sign-in/sign-in-capability';
import { readCookie } from '../../tenants/sessions';
import { t } from '../i18n';
import type { JourneyEnd } from './journey-end';
import { linkList, paragraph, renderPage } from './layout';
import { messagePage } from './message-page';
import { pageLanguage, sendPage } from './page-response';
import { pagePath } from './paths';
import type { TenantInfo } from './route-support';
import { signedInPage } from './sign-in-pages';

export interface UpstreamPageDeps {
  publicBaseUrl: string;
  signIn: SignIn;
  journey: JourneyEnd;
  tenantInfo(tenantId: string): Promise<TenantInfo>;
  /** Our own session for a user who signed in with no application to continue to. */
  startUserSession(res: Response, user: UserDoc): void;
}

const UID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * `/oidc/{tenant}/upstream/…`: sign-in with the tenant's own identity provider. `start` sends the
 * browser there (with a binding cookie, so only the browser that started can finish); the
 * callback matches the identity to an active SCIM user and goes on: back to the provider's
 * sign-in prompt, or (from a welcome link or our sign-in page) to the tenant's default
 * application.
 */
const cookieOf = (publicBaseUrl: string) => {
  const secure = publicBaseUrl.startsWith('https://');
  const basePath = new URL(publicBaseUrl).pathname.replace(/\/$/, '');
  return {
    name: secure ? '__Secure-upstream_binding' : 'upstream_binding',
    basePath,
    options: (tenantId: string) => ({
      httpOnly: true,
      sameSite: 'lax' as const,
      secure,
      path: `${basePath}/oidc/${tenantId}/upstream`,
    }),
  };
};

/**
 * Sends the browser to the tenant's identity provider with a binding cookie (only the browser
 * that started can finish); false when the tenant has none.
 */
export function upstreamStarter(deps: Pick<UpstreamPageDeps, 'publicBaseUrl' | 'signIn'>) {
  const cookie = cookieOf(deps.publicBaseUrl);
  return async (
    res: Response,
    tenantId: string,
    returnTo: { interaction: string } | { journey: true },
  ): Promise<boolean> => {
    const started = await deps.signIn.upstream.signIn.start(tenantId, returnTo);
    if (!started) return false;
    res.cookie(cookie.name, started.binding, { ...cookie.options(tenantId), maxAge: 10 * 60_000 });
    res.set('Cache-Control', 'no-store').redirect(303, started.url);
    return true;
  };
}

export function oidcUpstreamRoutes(deps: UpstreamPageDeps): Router {
  const router = Router();
  const cookie = cookieOf(deps.publicBaseUrl);
  const { basePath } = cookie;
  const tenantOf = (req: Request) => String(req.params.tenant);
  const goUpstream = upstreamStarter(deps);

  // From an application's sign-in prompt (`?interaction=`), back to it; from our own sign-in
  // page (no interaction), on to the tenant's default application, as after a welcome link.
  router.get('/oidc/:tenant/upstream/start', async (req, res) => {
    const tenantId = tenantOf(req);
    const uid = req.query.interaction;
    const returnTo =
      uid === undefined
        ? { journey: true as const }
        : typeof uid === 'string' && UID.test(uid)
          ? { interaction: uid }
          : undefined;
    if (!returnTo || !(await goUpstream(res, tenantId, returnTo))) {
      const language = pageLanguage(req);
      sendPage(res, 404, messagePage(language, 'notFound', tenantId), language);
    }
  });

  router.get('/oidc/:tenant/upstream/callback', async (req, res) => {
    const tenantId = tenantOf(req);
    const binding = readCookie(req.get('cookie'), cookie.name);
    res.clearCookie(cookie.name, cookie.options(tenantId));
    const callbackUrl = new URL(`${deps.publicBaseUrl}${req.originalUrl.slice(basePath.length)}`);
    const outcome = await deps.signIn.upstream.signIn.complete(tenantId, callbackUrl, binding);
    const tenant = await deps.tenantInfo(tenantId);
    if (outcome.status !== 'signed-in') {
      const language = pageLanguage(req, { tenantLanguage: tenant.language });
      const refused = outcome.status === 'refused';
      const html = renderPage({
        language,
        title: t(language, refused ? 'page.upstream.refusedTitle' : 'page.common.errorTitle'),
        body: [
          paragraph(
            refused
              ? t(language, 'page.upstream.refusedBody', { tenant: tenant.name })
              : t(language, 'page.upstream.failedBody'),
          ),
          linkList([
            {
              href: pagePath('/sign-in', { tenantId }),
              label: t(language, 'page.common.goToSignIn'),
            },
          ]),
        ],
      });
      sendPage(res, refused ? 403 : 400, html, language);
      return;
    }
    const { user, returnTo } = outcome;
    await deps.signIn.recordSignIn({ tenantId, userId: user._id, method: 'sso' });
    deps.signIn.handoff.give(res, {
      tenantId,
      userId: user._id,
      authTime: Math.floor(Date.now() / 1000),
    });
    if ('interaction' in returnTo) {
      res
        .set('Cache-Control', 'no-store')
        .redirect(303, `${basePath}/oidc/${tenantId}/interaction/${returnTo.interaction}`);
      return;
    }
    const next = await deps.journey.continueToApplication(res, {
      tenantId,
      userId: user._id,
      loginHint: user.userName,
    });
    if (next) {
      res.set('Cache-Control', 'no-store').redirect(303, next.url);
      return;
    }
    deps.startUserSession(res, user);
    const language = pageLanguage(req, { user, tenantLanguage: tenant.language });
    sendPage(
      res,
      200,
      signedInPage({ language, tenantName: tenant.name, userName: user.userName }),
      language,
    );
  });

  return router;
}
