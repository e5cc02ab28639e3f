import { formatDateTime, formatMinutes, t, type Language } from '../../ui/i18n';
import { paragraph, strong, type EmailContent } from './content';
import {
  EmailTemplateError,
  assertEmailLink,
  assertValidDate,
  singleLine,
  type EmailTemplate,
} from './email-template';
import { defineEmail } from './define-email';

/** How long a password-reset link lives unless the caller says otherwise. */
export const DEFAULT_RESET_LINK_MINUTES = 30;

export interface PasswordResetEmailProps {
  language: Language;
  tenantName: string;
  /** Optional: the greeting falls back to a plain "Hello,". */
  userDisplayName?: string;
  userName: string;
  /** The one-time reset link: absolute, built from PUBLIC_BASE_URL. */
  link: string;
  expiresAt: Date;
  /** The link's lifetime as the email states it; defaults to 30 minutes. */
  validForMinutes?: number;
  /** The application the new password goes on to (the tenant's default), named when known. */
  applicationName?: string;
}

/**
 * The password-reset email, the way back in once the welcome email can no longer be sent
 * (seed: "After the 1st sign-in … the user must instead reset their password").
 */
export const PasswordResetEmail: EmailTemplate<PasswordResetEmailProps> = defineEmail({
  subject: (props: PasswordResetEmailProps) =>
    t(props.language, 'resetEmail.subject', { tenant: singleLine(props.tenantName) }),
  content,
});

function content(props: PasswordResetEmailProps, subject: string): EmailContent {
  const { language } = props;
  const link = assertEmailLink(props.link);
  const expiresAt = formatDateTime(language, assertValidDate(props.expiresAt, 'expiresAt'));
  const duration = formatMinutes(language, validMinutes(props.validForMinutes));
  const tenant = singleLine(props.tenantName);
  const name = singleLine(props.userDisplayName ?? '');
  const userName = singleLine(props.userName);
  const application = props.applicationName ? singleLine(props.applicationName) : '';

  return {
    language,
    subject,
    preheader: t(language, 'resetEmail.preheader', { duration }),
    heading: t(language, 'resetEmail.heading'),
    greeting: name
      ? t(language, 'common.greeting', { name })
      : t(language, 'common.greetingNoName'),
    body: [
      paragraph(language, 'resetEmail.intro', { tenant: strong(tenant) }),
      paragraph(language, 'common.userNameIs', { userName: strong(userName) }),
      ...(application
        ? [paragraph(language, 'resetEmail.continuesTo', { application: strong(application) })]
        : []),
    ],
    action: { label: t(language, 'resetEmail.button'), url: link },
    linkFallback: t(language, 'email.linkFallback'),
    notes: [
      paragraph(language, 'resetEmail.expiry', {
        duration: strong(duration),
        expiresAt: strong(expiresAt),
      }),
      paragraph(language, 'resetEmail.ignore'),
    ],
    footer: [
      paragraph(language, 'resetEmail.footer', { tenant }),
      paragraph(language, 'email.automated'),
    ],
  };
}

function validMinutes(minutes: number | undefined): number {
  const value = minutes ?? DEFAULT_RESET_LINK_MINUTES;
  if (!Number.isInteger(value) || value <= 0) {
    throw new EmailTemplateError('validForMinutes must be a positive whole number');
  }
  return value;
}
