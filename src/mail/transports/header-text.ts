import type { MailMessage } from './mail-transport';

/** C0 controls (U+0000 to U+001F: NUL, TAB, LF, CR, ESC, …) and DEL (U+007F). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Removes every control character; a name made only of them becomes empty. */
export const withoutControlCharacters = (text: string): string =>
  text.replace(CONTROL_CHARACTERS, '').trim();

/**
 * The message with control characters removed from the texts that become header fields: the
 * display names and the subject. Names come from identity providers (SCIM `displayName`,
 * `name.*`) and tenants, so a CR/LF in one must never reach a provider's API or an SMTP
 * header, whichever transport sends it. Every transport calls this first.
 */
export function withCleanHeaderTexts(message: MailMessage): MailMessage {
  const name = (value: string | undefined) =>
    value === undefined ? undefined : withoutControlCharacters(value) || undefined;
  return {
    ...message,
    subject: withoutControlCharacters(message.subject),
    toName: name(message.toName),
    fromName: name(message.fromName),
  };
}
