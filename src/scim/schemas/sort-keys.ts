import { prepareCaseInsensitive } from './prepare-string';
import { resourceSchemas } from './registry';
import { COMMON_ATTRIBUTES, isRecord } from './schema-definitions';
import type { AttributeDefinition, ResourceTypeName, SchemaRegistry } from './types';

/** Stored beside the attributes: the sort key of each attribute path, and which ones have a value. */
export const SORT_KEY_FIELD = '_sort';
export const SORT_PRESENT_FIELD = '_sortPresent';

export type StoredSortKeys = Record<typeof SORT_KEY_FIELD | typeof SORT_PRESENT_FIELD, object>;

const EXTERNAL_ID = Object.freeze(COMMON_ATTRIBUTES.filter((a) => a.name === 'externalId'));

/**
 * RFC 7644 §3.4.2.3: the value each attribute sorts by, written beside the stored attributes
 * at every write so that `sortBy` stays a database sort. A multi-valued attribute sorts by
 * its primary value, else its first; a case-insensitive string by its lower-cased form. The
 * `_sortPresent` markers let missing values sort last ascending and first descending.
 * Both mirror the stored document's shape: `_sort.name.familyName`, `_sort.emails.value`.
 */
export function sortKeysOf(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
  stored: Readonly<Record<string, unknown>>,
): StoredSortKeys {
  const { core, extensions } = resourceSchemas(registry, resourceType);
  const keys: Record<string, unknown> = {};
  const present: Record<string, unknown> = {};
  collect([...EXTERNAL_ID, ...core.attributes], stored, keys, present);
  for (const { definition, alias } of extensions) {
    const values = stored[alias];
    if (!isRecord(values)) continue;
    const [k, p] = [{}, {}];
    collect(definition.attributes, values, k, p);
    if (Object.keys(k).length > 0) [keys[alias], present[alias]] = [k, p];
  }
  return { [SORT_KEY_FIELD]: keys, [SORT_PRESENT_FIELD]: present };
}

function collect(
  attributes: readonly AttributeDefinition[],
  source: Readonly<Record<string, unknown>>,
  keys: Record<string, unknown>,
  present: Record<string, unknown>,
): void {
  for (const attribute of attributes) {
    if (attribute.name.startsWith('$') || attribute.returned === 'never') continue;
    const value = significantValue(attribute, source[attribute.name]);
    if (value === undefined) continue;
    if (attribute.type === 'complex') {
      if (!isRecord(value)) continue;
      const [k, p] = [{}, {}];
      collect(attribute.subAttributes ?? [], value, k, p);
      if (Object.keys(k).length > 0) [keys[attribute.name], present[attribute.name]] = [k, p];
      continue;
    }
    keys[attribute.name] = sortable(attribute, value);
    present[attribute.name] = 1;
  }
}

/** RFC 7644 §3.4.2.3: "the value of the primary attribute, if any, or else the first value". */
function significantValue(attribute: AttributeDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (!attribute.multiValued) return value;
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const primary = value.find((item) => isRecord(item) && item.primary === true);
  return primary ?? value[0];
}

/** RFC 7643 §2.3.1: strings compare case-insensitively unless the attribute is caseExact. */
function sortable(attribute: AttributeDefinition, value: unknown): unknown {
  return attribute.type === 'string' && !attribute.caseExact && typeof value === 'string'
    ? prepareCaseInsensitive(value)
    : value;
}
