import { Router } from 'express';
import { publicOriginOf } from '../../tenants/same-origin';
import { DEFAULT_TENANT } from '../../tenants/tenant-library';
import { requestNewWelcomeLink } from '../../welcome/new-link/request-new-welcome-link';
import { formPost } from './form-body';
import { linkPageSupport, type LinkPageDeps } from './link-page-support';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { pagePath } from './paths';
import { limitClient, tenantInfo } from './route-support';
import { newLinkRequestedPage } from './welcome-next-pages';
import type { PublicPagesDeps } from './public-pages-deps';

/**
 * `POST /welcome/{token}/new-link`: "Email me a new link" from the page of an expired or
 * superseded welcome link (issue 12). Limited per client address here and per user in the
 * use case; the answer is the same page whether or not an email went out.
 */
export function newLinkPageRoutes(
  deps: LinkPageDeps & Pick<PublicPagesDeps, 'publicBaseUrl' | 'limiter' | 'wakeOutbox'>,
): Router {
  const router = Router();
  const posted = formPost(publicOriginOf(deps.publicBaseUrl));
  const link = linkPageSupport(deps, 'welcome');

  router.post('/welcome/:token/new-link', ...posted, async (req, res) => {
    await limitClient(deps, req, 'newLink');
    await link.assertMayTryLink(req);
    const token = link.tokenOf(req);
    const outcome = await requestNewWelcomeLink(
      { ...link.deps, tenants: deps.tenants, wakeOutbox: deps.wakeOutbox },
      token,
    );
    if (outcome.status === 'still-valid') {
      // The link works after all (e.g. posted twice from an old tab): back to its confirm page.
      res.redirect(303, pagePath(`/welcome/${token}`, { language: languageOverride(req) }));
      return;
    }
    if (outcome.status === 'unknown') await link.countUnknownToken(req);
    const tenant = await tenantInfo(deps, outcome.link?.tenantId ?? DEFAULT_TENANT);
    const language = pageLanguage(req, { user: outcome.user, tenantLanguage: tenant.language });
    if (outcome.status === 'requested') {
      sendPage(res, 200, newLinkRequestedPage({ language, tenantId: tenant.id }), language);
      return;
    }
    link.sendProblem(res, language, outcome.problem, tenant.id, { req, token, ...outcome });
  });

  return router;
}
