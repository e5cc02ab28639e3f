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

  it('sorts by the stored sort key after its presence marker, ascending by default, _id breaking ties', () => {
    const sort = translateSort('userName', undefined, users);
    expect(sort).toEqual({ '_sortPresent.userName': -1, '_sort.userName': 1, _id: 1 });
    expect(Object.keys(sort)).toEqual(['_sortPresent.userName', '_sort.userName', '_id']);
  });

  it('accepts ascending and descending in any case; descending reverses the whole order', () => {
    expect(translateSort('name.familyName', 'descending', users)).toEqual({
      '_sortPresent.name.familyName': 1,
      '_sort.name.familyName': -1,
      _id: -1,
    });
    expect(translateSort('name.familyName', 'Ascending', users)).toEqual({
      '_sortPresent.name.familyName': -1,
      '_sort.name.familyName': 1,
      _id: 1,
    });
  });

  it('sorts meta dates on the field itself, which every resource has', () => {
    expect(translateSort('meta.lastModified', 'descending', users)).toEqual({
      'meta.lastModified': -1,
      _id: -1,
    });
    expect(translateSort('active', undefined, users)).toEqual({
      '_sortPresent.active': -1,
      '_sort.active': 1,
      _id: 1,
    });
  });

  it('sorts by id as _id alone', () => {
    expect(translateSort('id', 'descending', users)).toEqual({ _id: -1 });
  });

  it('sorts a multi-valued complex attribute by its value sub-attribute', () => {
    expect(translateSort('emails', undefined, users)).toEqual({
      '_sortPresent.emails.value': -1,
      '_sort.emails.value': 1,
      _id: 1,
    });
  });

  it('resolves URN-qualified and extension attributes', () => {
    expect(
      translateSort(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
        undefined,
        users,
      ),
    ).toEqual({
      '_sortPresent.enterprise.employeeNumber': -1,
      '_sort.enterprise.employeeNumber': 1,
      _id: 1,
    });
    expect(translateSort('displayName', undefined, groups)).toEqual({
      '_sortPresent.displayName': -1,
      '_sort.displayName': 1,
      _id: 1,
    });
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
