import type { SchemaObject } from 'ajv';
import { COMMON_ATTRIBUTES } from './schema-definitions';
import type { AttributeDefinition, SchemaDefinition } from './types';

/** Upper bound on any string value, so one request cannot store megabytes in one attribute. */
export const MAX_STRING_LENGTH = 65_536;
/** Upper bound on the values of one multi-valued attribute. */
export const MAX_MULTI_VALUED_ITEMS = 1_000;

const MAX_DATE_TIME_LENGTH = 64;
const MAX_SCHEMA_URN_LENGTH = 1_024;
/** RFC 7643 §2.3.6: binary values are base64 (RFC 4648 §4); line breaks are tolerated. */
const BASE64_PATTERN = '^[A-Za-z0-9+/\\r\\n]*={0,2}[\\r\\n]*$';

/** RFC 7643 §7: a JSON Schema for the attributes one SCIM schema defines (canonical names). */
export function toJsonSchema(definition: SchemaDefinition): SchemaObject {
  return objectSchema(definition.attributes);
}

/** An extension schema as it appears on a resource type (RFC 7643 §6). */
export interface ExtensionSchema {
  definition: SchemaDefinition;
  required: boolean;
}

/**
 * RFC 7643 §3: a JSON Schema for a whole normalized resource: `schemas`, the writable common
 * attributes, the core attributes and each extension as an object keyed by its URN.
 */
export function toResourceJsonSchema(
  core: SchemaDefinition,
  extensions: readonly ExtensionSchema[],
): SchemaObject {
  const writableCommon = COMMON_ATTRIBUTES.filter((a) => a.mutability !== 'readOnly');
  const schema = objectSchema([...writableCommon, ...core.attributes]);
  const properties = schema.properties as Record<string, SchemaObject>;
  const required = ['schemas', ...((schema.required as string[] | undefined) ?? [])];
  properties.schemas = {
    type: 'array',
    minItems: 1,
    maxItems: 1 + extensions.length,
    uniqueItems: true,
    items: { type: 'string', maxLength: MAX_SCHEMA_URN_LENGTH },
  };
  for (const extension of extensions) {
    properties[extension.definition.id] = toJsonSchema(extension.definition);
    if (extension.required) required.push(extension.definition.id);
  }
  return { ...schema, properties, required };
}

function objectSchema(attributes: readonly AttributeDefinition[]): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  const required: string[] = [];
  for (const attribute of attributes) {
    properties[attribute.name] = attributeSchema(attribute);
    // A readOnly attribute is never in a request, so it cannot be required there.
    if (attribute.required && attribute.mutability !== 'readOnly') required.push(attribute.name);
  }
  const schema: SchemaObject = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

function attributeSchema(attribute: AttributeDefinition): SchemaObject {
  const single = valueSchema(attribute);
  if (!attribute.multiValued) return single;
  return { type: 'array', maxItems: MAX_MULTI_VALUED_ITEMS, items: single };
}

/** RFC 7643 §2.3: one JSON Schema per SCIM data type. */
function valueSchema(attribute: AttributeDefinition): SchemaObject {
  switch (attribute.type) {
    case 'string': {
      const schema: SchemaObject = { type: 'string', maxLength: MAX_STRING_LENGTH };
      // RFC 7643 §4.1.1: a required string (userName, displayName) must be non-empty.
      if (attribute.required) schema.minLength = 1;
      return schema;
    }
    case 'reference':
      return { type: 'string', maxLength: MAX_STRING_LENGTH };
    case 'binary':
      return { type: 'string', maxLength: MAX_STRING_LENGTH, pattern: BASE64_PATTERN };
    case 'dateTime':
      return { type: 'string', maxLength: MAX_DATE_TIME_LENGTH, format: 'iso-date-time' };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'number' };
    case 'complex':
      return objectSchema(attribute.subAttributes ?? []);
  }
}
