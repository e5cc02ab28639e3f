import { ScimError } from '../../platform/errors/scim-error';
import { SORT_KEY_FIELD, SORT_PRESENT_FIELD } from '../schemas/sort-keys';
import { isGroupMembers, unfilterableReason, type AttributeContext } from './filter-target';

/** A MongoDB sort specification. */
export type SortSpec = Record<string, 1 | -1>;

/**
 * RFC 7644 §3.4.2.3: `sortBy` and `sortOrder` as a MongoDB sort on the attribute's stored sort
 * key (lower-cased for case-insensitive strings; the primary or else first value of a
 * multi-valued attribute, see sort-keys.ts), after its presence marker so that resources
 * without a value come last ascending and first descending; `_id` last keeps equal keys in a
 * stable order for pagination. Without sortBy the order is `_id` alone and sortOrder is
 * ignored. A multi-valued complex attribute sorts by its `value` sub-attribute. Unknown or
 * unsortable → 400 invalidValue.
 */
export function translateSort(
  sortBy: string | undefined,
  sortOrder: string | undefined,
  ctx: AttributeContext,
): SortSpec {
  const direction = sortDirection(sortOrder);
  if (sortBy === undefined || sortBy.trim() === '') return { _id: 1 };
  const path = sortBy.trim();
  let resolved = ctx.registry.resolve(ctx.resourceType, path);
  if (resolved === undefined) {
    throw invalidValue(`sortBy "${path}" is not an attribute of ${ctx.resourceType}`);
  }
  const reason = isGroupMembers(resolved, ctx)
    ? `"members" cannot be used to sort`
    : unfilterableReason(resolved, ctx);
  if (reason !== undefined) throw invalidValue(`sortBy: ${reason}`);
  if ((resolved.subAttribute ?? resolved.attribute).type === 'complex') {
    const value = resolved.attribute.multiValued
      ? ctx.registry.resolve(ctx.resourceType, `${resolved.canonicalPath}.value`)
      : undefined;
    if (value === undefined) {
      throw invalidValue(`sortBy "${path}" is complex; name a sub-attribute, e.g. name.familyName`);
    }
    resolved = value;
  }
  const field = resolved.storedField;
  if (field === '_id') return { _id: direction };
  // Ties break on `_id` in the same direction, so a descending sort is the exact reverse of an
  // ascending one and reads the same index backwards.
  // `meta` is written by the server on every resource: it never lacks a value.
  if (field.startsWith('meta.')) return { [field]: direction, _id: direction };
  return {
    [`${SORT_PRESENT_FIELD}.${field}`]: direction === 1 ? -1 : 1,
    [`${SORT_KEY_FIELD}.${field}`]: direction,
    _id: direction,
  };
}

/** RFC 7644 §3.4.2.3: "ascending" (the default) or "descending". */
function sortDirection(sortOrder: string | undefined): 1 | -1 {
  const order = sortOrder?.trim().toLowerCase();
  if (order === undefined || order === '' || order === 'ascending') return 1;
  if (order === 'descending') return -1;
  throw invalidValue(
    `sortOrder must be "ascending" or "descending", not ${JSON.stringify(sortOrder)}`,
  );
}

function invalidValue(message: string): ScimError {
  return new ScimError(400, 'invalidValue', message);
}
