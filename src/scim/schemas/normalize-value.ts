import { ScimError } from '../../platform/errors/scim-error';
import { prepareCaseInsensitive } from './prepare-string';
import { findAttribute } from './registry';
import { isRecord } from './schema-definitions';
import type { AttributeDefinition } from './types';

/** A value a client gave for an attribute, with the path used in error messages. */
export interface AttributeEntry {
  value: unknown;
  path: string;
}

/** Values given by a client, keyed by the canonical name of the attribute they belong to. */
export type AttributeEntries = Map<string, AttributeEntry>;

/** RFC 7644 §3.3: keys an attacker uses to pollute prototypes; refused wherever they appear. */
const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Refuses a body holding a prototype-polluting key at any depth. */
export function assertNoForbiddenKeys(root: unknown): void {
  const seen = new WeakSet<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (FORBIDDEN_KEYS.includes(key)) {
        throw new ScimError(400, 'invalidValue', `The key '${key}' is not allowed in a resource`);
      }
      pending.push(value);
    }
  }
}

/**
 * Records a client's value under the attribute's canonical name; a second value is an error.
 * RFC 7644 §3.3: values of readOnly attributes are ignored, so they are not recorded at all.
 */
export function addEntry(
  entries: AttributeEntries,
  attribute: AttributeDefinition,
  value: unknown,
  path: string,
): void {
  if (attribute.mutability === 'readOnly') return;
  if (entries.has(attribute.name)) {
    throw new ScimError(400, 'invalidValue', `Attribute '${path}' is given more than once`);
  }
  entries.set(attribute.name, { value, path });
}

/** RFC 7643 §2.1: matches the keys of a client object to attributes, case-insensitively. */
export function collectEntries(
  attributes: readonly AttributeDefinition[],
  source: Record<string, unknown>,
  pathPrefix: string,
  entries: AttributeEntries = new Map(),
): AttributeEntries {
  for (const [key, value] of Object.entries(source)) {
    const attribute = findAttribute(attributes, key);
    // RFC 7644 §3.3: attributes the schema does not define are ignored.
    if (attribute !== undefined) addEntry(entries, attribute, value, pathPrefix + attribute.name);
  }
  return entries;
}

/**
 * RFC 7643 §2: builds the canonical object for the given attributes, in schema order; readOnly
 * attributes are dropped (RFC 7644 §3.3), unassigned ones omitted (RFC 7643 §2.5). Undefined
 * when nothing is left.
 */
export function normalizeObject(
  attributes: readonly AttributeDefinition[],
  entries: AttributeEntries,
  pathPrefix: string,
  requiredContext = '',
): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const entry = entries.get(attribute.name);
    const value = entry === undefined ? undefined : normalizeAttribute(attribute, entry);
    if (value !== undefined) result[attribute.name] = value;
    else if (attribute.required) {
      const path = pathPrefix + attribute.name;
      throw new ScimError(400, 'invalidValue', `Attribute '${path}' is required${requiredContext}`);
    }
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** RFC 7643 §2.5: null and [] mean unassigned, returned as undefined. */
function normalizeAttribute(attribute: AttributeDefinition, entry: AttributeEntry): unknown {
  const { value, path } = entry;
  if (value === null) return undefined;
  if (!attribute.multiValued) return normalizeSingle(attribute, value, path);
  if (!Array.isArray(value)) {
    throw new ScimError(400, 'invalidValue', `Attribute '${path}' must be an array`);
  }
  const items: unknown[] = [];
  value.forEach((item: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    if (item === null) {
      throw new ScimError(400, 'invalidValue', `Attribute '${itemPath}' must not be null`);
    }
    const normalized = normalizeSingle(attribute, item, itemPath);
    if (normalized !== undefined) items.push(normalized);
  });
  const distinct = withoutRepeats(attribute, items);
  if (attribute.type === 'complex') assertOnePrimary(distinct, path);
  return distinct.length > 0 ? distinct : undefined;
}

/**
 * RFC 7643 §2.4: a service provider "SHOULD NOT return the same (type, value) combination more
 * than once", so a repeat is dropped when stored; a repeat marked primary replaces the earlier one.
 */
function withoutRepeats(attribute: AttributeDefinition, items: readonly unknown[]): unknown[] {
  const fold = (text: unknown, caseExact: boolean | undefined) =>
    typeof text === 'string' && !caseExact ? prepareCaseInsensitive(text) : text;
  const valueOf = findAttribute(attribute.subAttributes, 'value');
  const typeOf = findAttribute(attribute.subAttributes, 'type');
  // Values without a `value` (addresses) repeat only when every sub-attribute does.
  const keyOf = (item: unknown) =>
    JSON.stringify(
      !isRecord(item)
        ? fold(item, attribute.caseExact)
        : item.value === undefined
          ? item
          : [fold(item.type, typeOf?.caseExact), fold(item.value, valueOf?.caseExact), item.$ref],
    );
  const kept: unknown[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, kept.push(item) - 1);
    else if (isRecord(item) && item.primary === true) kept[earlier] = item;
  }
  return kept;
}

/** RFC 7643 §2.3: checks (and for booleans, coerces) one value of the attribute's type. */
function normalizeSingle(attribute: AttributeDefinition, value: unknown, path: string): unknown {
  switch (attribute.type) {
    case 'complex': {
      if (!isRecord(value)) {
        throw new ScimError(400, 'invalidValue', `Attribute '${path}' must be an object`);
      }
      const subAttributes = attribute.subAttributes ?? [];
      const entries = collectEntries(subAttributes, value, `${path}.`);
      return normalizeObject(subAttributes, entries, `${path}.`);
    }
    case 'boolean':
      return toBoolean(value, path);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw new ScimError(400, 'invalidValue', `Attribute '${path}' must be an integer`);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw new ScimError(400, 'invalidValue', `Attribute '${path}' must be a number`);
    default:
      if (typeof value === 'string') return value;
      throw new ScimError(400, 'invalidValue', `Attribute '${path}' must be a string`);
  }
}

/** RFC 7643 §2.3.2, leniently: Entra ID sends booleans as the strings "True" and "False". */
function toBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  throw new ScimError(400, 'invalidValue', `Attribute '${path}' must be a boolean`);
}

/** RFC 7643 §2.4: the primary value true appears no more than once in a multi-valued attribute. */
function assertOnePrimary(items: readonly unknown[], path: string): void {
  const primaries = items.filter((item) => isRecord(item) && item.primary === true).length;
  if (primaries > 1) {
    throw new ScimError(
      400,
      'invalidValue',
      `Attribute '${path}' has ${primaries} values with primary true; at most one is allowed`,
    );
  }
}
