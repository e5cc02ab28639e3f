import { ScimError } from '../../platform/errors/scim-error';
import type { AttributeDefinition } from '../schemas/types';
import { isPlainObject, isUnassigned } from './json';
import { subAttributeLookup } from './resolve-target';

/**
 * RFC 7643 §2.3: checks and normalises a whole attribute value from a PATCH operation.
 * Returns undefined for an unassigned value (null or [], RFC 7643 §2.5).
 * A single element given for a multi-valued attribute is accepted as a one-element array.
 */
export function coerceAttributeValue(
  definition: AttributeDefinition,
  raw: unknown,
  where: string,
): unknown {
  if (!definition.multiValued) return coerceElement(definition, raw, where);
  if (isUnassigned(raw)) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  const elements = items
    .map((item) => coerceElement(definition, item, where))
    .filter((e) => e !== undefined);
  return elements.length === 0 ? undefined : elements;
}

/** One value of the attribute: a complex object or a simple value. */
export function coerceElement(
  definition: AttributeDefinition,
  raw: unknown,
  where: string,
): unknown {
  if (raw === null || raw === undefined) return undefined;
  return definition.type === 'complex'
    ? coerceComplex(definition, raw, where)
    : coerceSimple(definition, raw, where);
}

/** A sub-attribute's value; sub-attributes may be multi-valued but never complex (§2.3.8). */
export function coerceSubAttributeValue(
  definition: AttributeDefinition,
  raw: unknown,
  where: string,
): unknown {
  if (isUnassigned(raw)) return undefined;
  if (definition.multiValued) {
    const items = Array.isArray(raw) ? raw : [raw];
    return items.map((item) => coerceSimple(definition, item, where));
  }
  return coerceSimple(definition, raw, where);
}

/**
 * A complex value, its keys mapped to canonical sub-attribute names. Dialect tolerance
 * (Entra, Okta): a complex attribute with a `value` sub-attribute, such as the enterprise
 * `manager`, also accepts a bare string id or a one-element array; `""` means unassigned.
 */
function coerceComplex(definition: AttributeDefinition, raw: unknown, where: string): unknown {
  const lookup = subAttributeLookup(definition);
  const valueAttribute = lookup('value');
  let input = raw;
  if (!definition.multiValued && valueAttribute && Array.isArray(input) && input.length <= 1) {
    input = input[0];
  }
  if (valueAttribute && typeof input === 'string') {
    if (input === '') return undefined;
    input = { [valueAttribute.name]: input };
  }
  if (input === undefined || input === null) return undefined;
  if (!isPlainObject(input)) {
    throw invalidValue(where, `"${definition.name}" expects an object of sub-attributes`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const sub = lookup(key);
    if (!sub) throw invalidValue(where, `"${definition.name}" has no sub-attribute "${key}"`);
    const coerced = coerceSubAttributeValue(sub, value, `${where}.${sub.name}`);
    if (coerced !== undefined) out[sub.name] = coerced;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** RFC 7643 §2.3 simple types; Entra's string booleans ("True", "False") become booleans. */
function coerceSimple(definition: AttributeDefinition, raw: unknown, where: string): unknown {
  switch (definition.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) {
        return raw.trim().toLowerCase() === 'true';
      }
      throw invalidValue(where, `"${definition.name}" must be a boolean`);
    case 'integer':
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      throw invalidValue(where, `"${definition.name}" must be an integer`);
    case 'decimal':
      if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
      throw invalidValue(where, `"${definition.name}" must be a number`);
    case 'dateTime':
      if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return raw;
      throw invalidValue(where, `"${definition.name}" must be an xsd:dateTime string`);
    case 'complex':
      throw invalidValue(where, `"${definition.name}" may not nest complex values`);
    default:
      if (typeof raw === 'string') return raw;
      throw invalidValue(where, `"${definition.name}" must be a string`);
  }
}

function invalidValue(where: string, reason: string): ScimError {
  return new ScimError(400, 'invalidValue', `Invalid value for "${where}": ${reason}.`);
}
