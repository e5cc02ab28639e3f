import { Router, type Request } from 'express';
import type { AppContext } from '../app/context';
import { ApiError } from '../platform/errors/api-error';
import { emailTextModel, emailTextId, type EmailTextDoc } from '../mail/texts/email-text-model';
import { renderWelcomeSample } from '../mail/texts/render-welcome-sample';
import {
  assertValidTexts,
  resetWelcomeTexts,
  saveWelcomeTexts,
} from '../mail/texts/save-welcome-texts';
import { queueTestEmail, testEmailJobModel } from '../welcome/test-email/test-email-job';
import { PLACEHOLDERS, WELCOME_TEXT_FIELDS } from '../mail/texts/welcome-text-fields';
import { isLanguage, LANGUAGES, t, type Language } from '../ui/i18n';

const TEST_EMAILS_PER_HOUR = 10;

/**
 * `/api/identity-manager/email-texts/welcome[/{language}]`: the tenant's own words for the
 * welcome email (issue 12): read, save, reset to default, preview and send a test to oneself.
 */
export function emailTextRoutes(ctx: AppContext): Router {
  const router = Router();
  const EmailText = emailTextModel(ctx.conn);
  const TestEmailJob = testEmailJobModel(ctx.conn);
  const deps = { EmailText, tenants: ctx.tenants, now: ctx.now };

  const languageOf = (req: Request): Language => {
    const language = String(req.params.language);
    if (!isLanguage(language)) {
      throw new ApiError(404, 'not_found', `no such language; one of ${LANGUAGES.join(', ')}`);
    }
    return language;
  };
  const tenantNameOf = async (tenantId: string) =>
    (await ctx.tenants.findTenantCached(tenantId))?.displayName ?? tenantId;

  async function view(tenantId: string, language: Language) {
    const doc = await EmailText.findById(emailTextId(tenantId, language)).lean<EmailTextDoc>();
    const tenant = await tenantNameOf(tenantId);
    return {
      language,
      texts: doc?.texts ?? {},
      customised: Boolean(doc),
      updatedAt: doc?.updatedAt?.toISOString() ?? null,
      updatedBy: doc?.updatedBy ?? null,
      defaults: {
        subject: t(language, 'welcomeEmail.subject', { tenant }),
        heading: t(language, 'welcomeEmail.heading', { tenant }),
        intro: t(language, 'welcomeEmail.intro', { tenant }),
        closing: '',
        senderName: ctx.config.emailFromName ?? tenant,
      },
    };
  }

  const sample = async (req: Request, test = false) => {
    const language = languageOf(req);
    const texts = assertValidTexts(req.body ?? {});
    const rendered = renderWelcomeSample({
      language,
      texts,
      tenantName: await tenantNameOf(req.session!.tenantId),
      publicBaseUrl: ctx.config.publicBaseUrl,
      linkTtlHours: ctx.config.welcomeLinkTtlHours,
      now: ctx.now(),
      test,
    });
    return texts.senderName
      ? rendered
      : { ...rendered, fromName: ctx.config.emailFromName ?? rendered.fromName };
  };

  router.get('/welcome', async (req, res) => {
    const docs = await EmailText.find({ tenantId: req.session!.tenantId }, { language: 1 }).lean<
      Array<Pick<EmailTextDoc, 'language'>>
    >();
    const customised = new Set(docs.map((d) => d.language));
    res.json({
      languages: LANGUAGES.map((language) => ({ language, customised: customised.has(language) })),
      fields: WELCOME_TEXT_FIELDS,
      placeholders: PLACEHOLDERS.map((p) => `{${p}}`),
    });
  });

  router.get('/welcome/:language', async (req, res) => {
    res.json(await view(req.session!.tenantId, languageOf(req)));
  });

  router.put('/welcome/:language', async (req, res) => {
    const language = languageOf(req);
    const { tenantId, subject } = req.session!;
    await saveWelcomeTexts(deps, { tenantId, language, actor: subject, texts: req.body });
    res.json(await view(tenantId, language));
  });

  router.delete('/welcome/:language', async (req, res) => {
    const language = languageOf(req);
    const { tenantId, subject } = req.session!;
    await resetWelcomeTexts(deps, { tenantId, language, actor: subject });
    res.json(await view(tenantId, language));
  });

  router.post('/welcome/:language/preview', async (req, res) => {
    const { subject, html, text, fromName } = await sample(req);
    res.json({ subject, html, text, fromName });
  });

  router.post('/welcome/:language/test', async (req, res) => {
    const { tenantId, subject: actor, email } = req.session!;
    if (!email) throw new ApiError(409, 'no_address', 'your session has no email address');
    const limit = await ctx.limiter.hit(
      `welcome-test:${tenantId}:${actor}`,
      TEST_EMAILS_PER_HOUR,
      3600,
    );
    if (!limit.allowed) {
      throw new ApiError(
        429,
        'too_many_test_emails',
        `at most ${TEST_EMAILS_PER_HOUR} test emails an hour`,
        undefined,
        {
          'Retry-After': String(limit.retryAfterSeconds),
        },
      );
    }
    const rendered = await sample(req, true);
    await queueTestEmail(TestEmailJob, ctx.now(), { tenantId, to: email, ...rendered });
    ctx.outboxSignal.wake();
    res.status(202).json({ status: 'queued', to: email });
  });

  return router;
}
