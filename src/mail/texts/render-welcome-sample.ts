import { t, type Language } from '../../ui/i18n';
import { ReminderEmail, WelcomeEmail, type RenderedEmail } from '../templates';
import { fillWelcomeTexts, placeholderValues, type WelcomeTexts } from './welcome-text-fields';

export interface SampleInput {
  language: Language;
  texts: WelcomeTexts;
  tenantName: string;
  publicBaseUrl: string;
  linkTtlHours: number;
  now: Date;
  /** Marks the message as a test (subject prefix and a notice at the top). */
  test?: boolean;
  /** Which email to show with these texts: the welcome email, or the reminder that follows it. */
  email?: 'welcome' | 'reminder';
  /** As the tenant's SCIM users get it: `sso` when they sign in with their company account. */
  signIn?: 'password' | 'sso';
  /** The tenant's default application, which the real emails name. */
  applicationName?: string;
}

const DAY = 86_400_000;

/** A sample recipient: previews and test emails never show a real user's data. */
const SAMPLE = { firstName: 'Alex', displayName: 'Alex Example', userName: 'alex@example.com' };

/**
 * The welcome email (or its reminder) as the tenant's SCIM users would get it with these texts
 * (their sign-in wording, the application named), for the live
 * previews and the test email. Its link points at a token that never exists, so it cannot sign anyone in.
 */
export function renderWelcomeSample(input: SampleInput): RenderedEmail & { fromName: string } {
  const { language } = input;
  const expiresAt = new Date(input.now.getTime() + input.linkTtlHours * 3_600_000);
  const values = placeholderValues({
    language,
    firstName: SAMPLE.firstName,
    displayName: SAMPLE.displayName,
    tenantName: input.tenantName,
    expiresAt,
    applicationName: input.applicationName,
  });
  const { custom, senderName } = fillWelcomeTexts(input.texts, values);
  const common = {
    language,
    tenantName: input.tenantName,
    userDisplayName: SAMPLE.displayName,
    userName: SAMPLE.userName,
    link: `${input.publicBaseUrl}/welcome/sample-link-that-does-not-work`,
    expiresAt,
    custom,
    signIn: input.signIn,
    applicationName: input.applicationName,
  };
  const rendered =
    input.email === 'reminder'
      ? ReminderEmail.render({ ...common, welcomeSentAt: new Date(input.now.getTime() - 3 * DAY) })
      : WelcomeEmail.render({
          ...common,
          notice: input.test ? t(language, 'testEmail.banner') : undefined,
        });
  const subject = input.test
    ? `${t(language, 'testEmail.subjectPrefix')} ${rendered.subject}`
    : rendered.subject;
  return { ...rendered, subject, fromName: senderName ?? input.tenantName };
}
