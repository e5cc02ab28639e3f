import type { GroupDoc } from '../../directory/groups/group-model';
import { resolveMembers, type MemberInput } from '../../directory/groups/resolve-members';
import { leaveEveryGroup } from '../../directory/memberships/leave-every-group';
import { ScimError } from '../../platform/errors/scim-error';
import { parsePatchRequest } from '../patch';
import type { MemberChanges } from '../patch/types';
import { checkIfMatch } from '../query/etag';
import { normalizeResource } from '../schemas/normalize-resource';
import { retryOnConflict } from '../../directory/retry-on-conflict';
import type { ScimDeps } from '../scim-deps';
import { patchStoredResource, sameAttributes, storedAsReplacement } from './patch-resource';

export type GroupOperationsDeps = Pick<ScimDeps, 'registry' | 'directory' | 'now' | 'config'>;

/** Splits `members` out of a normalized Group: memberships live in their own collection. */
function splitMembers(resource: Record<string, unknown>): {
  resource: Record<string, unknown>;
  members?: MemberInput[];
} {
  const { members, ...rest } = resource;
  return {
    resource: rest,
    members: Array.isArray(members) ? (members as MemberInput[]) : undefined,
  };
}

/** The group as its membership rows describe it (membership-repository.ts). */
const membershipGroup = (doc: GroupDoc) => ({
  id: doc._id,
  displayName: doc.displayName,
  inGroups: doc.noGroups !== true,
  ...removalContext(doc),
});

/** The group version and connector a membership change's event carries. */
const removalContext = (doc: GroupDoc) => ({
  version: doc.meta.version,
  connector: typeof doc.connector === 'string' ? doc.connector : null,
});

/**
 * The write use cases on Groups (RFC 7644 §3.3, §3.5.1, §3.5.2, §3.6), shared by the
 * `/Groups` routes and `/Bulk`. The group document changes in one conditional update on the
 * version it read (re-applied when another write got there first); membership changes, kept
 * in their own collection, follow once that update has won, and are idempotent.
 */
