import { t, type Language } from '../../ui/i18n';
import type { EmailTextDoc } from './email-text-model';

/**
 * The API shape of one language's texts: what the tenant saved, and the built-in text of
 * each field (the form shows it as the placeholder, so an empty field says what it keeps).
 */
export function presentWelcomeTexts(input: {
  language: Language;
  doc: EmailTextDoc | null;
  tenantName: string;
  emailFromName?: string;
}) {
  const { language, doc, tenantName } = input;
  return {
    language,
    texts: doc?.texts ?? {},
    customised: Boolean(doc),
    updatedAt: doc?.updatedAt?.toISOString() ?? null,
    updatedBy: doc?.updatedBy ?? null,
    defaults: {
      subject: t(language, 'welcomeEmail.subject', { tenant: tenantName }),
      heading: t(language, 'welcomeEmail.heading', { tenant: tenantName }),
      intro: t(language, 'welcomeEmail.intro', { tenant: tenantName }),
      closing: '',
      senderName: input.emailFromName ?? tenantName,
    },
  };
}
