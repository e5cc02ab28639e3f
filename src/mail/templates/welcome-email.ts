import { formatDateTime, t, type Language } from '../../ui/i18n';
import { paragraph, paragraphsOf, strong, type EmailContent } from './content';
import { assertEmailLink, assertValidDate, singleLine, type EmailTemplate } from './email-template';
import { defineEmail } from './define-email';

export interface WelcomeEmailProps {
  language: Language;
  /** The tenant's display name, as the user knows the organisation. */
  tenantName: string;
  userDisplayName: string;
  userName: string;
  /** The one-time sign-in link: absolute, built from PUBLIC_BASE_URL. */
  link: string;
  expiresAt: Date;
  /** The tenant's own words for this language, placeholders already filled (issue 12). */
  custom?: CustomWelcomeTexts;
  /** A line shown above everything else (a test email says it is one). */
  notice?: string;
  /** `sso`: the tenant's users sign in with their company account; the link starts that sign-in. */
  signIn?: 'password' | 'sso';
  /** The application the link goes on to after the first sign-in (the tenant's default one). */
  applicationName?: string;
}

/** Plain text: the layout escapes it, so HTML typed into a field is shown, never interpreted. */
export interface CustomWelcomeTexts {
  subject?: string;
  heading?: string;
  /** Replaces the built-in introduction; blank lines separate paragraphs. */
  intro?: string;
  /** Added as the card's last paragraphs. */
  closing?: string;
}

/**
 * The welcome email: who invited you, your user name, the one-time sign-in link, when it
 * expires and what to do then (seed: "The sign-in link in the welcome email can only be used
 * once"; an administrator can send a new one until the first sign-in).
 */
export const WelcomeEmail: EmailTemplate<WelcomeEmailProps> = defineEmail({
  subject: (props: WelcomeEmailProps) =>
    props.custom?.subject
      ? singleLine(props.custom.subject)
      : t(props.language, 'welcomeEmail.subject', { tenant: singleLine(props.tenantName) }),
  content,
});

function content(props: WelcomeEmailProps, subject: string): EmailContent {
  const { language } = props;
  const link = assertEmailLink(props.link);
  const expiresAt = formatDateTime(language, assertValidDate(props.expiresAt, 'expiresAt'));
  const tenant = singleLine(props.tenantName);
  const name = singleLine(props.userDisplayName);
  const userName = singleLine(props.userName);
  const { custom } = props;
  const sso = props.signIn === 'sso';
  const application = props.applicationName ? singleLine(props.applicationName) : '';

  return {
    language,
    subject,
    preheader: t(language, 'welcomeEmail.preheader'),
    heading: custom?.heading
      ? singleLine(custom.heading)
      : t(language, 'welcomeEmail.heading', { tenant }),
    greeting: name
      ? t(language, 'common.greeting', { name })
      : t(language, 'common.greetingNoName'),
    body: [
      ...(props.notice ? [[strong(props.notice)]] : []),
      ...(custom?.intro
        ? paragraphsOf(custom.intro)
        : [paragraph(language, 'welcomeEmail.intro', { tenant: strong(tenant) })]),
      paragraph(language, 'common.userNameIs', { userName: strong(userName) }),
      paragraph(language, sso ? 'welcomeEmail.actionSso' : 'welcomeEmail.action'),
      ...(application
        ? [paragraph(language, 'email.continuesTo', { application: strong(application) })]
        : []),
    ],
    action: {
      label: t(language, sso ? 'welcomeEmail.buttonSso' : 'welcomeEmail.button'),
      url: link,
    },
    linkFallback: t(language, 'email.linkFallback'),
    notes: [
      paragraph(language, 'welcomeEmail.expiry', { expiresAt: strong(expiresAt) }),
      paragraph(language, sso ? 'welcomeEmail.expiredSso' : 'welcomeEmail.expired'),
      ...(custom?.closing ? paragraphsOf(custom.closing) : []),
    ],
    footer: [
      paragraph(language, 'welcomeEmail.footer', { tenant }),
      paragraph(language, 'email.automated'),
    ],
  };
}
