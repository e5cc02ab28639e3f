import { invalidFilter } from './filter-error';
import { isComparison, type FilterNode } from './filter-node';

/** The key of the stand-in for "groups having this member"; never a stored field. */
export const MEMBER_PLACEHOLDER_KEY = '__memberOf';

const ONLY_EQ =
  'Invalid filter: Group members can only be searched with members eq "<id>", members.value eq "<id>" or members[value eq "<id>"]';

/**
 * RFC 7644 §3.4.2.2 on Group `members`, kept in their own collection: the member id the
 * comparison asks for, as a placeholder that resolveMemberPlaceholders later replaces.
 */
export function memberPlaceholder(
  node: FilterNode,
  subAttribute: string | undefined,
): Record<string, string> {
  if (!isComparison(node) || node.op !== 'eq' || typeof node.value !== 'string')
    throw invalidFilter(ONLY_EQ);
  if (subAttribute !== undefined && subAttribute !== 'value') throw invalidFilter(ONLY_EQ);
  return { [MEMBER_PLACEHOLDER_KEY]: node.value };
}

/** `members[value eq "<id>"]`: the only value filter accepted on Group members. */
export function memberValuePathPlaceholder(filter: FilterNode): Record<string, string> {
  if (!isComparison(filter) || filter.attrPath.toLowerCase() !== 'value')
    throw invalidFilter(ONLY_EQ);
  return memberPlaceholder(filter, 'value');
}

/**
 * Replaces each `{ __memberOf: "<member id>" }` in a translated query with
 * `{ _id: { $in: <ids of the groups having that member> } }`; `lookup` runs once per id.
 */
export async function resolveMemberPlaceholders(
  query: Record<string, unknown>,
  lookup: (memberValue: string) => Promise<string[]>,
): Promise<Record<string, unknown>> {
  const memberValues = new Set<string>();
  collect(query, memberValues);
  const groupIds = new Map<string, string[]>();
  for (const value of memberValues) groupIds.set(value, await lookup(value));
  return replace(query, groupIds) as Record<string, unknown>;
}

function placeholderValue(node: unknown): string | undefined {
  if (!isPlainObject(node)) return undefined;
  const keys = Object.keys(node);
  const value = node[MEMBER_PLACEHOLDER_KEY];
  return keys.length === 1 && typeof value === 'string' ? value : undefined;
}

function collect(node: unknown, into: Set<string>): void {
  const value = placeholderValue(node);
  if (value !== undefined) into.add(value);
  else if (Array.isArray(node)) node.forEach((item) => collect(item, into));
  else if (isPlainObject(node)) Object.values(node).forEach((item) => collect(item, into));
}

function replace(node: unknown, groupIds: ReadonlyMap<string, string[]>): unknown {
  const value = placeholderValue(node);
  if (value !== undefined) return { _id: { $in: groupIds.get(value) ?? [] } };
  if (Array.isArray(node)) return node.map((item) => replace(item, groupIds));
  if (!isPlainObject(node)) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v, groupIds)]));
}

/** Plain objects only: a Date or other class instance in a query is a literal, not walked. */
function isPlainObject(node: unknown): node is Record<string, unknown> {
  if (typeof node !== 'object' || node === null) return false;
  const proto: unknown = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}
