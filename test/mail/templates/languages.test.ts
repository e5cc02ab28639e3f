import { pickLanguage, type Language } from '../../../src/ui/i18n';

describe('pickLanguage', () => {
  it.each<[string, Array<string | null | undefined>, Language]>([
    ['a plain language code', ['da'], 'da'],
    ['a BCP 47 tag with a region', ['en-US'], 'en'],
    ['Norwegian Bokmål with a region', ['nb-NO'], 'nb'],
    ['the Norwegian macrolanguage code', ['no'], 'nb'],
    ['Norwegian Nynorsk', ['nn-NO'], 'nb'],
    ['Swedish with a region', ['sv-SE'], 'sv'],
    ['German for Germany', ['de-DE'], 'de'],
    ['German for Austria', ['de-AT'], 'de'],
    ['Dutch for the Netherlands', ['nl-NL'], 'nl'],
    ['Dutch for Belgium', ['nl-BE'], 'nl'],
    ['a SCIM locale with an underscore', ['en_US'], 'en'],
    ['a POSIX locale with a charset', ['sv_SE.UTF-8'], 'sv'],
    ['upper case', ['NB-no'], 'nb'],
    ['surrounding whitespace', ['  de-CH  '], 'de'],
  ])('understands %s', (_case, candidates, expected) => {
    expect(pickLanguage(...candidates)).toBe(expected);
  });

  it('takes the first candidate that names a supported language', () => {
    expect(pickLanguage(undefined, null, '', 'fr-FR', 'sv', 'de')).toBe('sv');
  });

  it('reads an Accept-Language list in order of its q weights', () => {
    expect(pickLanguage('da, en-GB;q=0.8')).toBe('da');
    expect(pickLanguage('fr-FR, fr;q=0.9, nl;q=0.5, de;q=0.7')).toBe('de');
    expect(pickLanguage('en;q=0.2, nb;q=0.9')).toBe('nb');
  });

  it('skips languages the list rules out with q=0 and the * wildcard', () => {
    expect(pickLanguage('de;q=0, *;q=0.5, nl;q=0.1')).toBe('nl');
  });

  it('keeps the listed order between equal weights', () => {
    expect(pickLanguage('sv;q=0.5, da;q=0.5')).toBe('sv');
  });

  it('falls back to English when nothing matches', () => {
    expect(pickLanguage()).toBe('en');
    expect(pickLanguage(null, undefined, '')).toBe('en');
    expect(pickLanguage('fr-FR, es;q=0.8', 'ja')).toBe('en');
    expect(pickLanguage('constructor', '__proto__')).toBe('en');
  });

  it('ignores malformed entries instead of failing', () => {
    expect(pickLanguage(',,;q=1, ;, de;q=abc, sv')).toBe('sv');
  });
});
