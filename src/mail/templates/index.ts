export { escapeHtml, markup, trustedHtml, SafeHtml, type HtmlValue } from './escape-html';
export {
  EmailTemplateError,
  assertEmailLink,
  type EmailTemplate,
  type RenderedEmail,
} from './email-template';
export {
  paragraph,
  plainText,
  strong,
  type EmailContent,
  type Paragraph,
  type Run,
} from './content';
export { renderHtmlLayout, renderTextLayout } from './layout';
export { defineEmail } from './define-email';
export { WelcomeEmail, type CustomWelcomeTexts, type WelcomeEmailProps } from './welcome-email';
export {
  DEFAULT_RESET_LINK_MINUTES,
  PasswordResetEmail,
  type PasswordResetEmailProps,
} from './password-reset-email';
export { ReminderEmail, type ReminderEmailProps } from './reminder-email';
