import { STORAGE_ALIASES, type ResolvedAttribute } from '../schemas/types';
import { comparisonCondition, presentCondition, type MongoQuery } from './compare-value';
import { invalidFilter, quoted } from './filter-error';
import { isComparison, type FilterNode, type ValuePathNode } from './filter-node';
import {
  filterTarget,
  isGroupMembers,
  resolveFilterAttribute,
  type AttributeContext,
  type FilterScope,
} from './filter-target';
import { memberPlaceholder, memberValuePathPlaceholder } from './member-placeholders';

export type { MongoQuery } from './compare-value';
export { MEMBER_PLACEHOLDER_KEY, resolveMemberPlaceholders } from './member-placeholders';

export type FilterContext = AttributeContext;

/**
 * RFC 7644 §3.4.2.2: translates a filter AST into a MongoDB query on the stored form (see
 * src/scim/schemas/types.ts); the caller adds `tenantId`. Pure: attributes are resolved through
 * the schema registry (the whitelist), field names come only from it and values are literals.
 */
export function translateFilter(node: FilterNode, ctx: FilterContext): MongoQuery {
  return translateNode(node, ctx, {});
}

function translateNode(node: FilterNode, ctx: FilterContext, scope: FilterScope): MongoQuery {
  switch (node.op) {
    case 'and':
      return { $and: node.filters.map((f) => translateNode(f, ctx, scope)) };
    case 'or':
      return { $or: node.filters.map((f) => translateNode(f, ctx, scope)) };
    case 'not':
      return { $nor: [translateNode(node.filter, ctx, scope)] };
    case 'valuePath':
      return translateValuePath(node, ctx);
    default:
      return translateExpression(node, ctx, scope);
  }
}

/** attrExp: `attrPath pr` or `attrPath compareOp compValue`. */
function translateExpression(node: FilterNode, ctx: FilterContext, scope: FilterScope): MongoQuery {
  if (node.op !== 'pr' && !isComparison(node)) {
    throw new Error(`not an attribute expression: ${node.op}`);
  }
  if (scope.parent === undefined && node.attrPath.toLowerCase() === 'schemas') {
    return translateSchemas(node, ctx);
  }
  if (scope.parent === undefined && lacks(ctx, node.attrPath)) return noValue(node);
  const resolved = resolveFilterAttribute(node.attrPath, ctx, scope.parent);
  if (isGroupMembers(resolved, ctx)) return memberPlaceholder(node, resolved.subAttribute?.name);
  // `eq null`/`ne null` ask about presence (RFC 7643 §2.5), so they use pr's field.
  const compared = isComparison(node) && node.value !== null;
  const target = filterTarget(resolved, ctx, scope, compared);
  return isComparison(node) ? comparisonCondition(node, target) : presentCondition(target);
}

/** valuePath = attrPath "[" valFilter "]": a complex attribute, its sub-attributes inside. */
function translateValuePath(node: ValuePathNode, ctx: FilterContext): MongoQuery {
  if (lacks(ctx, node.attrPath)) return matchNone(); // no value: no element matches
  const parent = resolveFilterAttribute(node.attrPath, ctx, undefined);
  if (parent.subAttribute !== undefined || parent.attribute.type !== 'complex') {
    throw invalidFilter(
      `Invalid filter: "${parent.canonicalPath}[…]" needs a complex attribute such as emails or addresses`,
    );
  }
  if (isGroupMembers(parent, ctx)) return memberValuePathPlaceholder(node.filter);
  if (!parent.attribute.multiValued) return translateNode(node.filter, ctx, { parent });
  return sameElement(node.filter, parent, ctx);
}

/**
 * `emails[A or B]` is `emails[A] or emails[B]`, and one condition that a match makes true
 * (eq, co, gt, pr…) holds of "some element" on a plain dotted path. Only the rest (and, not,
 * ne, eq null) needs one element to satisfy everything at once: `$elemMatch`.
 */
function sameElement(
  filter: FilterNode,
  parent: ResolvedAttribute,
  ctx: FilterContext,
): MongoQuery {
  if (filter.op === 'or') return { $or: filter.filters.map((f) => sameElement(f, parent, ctx)) };
  if (filter.op === 'pr' || (isComparison(filter) && filter.op !== 'ne' && filter.value !== null)) {
    return translateNode(filter, ctx, { parent });
  }
  const array = parent.storedField;
  return { [array]: { $elemMatch: translateNode(filter, ctx, { parent, elementPrefix: '' }) } };
}

const matchAll = (): MongoQuery => ({ _id: { $exists: true } });
const matchNone = (): MongoQuery => ({ _id: { $in: [] } });

/** At the root, an attribute this resource type lacks but another defines (RFC 7644 §3.4.2.1). */
const lacks = (ctx: FilterContext, attrPath: string): boolean =>
  ctx.definedElsewhere !== undefined &&
  ctx.registry.resolve(ctx.resourceType, attrPath) === undefined &&
  ctx.definedElsewhere(attrPath);

/**
 * "Treated as if there is no value": `pr`, `eq null`'s opposite and every comparison with a value
 * are false; `eq null` and `ne "x"` are true (as on a resource of this type without the value).
 */
function noValue(node: FilterNode): MongoQuery {
  if (!isComparison(node)) return matchNone(); // pr
  if (node.value === null) return node.op === 'eq' ? matchAll() : matchNone();
  return node.op === 'ne' ? matchAll() : matchNone();
}

/**
 * RFC 7643 §3 `schemas` is not stored: every resource has its core schema, and an extension
 * schema exactly when its attributes are stored under the alias (RFC 7644 §3.4.2.2 example
 * `schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`).
 */
function translateSchemas(node: FilterNode, ctx: FilterContext): MongoQuery {
  if (node.op === 'pr') return matchAll();
  if (
    !isComparison(node) ||
    (node.op !== 'eq' && node.op !== 'ne') ||
    typeof node.value !== 'string'
  ) {
    throw invalidFilter(
      'Invalid filter: "schemas" can only be compared with eq or ne and a schema URN',
    );
  }
  const urn = node.value.toLowerCase();
  const type = ctx.registry.resourceType(ctx.resourceType);
  const extension = type.schemaExtensions.find((e) => e.schema.toLowerCase() === urn);
  const alias = extension ? STORAGE_ALIASES[extension.schema] : undefined;
  if (!urn.startsWith('urn:')) {
    throw invalidFilter(`Invalid filter: ${quoted(node.value)} is not a schema URN`);
  }
  let query = matchNone();
  if (type.schema.toLowerCase() === urn) query = matchAll();
  else if (alias !== undefined) query = { [alias]: { $exists: true } };
  return node.op === 'eq' ? query : { $nor: [query] };
}
