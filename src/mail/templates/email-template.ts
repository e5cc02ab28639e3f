/** A fully rendered email in one language, ready to hand to any `MailTransport`. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** What every email template offers: each part on its own, or all three at once. */
export interface EmailTemplate<Props> {
  subject(props: Props): string;
  html(props: Props): string;
  text(props: Props): string;
  render(props: Props): RenderedEmail;
}

/** Props an email cannot be rendered from. A programming error, never a user's. */
export class EmailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailTemplateError';
  }
}

/**
 * The link must be an absolute http(s) URL built from PUBLIC_BASE_URL. Anything else (a
 * relative path, `javascript:`, credentials, whitespace) would be a broken or dangerous
 * button, so we refuse to render rather than send it.
 */
export function assertEmailLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new EmailTemplateError('The email link must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EmailTemplateError('The email link must use http or https');
  }
  if (url.username !== '' || url.password !== '') {
    throw new EmailTemplateError('The email link must not carry credentials');
  }
  if (/\s/.test(link) || [...link].some(isControlCharacter)) {
    throw new EmailTemplateError('The email link must not contain whitespace');
  }
  return link;
}

export function assertValidDate(value: Date, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new EmailTemplateError(`${name} must be a valid date`);
  }
  return value;
}

/**
 * Names come from identity providers. Line breaks and other control characters in them would
 * break the subject header and the text layout, so they become single spaces.
 */
export function singleLine(value: string): string {
  return [...value]
    .map((character) => (isControlCharacter(character) ? ' ' : character))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** C0 and C1 controls (tab and line breaks included) and the Unicode line separators. */
function isControlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}
