import {
  LANGUAGES,
  catalogs,
  formatDateTime,
  formatMinutes,
  placeholdersOf,
  t,
  type MessageKey,
} from '../../../src/ui/i18n';

const keys = Object.keys(catalogs.en) as MessageKey[];

describe('message catalogues', () => {
  it.each(LANGUAGES)('%s has every key and no others', (language) => {
    expect(Object.keys(catalogs[language]).sort()).toEqual([...keys].sort());
  });

  it.each(LANGUAGES)('%s has no empty message', (language) => {
    const empty = keys.filter((key) => catalogs[language][key].trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses exactly the placeholders English uses', (language) => {
    const mismatched = keys.filter(
      (key) =>
        placeholdersOf(catalogs[language][key]).join() !== placeholdersOf(catalogs.en[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s translates the sentences rather than copying English',
    (language) => {
      const copied = keys.filter(
        (key) =>
          catalogs[language][key].length > 25 && catalogs[language][key] === catalogs.en[key],
      );
      expect(copied).toEqual([]);
    },
  );

  it('has pages that tell the user what to do after a used, expired or revoked link', () => {
    for (const language of LANGUAGES) {
      for (const page of ['linkUsed', 'linkExpired', 'linkRevoked', 'linkInvalid'] as const) {
        expect(t(language, `page.${page}.title`)).not.toBe('');
        expect(t(language, `page.${page}.body`)).not.toBe('');
      }
      expect(t(language, 'page.link.whatNext')).not.toBe('');
    }
  });
});

describe('t', () => {
  it('fills placeholders with plain text and leaves markup alone', () => {
    expect(t('en', 'page.welcome.title', { tenant: 'Fjord & <Co>' })).toBe(
      "You've been invited to Fjord & <Co>",
    );
    expect(t('nb', 'page.setPassword.ruleLength', { min: 12 })).toBe('Minst 12 tegn');
    expect(t('de', 'page.signedIn.body', { tenant: 'Acme', userName: 'kari' })).toBe(
      'Sie sind bei Acme als kari angemeldet.',
    );
  });

  it('does not read placeholders out of parameter values', () => {
    expect(t('sv', 'page.signIn.title', { tenant: '{tenant}' })).toBe('Logga in på {tenant}');
  });

  it('refuses to render a message with a missing parameter', () => {
    // @ts-expect-error: {tenant} is required, and the compiler says so too
    expect(() => t('da', 'page.signIn.title')).toThrow(/needs a value for \{tenant\}/);
  });
});

describe('formatting', () => {
  const moment = new Date('2026-12-01T10:00:00Z');

  it('writes dates in the language, always in UTC', () => {
    expect(formatDateTime('en', moment)).toBe('1 December 2026 at 10:00 UTC');
    expect(formatDateTime('nb', moment)).toBe('1. desember 2026 kl. 10:00 UTC');
    expect(formatDateTime('de', moment)).toBe('1. Dezember 2026 um 10:00 UTC');
  });

  it('writes minutes with the right plural', () => {
    expect(formatMinutes('en', 1)).toBe('1 minute');
    expect(formatMinutes('nl', 30)).toBe('30 minuten');
    expect(formatMinutes('sv', 30)).toBe('30 minuter');
  });
});
