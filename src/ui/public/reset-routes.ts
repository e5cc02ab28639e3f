import { Router } from 'express';
import { publicOriginOf } from '../../tenants/same-origin';
import { completePasswordReset } from '../../welcome/password/complete-password-reset';
import { requestPasswordReset } from '../../welcome/password-reset/request-password-reset';
import { t } from '../i18n';
import { formField, formPost } from './form-body';
import { linkPageSupport, type LinkPageDeps } from './link-page-support';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { passwordFormPage } from './password-form-page';
import { tenantIdOf } from './paths';
import { resetRequestPage, resetSentPage } from './reset-pages';
import { limitClient, tenantInfo } from './route-support';
import type { PublicPagesDeps } from './public-pages-deps';

/** `/reset-password`: request a link (same answer for every address), then use it once. */
export function resetPageRoutes(
  pages: LinkPageDeps &
    Pick<PublicPagesDeps, 'publicBaseUrl' | 'limiter' | 'MailJob' | 'wakeOutbox' | 'journey'>,
): Router {
  const router = Router();
  const posted = formPost(publicOriginOf(pages.publicBaseUrl));
  const link = linkPageSupport(pages, 'password-reset', pages.journey);
  const { deps, tokenOf, sendProblem, openLink, answerPasswordForm } = link;
  const ttlMinutes = pages.passwordResetTtlMinutes;

  router.get('/reset-password', async (req, res) => {
    const tenantQuery = typeof req.query.tenant === 'string' ? req.query.tenant : undefined;
    const tenant = await tenantInfo(pages, tenantIdOf(tenantQuery));
    const language = pageLanguage(req, { tenantLanguage: tenant.language });
    const html = resetRequestPage({
      language,
      tenantId: tenant.id,
      languageOverride: languageOverride(req),
    });
    sendPage(res, 200, html, language);
  });

  router.post('/reset-password', ...posted, async (req, res) => {
    const tenant = await tenantInfo(pages, tenantIdOf(formField(req, 'tenant')));
    // Only the browser's language: the user's own would tell that the address is known.
    const language = pageLanguage(req, { tenantLanguage: tenant.language });
    const email = formField(req, 'email')?.trim() ?? '';
    if (!email || email.length > 320) {
      const html = resetRequestPage({
        language,
        tenantId: tenant.id,
        languageOverride: languageOverride(req),
      });
      sendPage(res, 400, html, language);
      return;
    }
    await requestPasswordReset(
      {
        directory: pages.directory,
        MailJob: pages.MailJob,
        Link: pages.Link,
        limiter: pages.limiter,
        now: pages.now,
        wakeOutbox: pages.wakeOutbox,
        tenants: pages.tenants,
      },
      { tenantId: tenant.id, email, clientIp: req.ip ?? 'unknown' },
    );
    sendPage(res, 200, resetSentPage({ language, tenantId: tenant.id, ttlMinutes }), language);
  });

  router.get('/reset-password/:token', async (req, res) => {
    const open = await openLink(req, res);
    if (!open) return;
    await link.allowJourney(res, open.tenant.id);
    const html = passwordFormPage({
      language: open.language,
      kind: 'reset',
      tenantName: open.tenant.name,
      userName: open.user.userName,
      action: `/reset-password/${open.token}`,
      hidden: { lang: languageOverride(req) },
    });
    sendPage(res, 200, html, open.language);
  });

  router.post('/reset-password/:token', ...posted, async (req, res) => {
    await limitClient(pages, req, 'password');
    await link.assertMayTryLink(req);
    const token = tokenOf(req);
    const outcome = await completePasswordReset(deps, {
      token,
      password: formField(req, 'password') ?? '',
      confirmation: formField(req, 'confirmPassword') ?? '',
    });
    if (outcome.status === 'invalid') await link.countUnknownToken(req);
    if (outcome.status !== 'rejected' && outcome.status !== 'changed') {
      const tenantLanguage = outcome.user
        ? (await tenantInfo(pages, outcome.user.tenantId)).language
        : undefined;
      const language = pageLanguage(req, { user: outcome.user, tenantLanguage });
      sendProblem(res, language, outcome.status, outcome.user?.tenantId);
      return;
    }
    await answerPasswordForm(req, res, {
      user: outcome.user,
      problem: outcome.status === 'rejected' ? outcome.problem : undefined,
      action: `/reset-password/${token}`,
      hidden: {},
      lead: (language) => ({
        title: t(language, 'page.resetDone.title'),
        body: t(language, 'page.resetDone.body'),
      }),
    });
  });

  return router;
}
