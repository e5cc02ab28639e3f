import { ScimError } from '../../platform/errors/scim-error';
import { applyToAttribute } from './apply-attribute';
import { readAttribute } from './attribute-access';
import { assertInvariants, syncExtensionSchemas } from './invariants';
import { deepEqual, findKey, isPlainObject, isUnassigned } from './json';
import {
  applyMembersOperation,
  createMemberChangeSet,
  memberChangesOf,
  type MemberChangeSet,
} from './members';
import { assertWritable, resolveTarget, type PatchTarget } from './resolve-target';
import type { PatchContext, PatchOpName, PatchOperation, PatchResult, ScimResource } from './types';

/** Keys a client may echo in a path-less value that the server owns; skipped silently. */
const SERVER_OWNED_KEYS: ReadonlySet<string> = new Set(['schemas', 'meta']);

interface Patching {
  ctx: PatchContext;
  resource: ScimResource;
  members: MemberChangeSet;
  membersTouched: boolean;
}

/**
 * RFC 7644 §3.5.2: applies operations in order to a copy of `resource`. All or nothing: the
 * first invalid operation throws a ScimError and the caller's resource is untouched.
 * Group `members` are not written to the copy; they come back as `memberChanges`.
 */
export function applyPatch(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  ctx: PatchContext,
): PatchResult {
  const state: Patching = {
    ctx,
    resource: structuredClone(resource),
    members: createMemberChangeSet(),
    membersTouched: false,
  };
  for (const operation of operations) {
    if (operation.path === undefined) applyWithoutPath(state, operation.op, operation.value);
    else applyWithPath(state, operation.op, operation.path, operation.value, false);
  }
  assertInvariants(resource, state.resource, ctx);
  syncExtensionSchemas(resource, state.resource, ctx);
  const result: PatchResult = {
    resource: state.resource,
    changed: !deepEqual(resource, state.resource),
  };
  if (state.membersTouched) result.memberChanges = memberChangesOf(state.members);
  return result;
}

/**
 * RFC 7644 §3.5.2.1/§3.5.2.3 with no path: each key of the value is a target. Keys may be
 * paths themselves (Entra: `name.givenName`, `urn:…:User:employeeNumber`) or extension URNs
 * holding an object. Okta echoes `id`, `meta` and `schemas`: `meta` and `schemas` are
 * skipped, `id` and other read-only keys are skipped when they repeat the current value.
 */
function applyWithoutPath(state: Patching, op: PatchOpName, value: unknown): void {
  if (op === 'remove') {
    throw new ScimError(400, 'noTarget', '"remove" requires a "path" (RFC 7644 §3.5.2.2).');
  }
  if (!isPlainObject(value)) {
    throw new ScimError(
      400,
      'invalidValue',
      `A path-less "${op}" needs an object of attributes as its value.`,
    );
  }
  for (const [key, item] of Object.entries(value)) {
    if (SERVER_OWNED_KEYS.has(key.toLowerCase())) continue;
    applyWithPath(state, op, key, item, true);
  }
}

function applyWithPath(
  state: Patching,
  op: PatchOpName,
  path: string,
  value: unknown,
  pathless: boolean,
): void {
  const { ctx, resource } = state;
  const target = resolveTarget(path, ctx);
  if (target.kind === 'extension') {
    applyToExtension(state, op, target.schemaId, value, pathless);
    return;
  }
  if (
    ctx.resourceType === 'Group' &&
    target.extensionSchema === undefined &&
    target.attribute.name === 'members'
  ) {
    applyMembersOperation(state.members, op, target, value);
    state.membersTouched = true;
    return;
  }
  if (pathless && repeatsReadOnlyValue(resource, target, value)) return;
  assertWritable(target);
  applyToAttribute(resource, op, target, value);
}

/** A whole extension object: `urn:…:enterprise:2.0:User` as a path or a path-less key. */
function applyToExtension(
  state: Patching,
  op: PatchOpName,
  schemaId: string,
  value: unknown,
  pathless: boolean,
): void {
  if (op === 'remove' || (op === 'replace' && isUnassigned(value))) {
    for (const name of Object.keys(extensionValue(state.resource, schemaId))) {
      applyWithPath(state, 'remove', `${schemaId}:${name}`, undefined, pathless);
    }
    return;
  }
  if (!isPlainObject(value)) {
    throw new ScimError(
      400,
      'invalidValue',
      `"${schemaId}" needs an object of attributes as its value.`,
    );
  }
  for (const [name, item] of Object.entries(value)) {
    // scim2-models serialises an extension object with its own `schemas`; nothing to apply.
    if (SERVER_OWNED_KEYS.has(name.toLowerCase())) continue;
    applyWithPath(state, op, `${schemaId}:${name}`, item, pathless);
  }
}

function extensionValue(resource: ScimResource, schemaId: string): Record<string, unknown> {
  const value = resource[findKey(resource, schemaId) ?? schemaId];
  return isPlainObject(value) ? value : {};
}

/** A path-less value that restates a read-only attribute unchanged (Okta's `id`) is no change. */
function repeatsReadOnlyValue(
  resource: ScimResource,
  target: PatchTarget,
  value: unknown,
): boolean {
  if (target.attribute.mutability !== 'readOnly' || target.filter || target.subAttribute) {
    return false;
  }
  const current = readAttribute(resource, target);
  return deepEqual(current, value) || (isUnassigned(current) && isUnassigned(value));
}
