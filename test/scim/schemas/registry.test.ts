import { toJsonSchema } from '../../../src/scim/schemas/json-schema';
import { createSchemaRegistry, findAttribute } from '../../../src/scim/schemas/registry';
import type { AttributeDefinition } from '../../../src/scim/schemas/types';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const registry = createSchemaRegistry();

function attribute(schemaId: string, name: string): AttributeDefinition {
  const found = findAttribute(registry.schema(schemaId)?.attributes, name);
  if (found === undefined) throw new Error(`${schemaId} has no ${name}`);
  return found;
}

describe('schema representations (RFC 7643 §8.7)', () => {
  it('publishes the six schemas and the User and Group resource types', () => {
    expect(registry.schemas().map((s) => s.name)).toEqual([
      'User',
      'EnterpriseUser',
      'Group',
      'Service Provider Configuration',
      'ResourceType',
      'Schema',
    ]);
    expect(registry.resourceTypes().map((t) => [t.id, t.endpoint])).toEqual([
      ['User', '/Users'],
      ['Group', '/Groups'],
    ]);
    expect(registry.resourceType('User').schemaExtensions).toEqual([
      { schema: ENTERPRISE, required: false },
    ]);
  });

  it('lists every User core attribute of RFC 7643 §4.1 except id', () => {
    expect(registry.schema(CORE_USER)?.attributes.map((a) => a.name)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
  });

  it('makes the password writeOnly and never returned, and groups readOnly', () => {
    expect(attribute(CORE_USER, 'password')).toMatchObject({
      mutability: 'writeOnly',
      returned: 'never',
    });
    const groups = attribute(CORE_USER, 'groups');
    expect(groups.mutability).toBe('readOnly');
    expect(groups.subAttributes?.every((s) => s.mutability === 'readOnly')).toBe(true);
  });

  it('gives userName server uniqueness, case-insensitively', () => {
    expect(attribute(CORE_USER, 'userName')).toMatchObject({
      required: true,
      caseExact: false,
      uniqueness: 'server',
    });
  });

  it('describes the enterprise manager with value, $ref and a readOnly displayName', () => {
    const manager = attribute(ENTERPRISE, 'manager');
    expect(manager.subAttributes?.map((s) => [s.name, s.mutability])).toEqual([
      ['value', 'readWrite'],
      ['$ref', 'readWrite'],
      ['displayName', 'readOnly'],
    ]);
  });

  it('describes group members with the canonical types User and Group', () => {
    const members = attribute(CORE_GROUP, 'members');
    expect(members.subAttributes?.map((s) => s.name)).toEqual(['value', '$ref', 'display', 'type']);
    expect(findAttribute(members.subAttributes, 'type')?.canonicalValues).toEqual([
      'User',
      'Group',
    ]);
  });

  it('looks schemas up by URN regardless of case and freezes them', () => {
    const schema = registry.schema(ENTERPRISE.toUpperCase());
    expect(schema?.id).toBe(ENTERPRISE);
    expect(Object.isFrozen(schema?.attributes[0])).toBe(true);
  });
});

describe('toJsonSchema', () => {
  it('turns a SCIM schema into a closed JSON Schema with bounds and required attributes', () => {
    const group = registry.schema(CORE_GROUP);
    if (group === undefined) throw new Error('no Group schema');
    expect(toJsonSchema(group)).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['displayName'],
      properties: {
        displayName: { type: 'string', minLength: 1, maxLength: 65536 },
        members: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'object', additionalProperties: false, required: ['value'] },
        },
      },
    });
  });
});

describe('resolve (RFC 7644 §3.10)', () => {
  it('resolves attribute names case-insensitively to their canonical name', () => {
    expect(registry.resolve('User', 'USERNAME')).toMatchObject({
      schemaId: CORE_USER,
      extension: false,
      canonicalPath: 'userName',
      storedField: 'userName',
    });
  });

  it('resolves sub-attributes of complex and multi-valued attributes', () => {
    expect(registry.resolve('User', 'name.GivenName')).toMatchObject({
      canonicalPath: 'name.givenName',
      storedField: 'name.givenName',
      subAttribute: { name: 'givenName' },
    });
    expect(registry.resolve('User', 'emails.value')?.storedField).toBe('emails.value');
  });

  it('resolves a multi-valued complex attribute named alone to the attribute', () => {
    const emails = registry.resolve('User', 'emails');
    expect(emails?.attribute.multiValued).toBe(true);
    expect(emails?.subAttribute).toBeUndefined();
    expect(emails?.canonicalPath).toBe('emails');
  });

  it('resolves URN-qualified core attributes', () => {
    expect(registry.resolve('User', `${CORE_USER}:userName`)?.canonicalPath).toBe('userName');
    expect(registry.resolve('Group', `${CORE_GROUP.toLowerCase()}:displayName`)?.storedField).toBe(
      'displayName',
    );
  });

  it('resolves enterprise extension attributes to their alias in storage', () => {
    expect(registry.resolve('User', `${ENTERPRISE}:manager.value`)).toMatchObject({
      schemaId: ENTERPRISE,
      extension: true,
      canonicalPath: `${ENTERPRISE}:manager.value`,
      storedField: 'enterprise.manager.value',
    });
    expect(registry.resolve('User', `${ENTERPRISE}:EMPLOYEENUMBER`)?.storedField).toBe(
      'enterprise.employeeNumber',
    );
  });

  it('resolves an unqualified extension attribute when the core schema has no such name', () => {
    expect(registry.resolve('User', 'department')?.storedField).toBe('enterprise.department');
  });

  it('resolves the common attributes id, externalId and meta dates for filters and sorts', () => {
    expect(registry.resolve('User', 'id')).toMatchObject({ storedField: '_id' });
    expect(registry.resolve('User', 'id')?.attribute.mutability).toBe('readOnly');
    expect(registry.resolve('Group', 'EXTERNALID')?.attribute).toMatchObject({
      name: 'externalId',
      caseExact: true,
      mutability: 'readWrite',
    });
    expect(registry.resolve('User', 'meta.lastModified')).toMatchObject({
      canonicalPath: 'meta.lastModified',
      storedField: 'meta.lastModified',
    });
    expect(registry.resolve('Group', 'meta.created')?.subAttribute?.type).toBe('dateTime');
    expect(registry.resolve('User', 'meta.version')?.storedField).toBe('meta.version');
  });

  it('returns undefined for unknown attributes, sub-attributes and schemas', () => {
    expect(registry.resolve('User', 'shoeSize')).toBeUndefined();
    expect(registry.resolve('User', 'name.nickname')).toBeUndefined();
    expect(registry.resolve('User', 'userName.value')).toBeUndefined();
    expect(registry.resolve('User', 'emails.value.extra')).toBeUndefined();
    expect(registry.resolve('User', 'members')).toBeUndefined();
    expect(registry.resolve('Group', `${CORE_USER}:userName`)).toBeUndefined();
    expect(registry.resolve('User', 'urn:example:custom:2.0:User:userName')).toBeUndefined();
    expect(registry.resolve('User', ENTERPRISE)).toBeUndefined();
    expect(registry.resolve('User', '')).toBeUndefined();
    expect(registry.resolve('User', 'emails.')).toBeUndefined();
  });
});
