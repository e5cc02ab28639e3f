import { ScimError } from '../../../src/platform/errors/scim-error';
import { MAX_PATH_LENGTH, parsePath } from '../../../src/scim/patch/parse-path';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parsePath', () => {
  it('parses an attribute and a sub-attribute as one attrPath', () => {
    expect(parsePath('name.givenName')).toEqual({ attributePath: 'name.givenName' });
  });

  it("parses Entra's valuePath with a trailing sub-attribute", () => {
    expect(parsePath('emails[type eq "work"].value')).toEqual({
      attributePath: 'emails',
      filter: { kind: 'compare', attribute: 'type', operator: 'eq', value: 'work' },
      subAttribute: 'value',
    });
  });

  it('parses a valuePath without a sub-attribute', () => {
    expect(parsePath('members[value eq "2819c223"]')).toEqual({
      attributePath: 'members',
      filter: { kind: 'compare', attribute: 'value', operator: 'eq', value: '2819c223' },
    });
  });

  it('keeps a URN-qualified attribute and sub-attribute together, dots in the URN included', () => {
    expect(parsePath(`${ENTERPRISE}:manager`)).toEqual({ attributePath: `${ENTERPRISE}:manager` });
    expect(parsePath(`${ENTERPRISE}:manager.value`)).toEqual({
      attributePath: `${ENTERPRISE}:manager.value`,
    });
  });

  it('parses and, or, not, pr and grouping with the RFC precedence (and binds tighter than or)', () => {
    expect(
      parsePath('emails[type eq "work" or type eq "home" and not (primary eq true)]').filter,
    ).toEqual({
      kind: 'or',
      left: { kind: 'compare', attribute: 'type', operator: 'eq', value: 'work' },
      right: {
        kind: 'and',
        left: { kind: 'compare', attribute: 'type', operator: 'eq', value: 'home' },
        right: {
          kind: 'not',
          filter: { kind: 'compare', attribute: 'primary', operator: 'eq', value: true },
        },
      },
    });
    expect(parsePath('emails[value PR]').filter).toEqual({ kind: 'present', attribute: 'value' });
  });

  it('reads operators and keywords in any case, and numbers, null and escaped strings as literals', () => {
    expect(parsePath('emails[type EQ "a\\"]b"]').filter).toEqual({
      kind: 'compare',
      attribute: 'type',
      operator: 'eq',
      value: 'a"]b',
    });
    expect(parsePath('x509Certificates[value Ne null]').filter).toMatchObject({
      operator: 'ne',
      value: null,
    });
    expect(parsePath('roles[value gt 10.5]').filter).toMatchObject({ operator: 'gt', value: 10.5 });
  });

  it.each([
    ['an empty path', ''],
    ['an unclosed filter', 'emails[type eq "work"'],
    ['a bare word as a value', 'emails[type eq work]'],
    ['an unknown operator', 'emails[type like "work"]'],
    ['a filter on a sub-attribute', 'name.givenName[value eq "x"]'],
    ['two filters', 'emails[type eq "a"][type eq "b"]'],
    ['nested brackets', 'emails[type[value eq "x"] eq "a"]'],
    ['three levels of names', 'name.givenName.first'],
    ['a colon outside a URN', 'core:userName'],
    ['a name starting with a digit', '2fa'],
    ['a reserved name', 'constructor'],
    ['a reserved name in a URN', 'urn:ietf:params:__proto__:User:x'],
    ['a path longer than the limit', `a${'b'.repeat(MAX_PATH_LENGTH)}`],
    [
      'filters nested deeper than the limit',
      `emails[${'not ('.repeat(12)}type eq "x"${')'.repeat(12)}]`,
    ],
  ])('refuses %s with 400 invalidPath', (_case, path) => {
    expect(() => parsePath(path)).toThrow(ScimError);
    try {
      parsePath(path);
    } catch (error) {
      expect((error as ScimError).scimType).toBe('invalidPath');
      expect((error as ScimError).status).toBe(400);
    }
  });
});
