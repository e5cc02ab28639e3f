import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app/context';
import { DEFAULT_TENANT } from '../../tenants/tenant-library';
import { startSession } from '../../tenants/auth-routes';
import { completePasswordReset } from '../../welcome/password/complete-password-reset';
import { inspectLinkHolder, type LinkProblem } from '../../welcome/password/link-holder';
import { requestPasswordReset } from '../../welcome/password-reset/request-password-reset';
import { t, type Language } from '../i18n';
import { formBody, formField, refuseCrossSite } from './form-body';
import { linkProblemPage, linkProblemStatus } from './link-problem-page';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { passwordFormPage } from './password-form-page';
import { tenantIdOf } from './paths';
import { resetRequestPage, resetSentPage } from './reset-pages';
import { limitClient, passwordDeps, tenantInfo, userPrincipal } from './route-support';
import { signedInPage } from './sign-in-pages';

/** `/reset-password`: request a link (same answer for every address), then use it once. */
export function resetPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const deps = passwordDeps(ctx);
  const ttlMinutes = ctx.config.passwordResetTtlMinutes;
  const tokenOf = (req: Request) => String(req.params.token);

  function sendProblem(res: Response, language: Language, problem: LinkProblem, tenantId?: string) {
    const html = linkProblemPage({
      language,
      problem,
      kind: 'password-reset',
      tenantId,
      resetTtlMinutes: ttlMinutes,
    });
    sendPage(res, linkProblemStatus(problem), html, language);
  }

  router.get('/reset-password', async (req, res) => {
    const tenantQuery = typeof req.query.tenant === 'string' ? req.query.tenant : undefined;
    const tenant = await tenantInfo(ctx, tenantIdOf(tenantQuery));
    const language = pageLanguage(req, { tenantLanguage: tenant.language });
    const html = resetRequestPage({
      language,
      tenantId: tenant.id,
      languageOverride: languageOverride(req),
    });
    sendPage(res, 200, html, language);
  });

  router.post('/reset-password', refuseCrossSite, formBody, async (req, res) => {
    const tenant = await tenantInfo(ctx, tenantIdOf(formField(req, 'tenant')));
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
        directory: ctx.directory,
        MailJob: ctx.MailJob,
        Link: ctx.Link,
        limiter: ctx.limiter,
        now: ctx.now,
        wakeOutbox: ctx.outboxSignal.wake,
      },
      { tenantId: tenant.id, email, clientIp: req.ip ?? 'unknown' },
    );
    sendPage(res, 200, resetSentPage({ language, tenantId: tenant.id, ttlMinutes }), language);
  });

  router.get('/reset-password/:token', async (req, res) => {
    const token = tokenOf(req);
    const holder = await inspectLinkHolder(deps, token, 'password-reset');
    const tenant = await tenantInfo(ctx, holder.link?.tenantId ?? DEFAULT_TENANT);
    const language = pageLanguage(req, { user: holder.user, tenantLanguage: tenant.language });
    if (holder.status !== 'valid') {
      sendProblem(res, language, holder.status, tenant.id);
      return;
    }
    const html = passwordFormPage({
      language,
      kind: 'reset',
      tenantName: tenant.name,
      userName: holder.user.userName,
      action: `/reset-password/${token}`,
      hidden: { lang: languageOverride(req) },
    });
    sendPage(res, 200, html, language);
  });

  router.post('/reset-password/:token', refuseCrossSite, formBody, async (req, res) => {
    await limitClient(ctx, req, 'password');
    const token = tokenOf(req);
    const outcome = await completePasswordReset(deps, {
      token,
      password: formField(req, 'password') ?? '',
      confirmation: formField(req, 'confirmPassword') ?? '',
    });
    if (outcome.status !== 'rejected' && outcome.status !== 'changed') {
      const tenantLanguage = outcome.user
        ? (await tenantInfo(ctx, outcome.user.tenantId)).language
        : undefined;
      const language = pageLanguage(req, { user: outcome.user, tenantLanguage });
      sendProblem(res, language, outcome.status, outcome.user?.tenantId);
      return;
    }
    const { user } = outcome;
    const tenant = await tenantInfo(ctx, user.tenantId);
    const language = pageLanguage(req, { user, tenantLanguage: tenant.language });
    if (outcome.status === 'rejected') {
      const html = passwordFormPage({
        language,
        kind: 'reset',
        tenantName: tenant.name,
        userName: user.userName,
        action: `/reset-password/${token}`,
        hidden: { lang: languageOverride(req) },
        problem: outcome.problem,
      });
      sendPage(res, 422, html, language);
      return;
    }
    startSession(ctx, res, userPrincipal(user));
    const html = signedInPage({
      language,
      tenantName: tenant.name,
      userName: user.userName,
      lead: {
        title: t(language, 'page.resetDone.title'),
        body: t(language, 'page.resetDone.body'),
      },
    });
    sendPage(res, 200, html, language);
  });

  return router;
}
