import { formatDateTime, t, type Language } from '../../ui/i18n';
import { paragraph, paragraphsOf, strong, type EmailContent } from './content';
import { assertEmailLink, assertValidDate, singleLine, type EmailTemplate } from './email-template';
import { defineEmail } from './define-email';
import type { CustomWelcomeTexts } from './welcome-email';

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
  /** The tenant's own words for the welcome email, placeholders filled: the reminder uses them too. */
  custom?: CustomWelcomeTexts;
  /** The application the link goes on to, named as the welcome email names it. */
  applicationName?: string;
  /** As in the welcome email: `sso` for a user who signs in with their company account. */
  signIn?: 'password' | 'sso';
}

/**
 * The one reminder that follows a welcome email nobody acted on (issue 12). It carries the
 * same link, so whichever of the two emails the user opens works; it keeps the welcome
 * email's layout: the button, the plain link, the expiry in words, and what to do then.
 * A tenant that wrote its own welcome words gets them here too, around the reminder's own
 * facts: "Reminder: <its subject>", its heading, its introduction and its closing.
 */
export const ReminderEmail: EmailTemplate<ReminderEmailProps> = defineEmail({
  subject: (props: ReminderEmailProps) =>
    props.custom?.subject
      ? t(props.language, 'reminderEmail.subjectOf', { subject: singleLine(props.custom.subject) })
      : t(props.language, 'reminderEmail.subject', { tenant: singleLine(props.tenantName) }),
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
  const { custom } = props;
  const sso = props.signIn === 'sso';
  return {
    language,
    subject,
    preheader: t(language, 'reminderEmail.preheader'),
    heading: custom?.heading
      ? singleLine(custom.heading)
      : t(language, 'reminderEmail.heading', { tenant }),
    greeting: name
      ? t(language, 'common.greeting', { name })
      : t(language, 'common.greetingNoName'),
    body: [
      paragraph(language, 'reminderEmail.intro', { sentAt: strong(sentAt) }),
      ...(custom?.intro ? paragraphsOf(custom.intro) : []),
      paragraph(language, 'common.userNameIs', { userName: strong(userName) }),
      paragraph(language, sso ? 'reminderEmail.actionSso' : 'reminderEmail.action'),
      ...(props.applicationName
        ? [
            paragraph(language, 'email.continuesTo', {
              application: strong(singleLine(props.applicationName)),
            }),
          ]
        : []),
    ],
    action: {
      label: t(language, sso ? 'welcomeEmail.buttonSso' : 'welcomeEmail.button'),
      url: link,
    },
    linkFallback: t(language, 'email.linkFallback'),
    notes: [
      paragraph(language, 'welcomeEmail.expiry', { expiresAt: strong(expiresAt) }),
      paragraph(language, 'reminderEmail.only'),
      paragraph(language, sso ? 'welcomeEmail.expiredSso' : 'welcomeEmail.expired'),
      ...(custom?.closing ? paragraphsOf(custom.closing) : []),
    ],
    footer: [
      paragraph(language, 'welcomeEmail.footer', { tenant }),
      paragraph(language, 'email.automated'),
    ],
  };
}
