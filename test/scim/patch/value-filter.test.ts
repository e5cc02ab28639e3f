import { parsePath } from '../../../src/scim/patch/parse-path';
import type { ValueFilter } from '../../../src/scim/patch/types';
import { equalityAssignments, matchesValueFilter } from '../../../src/scim/patch/value-filter';
import type { AttributeDefinition } from '../../../src/scim/schemas/types';

function sub(
  name: string,
  type: AttributeDefinition['type'],
  caseExact = false,
): AttributeDefinition {
  return {
    name,
    type,
    caseExact,
    multiValued: false,
    required: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
  };
}

const definitions = [
  sub('value', 'string'),
  sub('type', 'string'),
  sub('primary', 'boolean'),
  sub('token', 'string', true),
  sub('since', 'dateTime'),
  sub('weight', 'decimal'),
];
const lookup = (name: string) =>
  definitions.find((d) => d.name.toLowerCase() === name.toLowerCase());

function filterOf(text: string): ValueFilter {
  const { filter } = parsePath(`emails[${text}]`);
  if (!filter) throw new Error('no filter');
  return filter;
}

const element = {
  value: 'BJensen@Example.com',
  type: 'work',
  primary: true,
  token: 'AbC',
  since: '2024-03-01T10:00:00Z',
  weight: 2.5,
};

describe('matchesValueFilter', () => {
  it.each([
    ['value eq "bjensen@example.com"', true],
    ['value co "EXAMPLE"', true],
    ['value sw "bjensen"', true],
    ['value ew ".COM"', true],
    ['value ne "someone@else.com"', true],
    ['type eq "Work" and primary eq true', true],
    ['type eq "home" or primary eq true', true],
    ['not (type eq "work")', false],
    ['value pr', true],
    ['display pr', false],
    ['display eq null', true],
    ['display ne "x"', true],
    ['primary eq false', false],
    ['value gt "a"', true],
    ['value lt "a"', false],
  ])('compares case-insensitively where caseExact is false: %s → %s', (text, expected) => {
    expect(matchesValueFilter(filterOf(text), element, lookup)).toBe(expected);
  });

  it.each([
    ['token eq "AbC"', true],
    ['token eq "abc"', false],
    ['token sw "a"', false],
  ])('compares exactly where caseExact is true: %s → %s', (text, expected) => {
    expect(matchesValueFilter(filterOf(text), element, lookup)).toBe(expected);
  });

  it.each([
    ['since gt "2024-01-01T00:00:00Z"', true],
    ['since eq "2024-03-01T11:00:00+01:00"', true],
    ['since le "2024-02-29T23:59:59Z"', false],
    ['weight ge 2.5', true],
    ['weight lt 2', false],
  ])('orders dateTime values as instants and numbers as numbers: %s → %s', (text, expected) => {
    expect(matchesValueFilter(filterOf(text), element, lookup)).toBe(expected);
  });

  it('matches a multi-valued sub-attribute when any of its values matches', () => {
    expect(matchesValueFilter(filterOf('type eq "b"'), { type: ['a', 'B'] }, lookup)).toBe(true);
  });

  it('compares the element itself for a simple multi-valued attribute through "value"', () => {
    const simple = (name: string) => (name === 'value' ? sub('value', 'string') : undefined);
    expect(matchesValueFilter(filterOf('value eq "ADMIN"'), 'admin', simple)).toBe(true);
    expect(matchesValueFilter(filterOf('type eq "admin"'), 'admin', simple)).toBe(false);
  });
});

describe('equalityAssignments', () => {
  it('returns the values a conjunction of eq comparisons pins down, under canonical names', () => {
    expect(equalityAssignments(filterOf('TYPE eq "work" and primary eq true'), lookup)).toEqual({
      type: 'work',
      primary: true,
    });
  });

  it('returns undefined for filters that do not describe one value', () => {
    expect(
      equalityAssignments(filterOf('type eq "work" or type eq "home"'), lookup),
    ).toBeUndefined();
    expect(equalityAssignments(filterOf('value co "x"'), lookup)).toBeUndefined();
    expect(equalityAssignments(filterOf('not (type eq "work")'), lookup)).toBeUndefined();
  });
});
