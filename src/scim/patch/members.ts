import { ScimError } from '../../platform/errors/scim-error';
import { findKey, isPlainObject, isUnassigned } from './json';
import type { PatchTarget } from './resolve-target';
import type { MemberChanges, MemberRef, PatchOpName, ValueFilter } from './types';

/**
 * Group memberships live in their own collection, so `members` operations (RFC 7644
 * §3.5.2, RFC 7643 §4.2) are folded, in request order, into one set of changes.
 */
export interface MemberChangeSet {
  mode: 'delta' | 'replace';
  adds: Map<string, MemberRef>;
  removes: Set<string>;
}

export function createMemberChangeSet(): MemberChangeSet {
  return { mode: 'delta', adds: new Map(), removes: new Set() };
}

/**
 * Entra: `Add`/`Remove` with path `members` and a value array; remove by
 * `members[value eq "id"]`. Okta: add, remove and replace of `members` in one request.
 * Removing a user who is not a member is a no-op: the engine cannot see memberships.
 */
export function applyMembersOperation(
  changes: MemberChangeSet,
  op: PatchOpName,
  target: PatchTarget,
  value: unknown,
): void {
  if (target.subAttribute) {
    throw new ScimError(
      400,
      'invalidPath',
      `"${target.path}": member sub-attributes cannot be patched.`,
    );
  }
  if (target.filter) {
    if (op !== 'remove') {
      throw new ScimError(
        400,
        'invalidPath',
        `"${target.path}": only "remove" may select members by filter.`,
      );
    }
    for (const id of memberIdsOf(target.filter, target.path)) remove(changes, id);
    return;
  }
  if (op === 'remove' && isUnassigned(value)) {
    changes.mode = 'replace';
    changes.adds.clear();
    changes.removes.clear();
    return;
  }
  const refs = parseMemberRefs(value, target.path);
  if (op === 'replace') {
    changes.mode = 'replace';
    changes.adds.clear();
    changes.removes.clear();
  }
  for (const ref of refs) {
    if (op === 'remove') remove(changes, ref.value);
    else add(changes, ref);
  }
}

/** The folded result; when the set was replaced, `remove` is `'all'` and `replace` the new set. */
export function memberChangesOf(changes: MemberChangeSet): MemberChanges {
  const added = [...changes.adds.values()];
  return changes.mode === 'replace'
    ? { add: added, remove: 'all', replace: added }
    : { add: added, remove: [...changes.removes] };
}

function add(changes: MemberChangeSet, ref: MemberRef): void {
  changes.removes.delete(ref.value);
  changes.adds.set(ref.value, ref);
}

function remove(changes: MemberChangeSet, id: string): void {
  changes.adds.delete(id);
  if (changes.mode === 'delta') changes.removes.add(id);
}

/** `[{value, type?, display?, $ref?}]`, a single such object, or bare ids; keeps value and type. */
function parseMemberRefs(value: unknown, path: string): MemberRef[] {
  if (isUnassigned(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item === 'string' && item !== '') return { value: item };
    const id = isPlainObject(item) ? item[findKey(item, 'value') ?? 'value'] : undefined;
    if (typeof id !== 'string' || id === '') {
      throw new ScimError(
        400,
        'invalidValue',
        `"${path}": each member needs a non-empty string "value".`,
      );
    }
    const type = isPlainObject(item) ? item[findKey(item, 'type') ?? 'type'] : undefined;
    if (type !== undefined && type !== null && typeof type !== 'string') {
      throw new ScimError(400, 'invalidValue', `"${path}": a member's "type" must be a string.`);
    }
    return typeof type === 'string' ? { value: id, type } : { value: id };
  });
}

/** The ids of `value eq "a" [or value eq "b" ...]`: the only member filters a store-less engine can honour. */
function memberIdsOf(filter: ValueFilter, path: string): string[] {
  if (
    filter.kind === 'compare' &&
    filter.operator === 'eq' &&
    filter.attribute.toLowerCase() === 'value'
  ) {
    if (typeof filter.value === 'string') return [filter.value];
  }
  if (filter.kind === 'or')
    return [...memberIdsOf(filter.left, path), ...memberIdsOf(filter.right, path)];
  throw new ScimError(
    400,
    'invalidPath',
    `"${path}": members can be selected only by value, e.g. members[value eq "2819c223"].`,
  );
}