export function createGroupOperations(deps: GroupOperationsDeps) {
  const { registry, directory } = deps;
  const pctx = { registry, baseUrl: deps.config.baseUrl };

  async function load(tenantId: string, id: string): Promise<GroupDoc> {
    const doc = await directory.groups.findById(tenantId, id);
    if (!doc) throw new ScimError(404, undefined, `Group ${id} not found`);
    return doc;
  }

  async function create(tenantId: string, body: unknown, connector?: string): Promise<GroupDoc> {
    const { resource, members } = splitMembers(
      normalizeResource(registry, 'Group', body, 'create').resource,
    );
    const resolved = members ? await resolveMembers(directory, tenantId, members) : [];
    // A new group is in no group: its members' rows need not look for nested groups.
    const doc = await directory.groups.insert(
      tenantId,
      resource,
      { noGroups: true, ...(connector ? { connector } : {}) },
      deps.now(),
    );
    if (resolved.length)
      await directory.memberships.addMembers(tenantId, membershipGroup(doc), resolved);
    return doc;
  }

  async function replace(
    tenantId: string,
    id: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<GroupDoc> {
    const { resource, members } = splitMembers(
      normalizeResource(registry, 'Group', body, 'replace').resource,
    );
    const resolved = await resolveMembers(directory, tenantId, members ?? []);
    let unchanged = false;
    let renamed = false;
    const next = await retryOnConflict(async () => {
      const current = await load(tenantId, id);
      checkIfMatch(ifMatch, current.meta.version);
      renamed = resource.displayName !== current.displayName;
      // RFC 7644 §3.5.1: a PUT of what is stored (the same attributes and members) writes nothing.
      const { resource: stored } = splitMembers(storedAsReplacement(pctx, 'Group', current));
      const all: MemberChanges = { add: [], remove: 'all' };
      unchanged =
        sameAttributes(registry, 'Group', stored, resource) &&
        !(await membersWouldMove(tenantId, id, all, resolved));
      if (unchanged) return current;
      return directory.groups.replaceAttributes(tenantId, current, resource, deps.now());
    });
    if (unchanged) return next;
    // The members' rows carry the group's name (User.groups[].display), as after a PATCH.
    if (renamed) await directory.memberships.renameGroup(tenantId, id, next.displayName);
    // Only members that leave are removed (adding one already there is a no-op), so a PUT that
    // repeats the members produces no membership events.
    const keep = new Set(resolved.map((m) => m.id));
    const leaving = (await directory.memberships.membersOf(tenantId, id))
      .map((m) => m.memberId)
      .filter((m) => !keep.has(m));
    if (leaving.length)
      await directory.memberships.removeMembers(tenantId, id, leaving, removalContext(next));
    if (resolved.length)
      await directory.memberships.addMembers(tenantId, membershipGroup(next), resolved);
    return next;
  }

  async function patch(
    tenantId: string,
    id: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<GroupDoc> {
    const operations = parsePatchRequest(body, {
      maxOperations: deps.config.patchMaxOperations,
    });
    let changes: ReturnType<typeof patchStoredResource>['memberChanges'];
    let added: Awaited<ReturnType<typeof resolveMembers>> = [];
    let renamed = false;
    const next = await retryOnConflict(async () => {
      const current = await load(tenantId, id);
      const patched = patchStoredResource(pctx, 'Group', current, operations, ifMatch);
      changes = patched.memberChanges;
      // Resolved before anything is written: an unknown member refuses the whole PATCH.
      added = changes
        ? await resolveMembers(directory, tenantId, changes.replace ?? changes.add)
        : [];
      const { resource } = splitMembers(patched.resource);
      const membersMove = changes ? await membersWouldMove(tenantId, id, changes, added) : false;
      const { resource: original } = splitMembers(patched.original);
      // RFC 7644 §3.5.2.1: a PATCH that changes nothing writes nothing (meta and ETag stay).
      if (!membersMove && sameAttributes(registry, 'Group', original, resource)) {
        changes = undefined;
        return current;
      }
      renamed = resource.displayName !== current.displayName;
      return directory.groups.replaceAttributes(tenantId, current, resource, deps.now());
    });
    if (renamed) await directory.memberships.renameGroup(tenantId, id, next.displayName);
    if (changes) {
      const context = removalContext(next);
      // A replace of all members removes only those that leave (no churn of events).
      const keep = new Set(added.map((m) => m.id));
      const leaving =
        changes.remove === 'all'
          ? (await directory.memberships.membersOf(tenantId, id))
              .map((m) => m.memberId)
              .filter((m) => !keep.has(m))
          : changes.remove;
      if (leaving.length) await directory.memberships.removeMembers(tenantId, id, leaving, context);
      if (added.length)
        await directory.memberships.addMembers(tenantId, membershipGroup(next), added);
    }
    return next;
  }

  /** RFC 7644 §3.5.2.1: adding a member already there, or removing an absent one, changes nothing. */
  async function membersWouldMove(
    tenantId: string,
    id: string,
    changes: MemberChanges,
    added: Array<{ id: string }>,
  ): Promise<boolean> {
    const addedIds = added.map((m) => m.id);
    if (changes.remove === 'all') {
      const now = (await directory.memberships.membersOf(tenantId, id)).map((m) => m.memberId);
      const next = new Set(addedIds);
      return now.length !== next.size || now.some((m) => !next.has(m));
    }
    const present = await directory.memberships.presentMembers(tenantId, id, [
      ...addedIds,
      ...changes.remove,
    ]);
    return addedIds.some((m) => !present.has(m)) || changes.remove.some((m) => present.has(m));
  }

  async function remove(tenantId: string, id: string, ifMatch?: string): Promise<void> {
    // Memberships go first: a crash midway leaves a group without members (the client's retry
    // of the DELETE finishes it), never rows that show a deleted group in a user's `groups`.
    await retryOnConflict(async () => {
      const current = await load(tenantId, id);
      checkIfMatch(ifMatch, current.meta.version);
      await directory.memberships.removeAllMembers(tenantId, id, removalContext(current));
      await leaveEveryGroup({ directory, now: deps.now }, tenantId, id);
      return (await directory.groups.deleteById(tenantId, id, current.meta.version)) || null;
    });
  }

  return { load, create, replace, patch, remove };
}

export type GroupOperations = ReturnType<typeof createGroupOperations>;
