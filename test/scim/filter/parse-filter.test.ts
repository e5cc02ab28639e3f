import { ScimError } from '../../../src/platform/errors/scim-error';
import type { FilterNode } from '../../../src/scim/filter/filter-node';
import { parseFilter } from '../../../src/scim/filter/parse-filter';

const LIMITS = { maxLength: 4096, maxDepth: 16 };
const parse = (text: string): FilterNode => parseFilter(text, LIMITS);

function invalidFilterMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    return (error as Error).message;
  }
  throw new Error('expected a 400 invalidFilter');
}

describe('parseFilter: RFC 7644 §3.4.2.2 grammar', () => {
  it('parses a comparison into {op, attrPath, value}', () => {
    expect(parse('userName eq "bjensen"')).toEqual({
      op: 'eq',
      attrPath: 'userName',
      value: 'bjensen',
    });
  });

  it('reads operators and logical words in any case', () => {
    expect(parse('userName EQ "a" AND title Pr OR active eQ true')).toEqual({
      op: 'or',
      filters: [
        {
          op: 'and',
          filters: [
            { op: 'eq', attrPath: 'userName', value: 'a' },
            { op: 'pr', attrPath: 'title' },
          ],
        },
        { op: 'eq', attrPath: 'active', value: true },
      ],
    });
  });

  it('binds and tighter than or, on either side', () => {
    expect(parse('a pr or b pr and c pr')).toEqual({
      op: 'or',
      filters: [
        { op: 'pr', attrPath: 'a' },
        {
          op: 'and',
          filters: [
            { op: 'pr', attrPath: 'b' },
            { op: 'pr', attrPath: 'c' },
          ],
        },
      ],
    });
    expect(parse('a pr and b pr or c pr')).toEqual({
      op: 'or',
      filters: [
        {
          op: 'and',
          filters: [
            { op: 'pr', attrPath: 'a' },
            { op: 'pr', attrPath: 'b' },
          ],
        },
        { op: 'pr', attrPath: 'c' },
      ],
    });
  });

  it('lets parentheses override precedence', () => {
    expect(parse('(a pr or b pr) and c pr')).toEqual({
      op: 'and',
      filters: [
        {
          op: 'or',
          filters: [
            { op: 'pr', attrPath: 'a' },
            { op: 'pr', attrPath: 'b' },
          ],
        },
        { op: 'pr', attrPath: 'c' },
      ],
    });
    expect(parse('((userName eq "x"))')).toEqual({ op: 'eq', attrPath: 'userName', value: 'x' });
  });

  it('parses not (…) as a not node that binds only its parenthesized filter', () => {
    expect(parse('not (a pr or b pr) and c pr')).toEqual({
      op: 'and',
      filters: [
        {
          op: 'not',
          filter: {
            op: 'or',
            filters: [
              { op: 'pr', attrPath: 'a' },
              { op: 'pr', attrPath: 'b' },
            ],
          },
        },
        { op: 'pr', attrPath: 'c' },
      ],
    });
    expect(parse('NOT (a pr)')).toEqual({ op: 'not', filter: { op: 'pr', attrPath: 'a' } });
  });

  it('parses a value path with a logical filter inside', () => {
    expect(parse('emails[type eq "work" and value co "@example.com"]')).toEqual({
      op: 'valuePath',
      attrPath: 'emails',
      filter: {
        op: 'and',
        filters: [
          { op: 'eq', attrPath: 'type', value: 'work' },
          { op: 'co', attrPath: 'value', value: '@example.com' },
        ],
      },
    });
  });

  it('keeps sub-attribute and URN-qualified paths whole', () => {
    expect(parse('name.familyName co "O\'Malley"')).toEqual({
      op: 'co',
      attrPath: 'name.familyName',
      value: "O'Malley",
    });
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber';
    expect(parse(`${urn} eq "701984"`)).toEqual({ op: 'eq', attrPath: urn, value: '701984' });
    expect(parse('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName pr')).toEqual({
      op: 'pr',
      attrPath: 'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
    });
  });

  it('reads true, false and null (in any case) and numbers as JSON values', () => {
    expect(parse('active eq true')).toMatchObject({ value: true });
    expect(parse('active eq FALSE')).toMatchObject({ value: false });
    expect(parse('title eq Null')).toMatchObject({ value: null });
    expect(parse('x gt 1.5e3')).toMatchObject({ value: 1500 });
    expect(parse('x gt -5 and y lt -0.5')).toEqual({
      op: 'and',
      filters: [
        { op: 'gt', attrPath: 'x', value: -5 },
        { op: 'lt', attrPath: 'y', value: -0.5 },
      ],
    });
    expect(parse('x eq -0')).toMatchObject({ value: 0 });
  });

  it('decodes quoted strings exactly as JSON (escaped quote, backslash, \\n, \\u)', () => {
    expect(parse(String.raw`userName eq "a\"b"`)).toMatchObject({ value: 'a"b' });
    expect(parse(String.raw`userName eq "DOMAIN\\bjensen"`)).toMatchObject({
      value: 'DOMAIN\\bjensen',
    });
    expect(parse(String.raw`userName eq "ends with \\"`)).toMatchObject({ value: 'ends with \\' });
    expect(parse(String.raw`userName eq "a\nb\u0041\/"`)).toMatchObject({ value: 'a\nbA/' });
    expect(parse('userName eq "Zoë 日本"')).toMatchObject({ value: 'Zoë 日本' });
  });

  it('keeps an injection attempt inside one string literal', () => {
    expect(parse(String.raw`userName eq "a\" or \"\" eq \""`)).toEqual({
      op: 'eq',
      attrPath: 'userName',
      value: 'a" or "" eq "',
    });
  });
});

