const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML element body or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * Markup that is already safe to emit. Only `markup` and `trustedHtml` make one, so a plain
 * string can never reach the output unescaped by accident.
 */
export class SafeHtml {
  readonly #source: string;

  private constructor(source: string) {
    this.#source = source;
  }

  /** For markup written in our own source code, never for anything a user or IdP supplied. */
  static trusted(source: string): SafeHtml {
    return new SafeHtml(source);
  }

  toString(): string {
    return this.#source;
  }
}

export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[];

export function trustedHtml(source: string): SafeHtml {
  return SafeHtml.trusted(source);
}

function toMarkup(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(String(value));
  return value.map(toMarkup).join('');
}

/**
 * Tagged template for HTML: the literal parts are trusted, every interpolated string or number
 * is escaped, `SafeHtml` is inserted as is and arrays are joined.
 *
 *     markup`<p>${userInput}</p>`
 *
 * Not called `html`: Prettier reformats templates tagged `html`, which changes the whitespace
 * of the output and breaks Outlook's conditional comments.
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let result = strings[0] ?? '';
  values.forEach((value, index) => {
    result += toMarkup(value) + (strings[index + 1] ?? '');
  });
  return SafeHtml.trusted(result);
}
