import enterpriseUserJson from '../../../schemas/scim/EnterpriseUser.json';
import groupJson from '../../../schemas/scim/Group.json';
import resourceTypeJson from '../../../schemas/scim/ResourceType.json';
import resourceTypesJson from '../../../schemas/scim/resource-types.json';
import schemaJson from '../../../schemas/scim/Schema.json';
import serviceProviderConfigJson from '../../../schemas/scim/ServiceProviderConfig.json';
import userJson from '../../../schemas/scim/User.json';
import type {
  AttributeDefinition,
  AttributeType,
  ResourceTypeDefinition,
  SchemaDefinition,
} from './types';

const ATTRIBUTE_TYPES: readonly AttributeType[] = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'binary',
  'reference',
  'complex',
];
const MUTABILITIES = ['readOnly', 'readWrite', 'immutable', 'writeOnly'] as const;
const RETURNED = ['always', 'never', 'default', 'request'] as const;
const UNIQUENESS = ['none', 'server', 'global'] as const;

/** The schema representations this server publishes (RFC 7643 §8.7.1, §8.7.2). */
export interface LoadedDefinitions {
  schemas: readonly SchemaDefinition[];
  resourceTypes: readonly ResourceTypeDefinition[];
}

/** Reads and checks the JSON files under `schemas/scim/`; the result is deeply frozen. */
export function loadDefinitions(): LoadedDefinitions {
  const schemas = [
    userJson,
    enterpriseUserJson,
    groupJson,
    serviceProviderConfigJson,
    resourceTypeJson,
    schemaJson,
  ].map((json) => parseSchemaDefinition(json));
  const resourceTypes = parseResourceTypes(resourceTypesJson);
  return deepFreeze({ schemas, resourceTypes });
}

/** RFC 7643 §3.1: common attributes of every resource, resolvable but not in any schema. */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = deepFreeze([
  common(
    'id',
    'string',
    'A unique identifier for the resource, assigned by the service provider.',
    {
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    },
  ),
  common('externalId', 'string', 'An identifier for the resource as defined by the client.', {
    caseExact: true,
  }),
  common('meta', 'complex', 'A complex attribute containing resource metadata.', {
    mutability: 'readOnly',
    subAttributes: [
      common('created', 'dateTime', 'The date and time the resource was added.', {
        mutability: 'readOnly',
      }),
      common('lastModified', 'dateTime', 'The date and time the resource was last modified.', {
        mutability: 'readOnly',
      }),
      common('version', 'string', 'The version of the resource (stored as a number).', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
  }),
]);

function common(
  name: string,
  type: AttributeType,
  description: string,
  overrides: Partial<AttributeDefinition>,
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  };
}

function parseSchemaDefinition(value: unknown): SchemaDefinition {
  const where = `schema ${isRecord(value) ? String(value.id) : '?'}`;
  if (!isRecord(value)) throw new Error(`${where}: not an object`);
  return {
    id: requireString(value, 'id', where),
    name: requireString(value, 'name', where),
    description: requireString(value, 'description', where),
    attributes: requireArray(value, 'attributes', where).map((a) => parseAttribute(a, where)),
  };
}

function parseAttribute(value: unknown, parent: string): AttributeDefinition {
  if (!isRecord(value)) throw new Error(`${parent}: attribute is not an object`);
  const where = `${parent} attribute ${String(value.name)}`;
  const attribute: AttributeDefinition = {
    name: requireString(value, 'name', where),
    type: requireOneOf(value, 'type', ATTRIBUTE_TYPES, where),
    multiValued: requireBoolean(value, 'multiValued', where),
    required: requireBoolean(value, 'required', where),
    caseExact: requireBoolean(value, 'caseExact', where),
    mutability: requireOneOf(value, 'mutability', MUTABILITIES, where),
    returned: requireOneOf(value, 'returned', RETURNED, where),
    uniqueness: requireOneOf(value, 'uniqueness', UNIQUENESS, where),
  };
  if (typeof value.description === 'string') attribute.description = value.description;
  if (value.canonicalValues !== undefined) {
    attribute.canonicalValues = requireStrings(value, 'canonicalValues', where);
  }
  if (value.referenceTypes !== undefined) {
    attribute.referenceTypes = requireStrings(value, 'referenceTypes', where);
  }
  if (attribute.type === 'complex') {
    attribute.subAttributes = requireArray(value, 'subAttributes', where).map((a) =>
      parseAttribute(a, where),
    );
  }
  return attribute;
}

function parseResourceTypes(value: unknown): ResourceTypeDefinition[] {
  if (!Array.isArray(value)) throw new Error('resource-types.json: not an array');
  return value.map((item: unknown): ResourceTypeDefinition => {
    if (!isRecord(item)) throw new Error('resource-types.json: entry is not an object');
    const where = `resource type ${String(item.id)}`;
    return {
      id: requireOneOf(item, 'id', ['User', 'Group'] as const, where),
      name: requireString(item, 'name', where),
      endpoint: requireString(item, 'endpoint', where),
      description: requireString(item, 'description', where),
      schema: requireString(item, 'schema', where),
      schemaExtensions: requireArray(item, 'schemaExtensions', where).map((ext) => {
        if (!isRecord(ext)) throw new Error(`${where}: schema extension is not an object`);
        return {
          schema: requireString(ext, 'schema', where),
          required: requireBoolean(ext, 'required', where),
        };
      }),
    };
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`${where}: ${key} must be a string`);
  return v;
}

function requireBoolean(o: Record<string, unknown>, key: string, where: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new Error(`${where}: ${key} must be a boolean`);
  return v;
}

function requireArray(o: Record<string, unknown>, key: string, where: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new Error(`${where}: ${key} must be an array`);
  return v;
}

function requireStrings(o: Record<string, unknown>, key: string, where: string): string[] {
  return requireArray(o, key, where).map((v) => {
    if (typeof v !== 'string') throw new Error(`${where}: ${key} must hold strings`);
    return v;
  });
}

function requireOneOf<T extends string>(
  o: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  where: string,
): T {
  const v = o[key];
  const match = allowed.find((a) => a === v);
  if (match === undefined) throw new Error(`${where}: ${key} must be one of ${allowed.join(', ')}`);
  return match;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