describe('parseFilter: refusals are 400 invalidFilter', () => {
  it.each([
    ['an empty filter', '   '],
    ['a missing value', 'userName eq'],
    ['an unknown operator', 'userName like "x"'],
    ['a bare word as value', 'userName eq bjensen'],
    ['an unterminated string', 'userName eq "abc'],
    ['an invalid JSON escape', String.raw`userName eq "a\qb"`],
    ['a raw line break in a string', 'userName eq "a\nb"'],
    ['an unbalanced parenthesis', '(userName eq "a"'],
    ['an extra closing parenthesis', 'userName eq "a")'],
    ['an unclosed value path', 'emails[type eq "work"'],
    ['a trailing operator', 'userName eq "a" and'],
    ['two expressions without and/or', 'userName eq "a" title pr'],
    ['a $-prefixed attribute name', '$where eq "1"'],
    ['an object as value', 'userName eq {"$ne": 1}'],
    ['a leading-zero number', 'x eq 01'],
    ['a number out of range', 'x eq 1e400'],
    ['a nested value path', 'emails[type[value pr]]'],
    ['a value path with a sub-attribute and no comparison', 'emails[type eq "work"].value'],
  ])('refuses %s', (_name, text) => {
    expect(invalidFilterMessage(() => parse(text))).toMatch(/^Invalid filter/);
  });

  it('reads Entra\'s emails[type eq "work"].value eq "x" as one element matching both conditions', () => {
    expect(parse('emails[type eq "work"].value eq "x@y.z"')).toEqual({
      op: 'valuePath',
      attrPath: 'emails',
      filter: {
        op: 'and',
        filters: [
          { op: 'eq', attrPath: 'type', value: 'work' },
          { op: 'eq', attrPath: 'value', value: 'x@y.z' },
        ],
      },
    });
  });

  it('refuses a filter longer than maxLength before parsing it', () => {
    const text = `userName eq "${'a'.repeat(100)}"`;
    expect(invalidFilterMessage(() => parseFilter(text, { maxLength: 50, maxDepth: 10 }))).toMatch(
      /longer than 50/,
    );
  });

  it('refuses a filter nested deeper than maxDepth', () => {
    const text = 'not (not (not (a pr)))';
    expect(parseFilter(text, { maxLength: 100, maxDepth: 4 })).toBeDefined();
    expect(invalidFilterMessage(() => parseFilter(text, { maxLength: 100, maxDepth: 3 }))).toMatch(
      /deeper than 3/,
    );
  });

  it('refuses pathological parenthesis nesting without crashing', () => {
    const text = `${'('.repeat(5000)}a pr${')'.repeat(5000)}`;
    expect(
      invalidFilterMessage(() => parseFilter(text, { maxLength: 20000, maxDepth: 32 })),
    ).toMatch(/^Invalid filter/);
  });

  it('names the offending token in the message', () => {
    expect(invalidFilterMessage(() => parse('userName eq "a")'))).toContain('")"');
    expect(invalidFilterMessage(() => parse('userName eq bjensen'))).toContain('quoted string');
  });
});
