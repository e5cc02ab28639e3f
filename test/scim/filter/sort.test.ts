import { ScimError } from '../../../src/platform/errors/scim-error';
import { translateSort } from '../../../src/scim/filter/sort';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';

const registry = createSchemaRegistry();
const users = { registry, resourceType: 'User' as const };
const groups = { registry, resourceType: 'Group' as const };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    return (error as Error).message;
  }
  throw new Error('expected a 400 invalidValue');
}

describe('translateSort (RFC 7644 §3.4.2.3)', () => {
  it('without sortBy, orders by _id alone and ignores sortOrder', () => {
    expect(translateSort(undefined, undefined, users)).toEqual({ _id: 1 });
    expect(translateSort('', 'descending', users)).toEqual({ _id: 1 });
  });

  it('sorts a case-insensitive string by its shadow, ascending by default, _id breaking ties', () => {
    const sort = translateSort('userName', undefined, users);
    expect(sort).toEqual({ userName_lc: 1, _id: 1 });
    expect(Object.keys(sort)).toEqual(['userName_lc', '_id']);
  });

  it('accepts ascending and descending in any case', () => {
    expect(translateSort('name.familyName', 'descending', users)).toEqual({
      'name.familyName_lc': -1,
      _id: 1,
    });
    expect(translateSort('name.familyName', 'Ascending', users)).toEqual({
      'name.familyName_lc': 1,
      _id: 1,
    });
  });

  it('sorts case-exact strings, dates and booleans on the field itself', () => {
    expect(translateSort('externalId', undefined, users)).toEqual({ externalId: 1, _id: 1 });
    expect(translateSort('meta.lastModified', 'descending', users)).toEqual({
      'meta.lastModified': -1,
      _id: 1,
    });
    expect(translateSort('active', undefined, users)).toEqual({ active: 1, _id: 1 });
  });

  it('sorts by id as _id alone', () => {
    expect(translateSort('id', 'descending', users)).toEqual({ _id: -1 });
  });

  it('sorts a multi-valued complex attribute by its value sub-attribute', () => {
    expect(translateSort('emails', undefined, users)).toEqual({ 'emails.value_lc': 1, _id: 1 });
  });

  it('resolves URN-qualified and extension attributes', () => {
    expect(
      translateSort(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
        undefined,
        users,
      ),
    ).toEqual({
      'enterprise.employeeNumber_lc': 1,
      _id: 1,
    });
    expect(translateSort('displayName', undefined, groups)).toEqual({ displayName_lc: 1, _id: 1 });
  });

  it.each([
    ['an unknown attribute', 'shoeSize', /"shoeSize" is not an attribute of User/],
    ['the password', 'password', /never returned/],
    ['a single-valued complex attribute', 'name', /name a sub-attribute/],
    ['User groups', 'groups', /search Groups by members/],
  ])('refuses %s with 400 invalidValue', (_name, sortBy, message) => {
    expect(refusal(() => translateSort(sortBy, undefined, users))).toMatch(message);
  });

  it('refuses Group members, which are stored apart', () => {
    expect(refusal(() => translateSort('members', undefined, groups))).toMatch(/members/);
  });

  it('refuses a sortOrder other than ascending or descending', () => {
    expect(refusal(() => translateSort('userName', 'up', users))).toMatch(/sortOrder must be/);
    expect(refusal(() => translateSort(undefined, 'sideways', users))).toMatch(/sortOrder must be/);
  });
});
