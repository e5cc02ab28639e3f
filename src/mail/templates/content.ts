import { formatMessage, type Language, type MessageKey, type ParamsArgument } from '../../ui/i18n';

/** A run of text in a paragraph: `strong` runs are bold in HTML and plain in text. */
export type Run = string | { readonly strong: string };

export type Paragraph = readonly Run[];

/**
 * What an email says, independent of format. The layout turns the same content into HTML and
 * plain text, so the two versions cannot drift apart.
 */
export interface EmailContent {
  language: Language;
  /** The subject, also the HTML `<title>`. */
  subject: string;
  /** The inbox preview line, hidden in the body. */
  preheader: string;
  heading: string;
  greeting: string;
  /** Paragraphs before the button. */
  body: readonly Paragraph[];
  action: { readonly label: string; readonly url: string };
  /** "If the button doesn't work, copy this link…", shown above the plain link (HTML only). */
  linkFallback: string;
  /** Paragraphs after the button. */
  notes: readonly Paragraph[];
  /** Small print under the card. */
  footer: readonly Paragraph[];
}

export function strong(text: string): Run {
  return { strong: text };
}

/**
 * A message as a paragraph, e.g. `paragraph('sv', 'common.userNameIs', { userName:
 * strong(name) })`. Values are plain text; the layout escapes them.
 */
export function paragraph<K extends MessageKey>(
  language: Language,
  key: K,
  ...args: ParamsArgument<K, string | number | Run>
): Paragraph {
  const params: Readonly<Record<string, string | number | Run>> = args[0] ?? {};
  return formatMessage(
    language,
    key,
    params,
    (text): Run => text,
    (value): Run => (typeof value === 'number' ? String(value) : value),
  );
}

export function plainText(runs: Paragraph): string {
  return runs.map((run) => (typeof run === 'string' ? run : run.strong)).join('');
}

/** A tenant's plain text as paragraphs: blank lines separate them, other whitespace folds. */
export const paragraphsOf = (text: string): Paragraph[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p) => [p]);
