import { Router } from 'express';
import { publicOriginOf } from '../../tenants/same-origin';
import { DEFAULT_TENANT } from '../../tenants/tenant-library';
import { isWellFormedToken, linkIdOf } from '../../welcome/links/link-tokens';
import { redeemWelcomeLink } from '../../welcome/password/redeem-welcome-link';
import { inspectLinkHolder } from '../../welcome/password/link-holder';
import { setPasswordWithGrant } from '../../welcome/password/set-password';
import { t } from '../i18n';
import { formField, formPost } from './form-body';
import { linkPageSupport, type LinkPageDeps } from './link-page-support';
import { messagePage } from './message-page';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { passwordFormPage } from './password-form-page';
import { limitClient, tenantInfo } from './route-support';
import { welcomeConfirmPage } from './welcome-page';
import type { PublicPagesDeps } from './public-pages-deps';

/** `/welcome/{token}`: confirm (GET, changes nothing), redeem (POST), then set a password. */
export function welcomePageRoutes(
  pages: LinkPageDeps & Pick<PublicPagesDeps, 'publicBaseUrl' | 'limiter' | 'journey'>,
): Router {
  const router = Router();
  const { journey } = pages;
  const posted = formPost(publicOriginOf(pages.publicBaseUrl));
  const link = linkPageSupport(pages, 'welcome', journey);
  const { deps, tokenOf, sendProblem, openLink, answerPasswordForm } = link;

  router.get('/welcome/:token', async (req, res) => {
    const open = await openLink(req, res);
    if (!open) return;
    await link.allowJourney(res, open.tenant.id);
    const html = welcomeConfirmPage({
      language: open.language,
      tenantName: open.tenant.name,
      userName: open.user.userName,
      token: open.token,
      languageOverride: languageOverride(req),
    });
    sendPage(res, 200, html, open.language);
  });

  router.post('/welcome/:token', ...posted, async (req, res) => {
    await limitClient(pages, req, 'redeem');
    await link.assertMayTryLink(req);
    const token = tokenOf(req);
    // Single sign-on: the link leads to the company account; it is spent by that first sign-in.
    if (journey?.startUpstream) {
      const holder = await inspectLinkHolder(deps, token, 'welcome');
      if (holder.status === 'valid' && (await journey.startUpstream(res, holder.user))) return;
    }
    const outcome = await redeemWelcomeLink(deps, token);
    if (outcome.status === 'invalid') await link.countUnknownToken(req);
    const tenant = await tenantInfo(pages, outcome.link?.tenantId ?? DEFAULT_TENANT);
    const language = pageLanguage(req, { user: outcome.user, tenantLanguage: tenant.language });
    if (outcome.status !== 'redeemed') {
      sendProblem(res, language, outcome.status, tenant.id, { req, token, ...outcome });
      return;
    }
    await link.allowJourney(res, tenant.id);
    const html = passwordFormPage({
      language,
      kind: 'welcome',
      tenantName: tenant.name,
      userName: outcome.user.userName,
      action: `/welcome/${token}/password`,
      hidden: { grant: outcome.grant, lang: languageOverride(req) },
    });
    sendPage(res, 200, html, language);
  });

  router.post('/welcome/:token/password', ...posted, async (req, res) => {
    await limitClient(pages, req, 'password');
    await link.assertMayTryLink(req);
    const token = tokenOf(req);
    const grant = formField(req, 'grant') ?? '';
    const outcome = isWellFormedToken(token)
      ? await setPasswordWithGrant(deps, {
          grant,
          linkId: linkIdOf(token),
          password: formField(req, 'password') ?? '',
          confirmation: formField(req, 'confirmPassword') ?? '',
        })
      : ({ status: 'grant-invalid' } as const);
    if (outcome.status === 'grant-invalid') {
      const language = pageLanguage(req);
      sendPage(res, 400, messagePage(language, 'formExpired'), language);
      return;
    }
    await answerPasswordForm(req, res, {
      user: outcome.user,
      problem: outcome.status === 'rejected' ? outcome.problem : undefined,
      action: `/welcome/${token}/password`,
      hidden: { grant },
      lead: (language, tenantName) => ({
        title: t(language, 'page.setPassword.doneTitle'),
        body: t(language, 'page.setPassword.doneBody', { tenant: tenantName }),
      }),
    });
  });

  return router;
}
