import {
  LOWERCASE_SHADOW_SUFFIX,
  type AttributeDefinition,
  type ResolvedAttribute,
  type ResourceTypeName,
  type SchemaRegistry,
} from '../schemas/types';
import { invalidFilter, quoted } from './filter-error';

/** What the translator needs to know about the resource type being queried. */
export interface AttributeContext {
  registry: SchemaRegistry;
  resourceType: ResourceTypeName;
  /**
   * A root search (RFC 7644 §3.4.2.1): true for an attribute another resource type defines,
   * which this one then treats as having no value instead of refusing the filter.
   */
  definedElsewhere?: (attrPath: string) => boolean;
}

/** Where a filter expression is evaluated: the whole resource, or inside `attr[…]`. */
export interface FilterScope {
  /** The attribute of the enclosing value path, when inside `attr[…]`. */
  parent?: ResolvedAttribute;
  /** Replaces `<parent field>.` in stored fields: '' inside `$elemMatch`. */
  elementPrefix?: string;
}

/** A resolved attribute and the stored field a condition on it applies to. */
export interface FilterTarget {
  resolved: ResolvedAttribute;
  /** The attribute whose values are compared: the sub-attribute when the path names one. */
  definition: AttributeDefinition;
  /** The stored field (from the registry, never from client text). */
  field: string;
  /** The field's path goes through an array, so a condition holds when any element matches. */
  acrossArray: boolean;
}

/** A dotted field as the storage convention builds them; anything else is a bug, never sent. */
const SAFE_FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** RFC 7644 §3.4.2.2: every attribute of a filter is looked up in the schemas (the whitelist). */
export function resolveFilterAttribute(
  attrPath: string,
  ctx: AttributeContext,
  parent: ResolvedAttribute | undefined,
): ResolvedAttribute {
  if (parent !== undefined && /[.:]/.test(attrPath)) {
    throw invalidFilter(
      `Invalid filter: inside "${parent.canonicalPath}[…]" name a sub-attribute of ${parent.attribute.name}, not ${quoted(attrPath)}`,
    );
  }
  const path = parent === undefined ? attrPath : `${parent.canonicalPath}.${attrPath}`;
  const resolved = ctx.registry.resolve(ctx.resourceType, path);
  if (resolved === undefined) {
    throw invalidFilter(
      `Invalid filter: ${quoted(path)} is not an attribute of ${ctx.resourceType}`,
    );
  }
  const reason = unfilterableReason(resolved, ctx);
  if (reason !== undefined) throw invalidFilter(`Invalid filter: ${reason}`);
  return resolved;
}

/**
 * Attributes the schemas define but the store cannot search: returned "never" (RFC 7643 §7,
 * the password), values kept elsewhere or computed when presented. Also used for sortBy.
 */
export function unfilterableReason(
  resolved: ResolvedAttribute,
  ctx: AttributeContext,
): string | undefined {
  const { attribute, subAttribute, canonicalPath } = resolved;
  if (attribute.returned === 'never' || subAttribute?.returned === 'never') {
    return `"${canonicalPath}" is never returned and cannot be used to search`;
  }
  if (subAttribute?.name === '$ref')
    return `"${canonicalPath}" is computed and cannot be used to search`;
  if (!resolved.extension && attribute.name === 'meta' && subAttribute?.name === 'version') {
    return `"meta.version" cannot be used to search; use the ETag (RFC 7644 §3.14)`;
  }
  if (ctx.resourceType === 'User' && !resolved.extension && attribute.name === 'groups') {
    return `"${canonicalPath}" cannot be used to search Users; search Groups by members instead`;
  }
  return undefined;
}

/** RFC 7644 §3.4.2.2: Group `members` live in their own collection and are searched apart. */
export function isGroupMembers(resolved: ResolvedAttribute, ctx: AttributeContext): boolean {
  return (
    ctx.resourceType === 'Group' && !resolved.extension && resolved.attribute.name === 'members'
  );
}

/**
 * The field a condition applies to. A comparison on a complex attribute means its `value`
 * sub-attribute (`emails co "x"` is `emails.value co "x"`, the RFC 7644 §3.4.2.2 examples);
 * a case-insensitive string is compared on its lower-cased `_lc` shadow.
 */
export function filterTarget(
  resolved: ResolvedAttribute,
  ctx: AttributeContext,
  scope: FilterScope,
  comparison: boolean,
): FilterTarget {
  let target = resolved;
  if (comparison && (resolved.subAttribute ?? resolved.attribute).type === 'complex') {
    const value = ctx.registry.resolve(ctx.resourceType, `${resolved.canonicalPath}.value`);
    if (value === undefined) {
      throw invalidFilter(
        `Invalid filter: "${resolved.canonicalPath}" is complex; compare one of its sub-attributes, e.g. ${resolved.canonicalPath}.${resolved.attribute.subAttributes?.[0]?.name ?? 'value'}`,
      );
    }
    target = value;
  }
  const definition = target.subAttribute ?? target.attribute;
  const shadowed = comparison && definition.type === 'string' && !definition.caseExact;
  let field = shadowed ? target.storedField + LOWERCASE_SHADOW_SUFFIX : target.storedField;
  const { parent, elementPrefix } = scope;
  if (parent !== undefined && elementPrefix !== undefined) {
    field = elementPrefix + field.slice(parent.storedField.length + 1);
  }
  if (!SAFE_FIELD.test(field)) throw new Error(`Refusing to query the unexpected field ${field}`);
  const acrossArray = target.attribute.multiValued && elementPrefix === undefined;
  return { resolved: target, definition, field, acrossArray };
}
