import type { ScimResource } from './normalize-resource';
import { prepareCaseInsensitive } from './prepare-string';
import { resourceSchemas } from './registry';
import { COMMON_ATTRIBUTES, isRecord } from './schema-definitions';
import {
  LOWERCASE_SHADOW_SUFFIX,
  type AttributeDefinition,
  type ResourceTypeName,
  type SchemaRegistry,
} from './types';

/** The attribute part of a stored document (the repository adds `tenantId` and `meta`). */
export type StoredDocument = Record<string, unknown>;

const EXTERNAL_ID = Object.freeze(COMMON_ATTRIBUTES.filter((a) => a.name === 'externalId'));

/**
 * Maps a SCIM resource to its stored attributes per the convention in types.ts: `id` → `_id`,
 * extensions under their alias, a lower-cased `<name>_lc` shadow beside every string whose
 * caseExact is false. `schemas` and `meta` are not stored; writeOnly attributes never are.
 */
export function toStoredDocument(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
  resource: Readonly<Record<string, unknown>>,
): StoredDocument {
  const { core, extensions } = resourceSchemas(registry, resourceType);
  const byLowerKey = new Map(Object.entries(resource).map(([k, v]) => [k.toLowerCase(), v]));
  const stored: StoredDocument = {};
  const id = byLowerKey.get('id');
  if (typeof id === 'string') stored._id = id;
  writeAttributes(stored, [...EXTERNAL_ID, ...core.attributes], (name) =>
    byLowerKey.get(name.toLowerCase()),
  );
  for (const { definition, alias } of extensions) {
    const values = byLowerKey.get(definition.id.toLowerCase());
    const object = isRecord(values) ? storeObject(definition.attributes, values) : undefined;
    if (object !== undefined) stored[alias] = object;
  }
  return stored;
}

/**
 * Maps a stored document back to the SCIM representation: shadows and internal fields are
 * dropped (only schema attributes are read), `_id` → `id`, alias → extension URN. The caller
 * adds `meta`.
 */
export function fromStoredDocument(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
  doc: Readonly<Record<string, unknown>>,
): ScimResource {
  const { core, extensions } = resourceSchemas(registry, resourceType);
  const resource: ScimResource = { schemas: [core.id] };
  if (typeof doc._id === 'string' || typeof doc._id === 'number') resource.id = String(doc._id);
  Object.assign(resource, readObject([...EXTERNAL_ID, ...core.attributes], doc));
  for (const { definition, alias } of extensions) {
    const stored = doc[alias];
    const values = isRecord(stored) ? readObject(definition.attributes, stored) : undefined;
    if (values !== undefined) {
      resource.schemas.push(definition.id);
      resource[definition.id] = values;
    }
  }
  return resource;
}

function writeAttributes(
  target: StoredDocument,
  attributes: readonly AttributeDefinition[],
  valueOf: (name: string) => unknown,
): void {
  for (const attribute of attributes) {
    if (attribute.mutability === 'writeOnly') continue;
    const value = storeValue(attribute, valueOf(attribute.name));
    if (value === undefined) continue;
    target[storedName(attribute)] = value;
    const shadow = lowerCaseShadow(attribute, value);
    if (shadow !== undefined) target[attribute.name + LOWERCASE_SHADOW_SUFFIX] = shadow;
  }
}

/** MongoDB and FerretDB refuse field names starting with `$`: `$ref` is stored as `ref`. */
const storedName = (attribute: AttributeDefinition): string =>
  attribute.name.startsWith('$') ? attribute.name.slice(1) : attribute.name;

function storeObject(
  attributes: readonly AttributeDefinition[],
  source: Record<string, unknown>,
): StoredDocument | undefined {
  const lower = new Map(Object.entries(source).map(([k, v]) => [k.toLowerCase(), v]));
  const object: StoredDocument = {};
  writeAttributes(object, attributes, (name) => lower.get(name.toLowerCase()));
  return Object.keys(object).length > 0 ? object : undefined;
}

function storeValue(attribute: AttributeDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (attribute.multiValued) {
    if (!Array.isArray(value)) return undefined;
    const items = value
      .map((item: unknown) => storeSingle(attribute, item))
      .filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  return storeSingle(attribute, value);
}

function storeSingle(attribute: AttributeDefinition, value: unknown): unknown {
  if (attribute.type === 'dateTime' && value instanceof Date) return value;
  if (attribute.type !== 'complex') return isScalar(value) ? value : undefined;
  return isRecord(value) ? storeObject(attribute.subAttributes ?? [], value) : undefined;
}

/** The `_lc` shadow of a case-insensitive string attribute (an array when multi-valued), prepared. */
function lowerCaseShadow(attribute: AttributeDefinition, value: unknown): unknown {
  if (attribute.type !== 'string' || attribute.caseExact) return undefined;
  if (typeof value === 'string') return prepareCaseInsensitive(value);
  if (Array.isArray(value)) {
    return value.map((item: unknown) =>
      typeof item === 'string' ? prepareCaseInsensitive(item) : item,
    );
  }
  return undefined;
}

function readObject(
  attributes: readonly AttributeDefinition[],
  source: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const object: Record<string, unknown> = {};
  for (const attribute of attributes) {
    // RFC 7643 §7: a returned "never" attribute (the password) never leaves the server.
    const name = storedName(attribute);
    if (attribute.returned === 'never' || !Object.hasOwn(source, name)) continue;
    const value = readValue(attribute, source[name]);
    if (value !== undefined) object[attribute.name] = value;
  }
  return Object.keys(object).length > 0 ? object : undefined;
}

function readValue(attribute: AttributeDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (attribute.multiValued) {
    if (!Array.isArray(value)) return undefined;
    const items = value
      .map((item: unknown) => readSingle(attribute, item))
      .filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  return readSingle(attribute, value);
}

function readSingle(attribute: AttributeDefinition, value: unknown): unknown {
  if (attribute.type === 'complex') {
    return isRecord(value) ? readObject(attribute.subAttributes ?? [], value) : undefined;
  }
  // RFC 7643 §2.3.5: a dateTime is returned as an xsd:dateTime string.
  if (value instanceof Date) return value.toISOString();
  return isScalar(value) ? value : undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
