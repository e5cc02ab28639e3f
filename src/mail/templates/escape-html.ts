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
 * Markup that is already safe to emit. Only `html` and `trustedHtml` make one, so a plain
 * string can never reach the output unescaped by accident.
 */
export class SafeHtml {
  readonly #markup: string;

  private constructor(markup: string) {
    this.#markup = markup;
  }

  /** For markup written in our own source code, never for anything a user or IdP supplied. */
  static trusted(markup: string): SafeHtml {
    return new SafeHtml(markup);
  }

  toString(): string {
    return this.#markup;
  }
}

export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[];

export function trustedHtml(markup: string): SafeHtml {
  return SafeHtml.trusted(markup);
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
 *     html`<p>${userInput}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += toMarkup(value) + (strings[index + 1] ?? '');
  });
  return SafeHtml.trusted(markup);
}
