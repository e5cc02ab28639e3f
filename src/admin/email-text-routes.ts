import { Router, type Request } from 'express';
import type { Connection } from 'mongoose';
import { ApiError } from '../platform/errors/api-error';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import { emailTextModel, emailTextId, type EmailTextDoc } from '../mail/texts/email-text-model';
import { presentWelcomeTexts } from '../mail/texts/present-welcome-texts';
import { renderWelcomeSample } from '../mail/texts/render-welcome-sample';
import { resetWelcomeTexts } from '../mail/texts/reset-welcome-texts';
import { assertValidTexts, saveWelcomeTexts } from '../mail/texts/save-welcome-texts';
import { PLACEHOLDERS, WELCOME_TEXT_FIELDS } from '../mail/texts/welcome-text-fields';
import { requestTestEmail } from '../welcome/test-email/request-test-email';
import { testEmailJobModel } from '../welcome/test-email/test-email-job';
import { isLanguage, LANGUAGES, type Language } from '../ui/i18n';
import { signInWording } from '../tenants/sign-in-mode';
import type { TenantLibrary } from '../tenants/tenant-library';

export interface EmailTextRoutesDeps {
  /** The tenant's texts and the test-email jobs are collections of this connection. */
  conn: Connection;
  now: () => Date;
  tenants: Pick<TenantLibrary, 'findTenantCached' | 'audit'>;
  /** Limits test emails per administrator. */
  limiter: RateLimiter;
  /** Nudges this process's outbox worker to send a queued test email. */
  wakeOutbox: () => void;
  /** The sample's link and expiry (PUBLIC_BASE_URL, WELCOME_LINK_TTL_HOURS). */
  publicBaseUrl: string;
  welcomeLinkTtlHours: number;
  /** EMAIL_FROM_NAME: the sender's name unless the tenant chose its own. */
  emailFromName?: string;
  /** The tenant's default application, which the welcome emails name (as the real ones do). */
  applicationName?: (tenantId: string) => Promise<string | undefined>;
}

/**
 * `/api/identity-manager/email-texts/welcome[/{language}]`: the tenant's own words for the
 * welcome email (issue 12): read, save, reset to default, preview and send a test to oneself.
 */
export function emailTextRoutes(deps: EmailTextRoutesDeps): Router {
  const { tenants, now, emailFromName } = deps;
  const router = Router();
  const EmailText = emailTextModel(deps.conn);
  const textDeps = { EmailText, tenants, now };
  const sampleSettings = {
    publicBaseUrl: deps.publicBaseUrl,
    linkTtlHours: deps.welcomeLinkTtlHours,
  };

  const languageOf = (req: Request): Language => {
    const language = String(req.params.language);
    if (!isLanguage(language)) {
      throw new ApiError(404, 'not_found', `no such language; one of ${LANGUAGES.join(', ')}`);
    }
    return language;
  };
  const tenantNameOf = async (tenantId: string) =>
    (await tenants.findTenantCached(tenantId))?.displayName ?? tenantId;
  /** What the tenant's SCIM users' emails depend on besides the texts, for previews and tests. */
  const sampleOf = async (tenantId: string) => {
    const tenant = await tenants.findTenantCached(tenantId);
    return {
      ...sampleSettings,
      tenantName: tenant?.displayName ?? tenantId,
      signIn: signInWording(tenant, { source: 'scim' }),
      applicationName: await deps.applicationName?.(tenantId),
    };
  };

  const present = async (tenantId: string, language: Language) =>
    presentWelcomeTexts({
      language,
      doc: await EmailText.findById(emailTextId(tenantId, language)).lean<EmailTextDoc>(),
      tenantName: await tenantNameOf(tenantId),
      emailFromName,
    });

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
    res.json(await present(req.session!.tenantId, languageOf(req)));
  });

  router.put('/welcome/:language', async (req, res) => {
    const language = languageOf(req);
    const { tenantId, subject } = req.session!;
    await saveWelcomeTexts(textDeps, { tenantId, language, actor: subject, texts: req.body });
    res.json(await present(tenantId, language));
  });

  router.delete('/welcome/:language', async (req, res) => {
    const language = languageOf(req);
    const { tenantId, subject } = req.session!;
    await resetWelcomeTexts(textDeps, { tenantId, language, actor: subject });
    res.json(await present(tenantId, language));
  });

  router.post('/welcome/:language/preview', async (req, res) => {
    const texts = assertValidTexts(req.body ?? {});
    // `?email=reminder`: the reminder, which speaks in the same words (its own preview).
    const email = (req.query as Record<string, unknown>).email;
    if (email !== undefined && email !== 'welcome' && email !== 'reminder') {
      throw new ApiError(400, 'invalid_request', 'email: welcome or reminder');
    }
    const { subject, html, text, fromName } = renderWelcomeSample({
      email,
      ...(await sampleOf(req.session!.tenantId)),
      language: languageOf(req),
      texts,
      now: now(),
    });
    const sender = texts.senderName ? fromName : (emailFromName ?? fromName);
    res.json({ subject, html, text, fromName: sender });
  });

  router.post('/welcome/:language/test', async (req, res) => {
    const { tenantId, subject: actor, email } = req.session!;
    if (!email) throw new ApiError(409, 'no_address', 'your session has no email address');
    await requestTestEmail(
      {
        TestEmailJob: testEmailJobModel(deps.conn),
        limiter: deps.limiter,
        now,
        wakeOutbox: deps.wakeOutbox,
        emailFromName,
      },
      {
        ...(await sampleOf(tenantId)),
        language: languageOf(req),
        tenantId,
        actor,
        to: email,
        texts: req.body ?? {},
      },
    );
    res.status(202).json({ status: 'queued', to: email });
  });

  return router;
}
