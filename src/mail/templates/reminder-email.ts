import { formatDateTime, t, type Language } from '../../ui/i18n';
import { paragraph, strong, type EmailContent } from './content';
import { assertEmailLink, assertValidDate, singleLine, type EmailTemplate } from './email-template';
import { defineEmail } from './define-email';

export interface ReminderEmailProps {
  language: Language;
  tenantName: string;
  userDisplayName: string;
  userName: string;
  /** The same link as the welcome email it follows, re-derived from the generation. */
  link: string;
  expiresAt: Date;
  /** When the welcome email was accepted by the email provider. */
  welcomeSentAt: Date;
}

/**
 * The one reminder that follows a welcome email nobody acted on (issue 12). It carries the
 * same link, so whichever of the two emails the user opens works; it keeps the welcome
 * email's layout: the button, the plain link, the expiry in words, and what to do then.
 */
export const ReminderEmail: EmailTemplate<ReminderEmailProps> = defineEmail({
  subject: (props: ReminderEmailProps) =>
    t(props.language, 'reminderEmail.subject', { tenant: singleLine(props.tenantName) }),
  content,
});

function content(props: ReminderEmailProps, subject: string): EmailContent {
  const { language } = props;
  const link = assertEmailLink(props.link);
  const expiresAt = formatDateTime(language, assertValidDate(props.expiresAt, 'expiresAt'));
  const sentAt = formatDateTime(language, assertValidDate(props.welcomeSentAt, 'welcomeSentAt'));
  const tenant = singleLine(props.tenantName);
  const name = singleLine(props.userDisplayName);
  const userName = singleLine(props.userName);
  return {
    language,
    subject,
    preheader: t(language, 'reminderEmail.preheader'),
    heading: t(language, 'reminderEmail.heading', { tenant }),
    greeting: name
      ? t(language, 'common.greeting', { name })
      : t(language, 'common.greetingNoName'),
    body: [
      paragraph(language, 'reminderEmail.intro', { sentAt: strong(sentAt) }),
      paragraph(language, 'common.userNameIs', { userName: strong(userName) }),
      paragraph(language, 'reminderEmail.action'),
    ],
    action: { label: t(language, 'welcomeEmail.button'), url: link },
    linkFallback: t(language, 'email.linkFallback'),
    notes: [
      paragraph(language, 'welcomeEmail.expiry', { expiresAt: strong(expiresAt) }),
      paragraph(language, 'reminderEmail.only'),
      paragraph(language, 'welcomeEmail.expired'),
    ],
    footer: [
      paragraph(language, 'welcomeEmail.footer', { tenant }),
      paragraph(language, 'email.automated'),
    ],
  };
}
