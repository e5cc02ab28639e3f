/** The languages every email and public page is written in. */
export const LANGUAGES = ['en', 'nb', 'sv', 'da', 'de', 'nl'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * The locale used to format dates and numbers in each language. English uses en-GB so that
 * every language shows a 24-hour clock next to "UTC".
 */
export const LOCALES: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  nb: 'nb-NO',
  sv: 'sv-SE',
  da: 'da-DK',
  de: 'de-DE',
  nl: 'nl-NL',
};

/** Primary language subtags we understand. Nynorsk and the macrolanguage `no` read Bokmål. */
const BY_PRIMARY_SUBTAG: ReadonlyMap<string, Language> = new Map<string, Language>([
  ['en', 'en'],
  ['nb', 'nb'],
  ['no', 'nb'],
  ['nn', 'nb'],
  ['sv', 'sv'],
  ['da', 'da'],
  ['de', 'de'],
  ['nl', 'nl'],
]);

/** Accept-Language headers are client-controlled; a real browser sends a handful of tags. */
const MAX_TAGS_PER_CANDIDATE = 32;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The supported language of one tag, in any of the forms we receive: BCP 47 (`nb-NO`,
 * `de-AT`), SCIM `preferredLanguage` (RFC 7643 §4.1.1, same as Accept-Language) and SCIM
 * `locale`/POSIX (`en_US`, `en_US.UTF-8`). Case-insensitive.
 */
export function languageOfTag(tag: string): Language | undefined {
  const primary =
    tag
      .trim()
      .toLowerCase()
      .split(/[-_.@]/, 1)[0] ?? '';
  return BY_PRIMARY_SUBTAG.get(primary);
}

/**
 * The first candidate that names a supported language wins; a candidate may be one tag or an
 * Accept-Language list with q weights (`"da, en-GB;q=0.8"`, RFC 9110 §12.5.4). Falls back to
 * English. Typical call: `pickLanguage(user.preferredLanguage, user.locale, tenant.language)`.
 */
export function pickLanguage(...candidates: Array<string | null | undefined>): Language {
  for (const candidate of candidates) {
    if (!candidate) continue;
    for (const tag of rankedTags(candidate)) {
      const language = languageOfTag(tag);
      if (language) return language;
    }
  }
  return DEFAULT_LANGUAGE;
}

/** The tags of a list, best first; ties keep their order, `q=0` means "not this one". */
function rankedTags(list: string): string[] {
  return list
    .split(',', MAX_TAGS_PER_CANDIDATE)
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.split(';');
      return { tag: tag.trim(), q: quality(parameters), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

function quality(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=', 2).map((part) => part.trim());
    if (name.toLowerCase() !== 'q') continue;
    const q = /^\d+(\.\d+)?$/.test(value) ? Number(value) : 0;
    return Math.min(q, 1);
  }
  return 1;
}
