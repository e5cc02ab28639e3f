import type { Language } from './languages';
import { catalogs, type MessageKey } from './messages';
import type { en } from './messages/en';

/** The names of the `{placeholders}` in a message template, as a union. */
export type Placeholder<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholder<Rest>
  : never;

/** The placeholders of a key, taken from the English reference text. */
export type PlaceholderOf<K extends MessageKey> = Placeholder<(typeof en)[K]>;

/**
 * The rest-argument for a key: nothing when its message has no placeholders, otherwise an
 * object with exactly one value per placeholder. A missing parameter is a compile error.
 */
export type ParamsArgument<K extends MessageKey, V = string | number> = [PlaceholderOf<K>] extends [
  never,
]
  ? []
  : [params: { readonly [P in PlaceholderOf<K>]: V }];

export type MessageToken =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string };

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The raw template of a message, `{placeholders}` and all. */
export function message(language: Language, key: MessageKey): string {
  return catalogs[language][key];
}

/** A template split into literal text and placeholders, in order. */
export function parseTemplate(template: string): MessageToken[] {
  const tokens: MessageToken[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ kind: 'text', text: template.slice(last, index) });
    tokens.push({ kind: 'param', name: match[1] ?? '' });
    last = index + match[0].length;
  }
  if (last < template.length) tokens.push({ kind: 'text', text: template.slice(last) });
  return tokens;
}

/** The placeholder names a template uses, sorted and without duplicates. */
export function placeholdersOf(template: string): string[] {
  const names = parseTemplate(template).flatMap((token) =>
    token.kind === 'param' ? [token.name] : [],
  );
  return [...new Set(names)].sort();
}

/**
 * Fills a message with values, mapping each through `render`. Throws on a placeholder without a
 * value: that is a bug in a translation, and sending "{tenant}" to a user is worse than failing.
 */
export function formatMessage<V, R>(
  language: Language,
  key: MessageKey,
  params: Readonly<Record<string, V>>,
  renderText: (text: string) => R,
  renderParam: (value: V) => R,
): R[] {
  return parseTemplate(message(language, key)).map((token) => {
    if (token.kind === 'text') return renderText(token.text);
    if (!Object.hasOwn(params, token.name)) {
      throw new Error(`Message ${language}:${key} needs a value for {${token.name}}`);
    }
    return renderParam(params[token.name] as V);
  });
}

/**
 * A message as plain text, e.g. `t('nb', 'page.welcome.title', { tenant: 'Acme' })`.
 * Parameters are plain text too; escape the result where it goes into HTML.
 */
export function t<K extends MessageKey>(
  language: Language,
  key: K,
  ...args: ParamsArgument<K>
): string {
  const params: Readonly<Record<string, string | number>> = args[0] ?? {};
  return formatMessage(language, key, params, (text) => text, String).join('');
}
