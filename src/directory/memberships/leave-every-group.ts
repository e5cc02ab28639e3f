import type { GroupDoc } from '../groups/group-model';
import type { Directory } from '../directory';
import { retryOnConflict } from '../retry-on-conflict';
import type { RemovalContext } from './membership-repository';

/** Groups handled at a time: read together, then each moved on, then left together. */
const CHUNK = 200;

/**
 * A deleted user or group leaves every group it was in. Each group's members change, so each
 * group moves to a new version (its `group.updated` names `members`, and its ETag changes) and
 * the removal's `group.member_removed` carries that version and the group's connector, as a
 * PATCH that removes the member would: the group's events stay ordered by version. The groups
 * are read together and the memberships removed together; only the version moves one group at
 * a time (a conditional update each, read again after another write got there first).
 */
export async function leaveEveryGroup(
  deps: { directory: Pick<Directory, 'groups' | 'memberships'>; now: () => Date },
  tenantId: string,
  memberId: string,
): Promise<void> {
  const { groups, memberships } = deps.directory;
  const all = await memberships.groupsWithMember(tenantId, memberId);
  for (let i = 0; i < all.length; i += CHUNK) {
    const groupIds = all.slice(i, i + CHUNK);
    const read = new Map<string, GroupDoc | null>(groupIds.map((id) => [id, null]));
    const found = (await groups.collection
      .find({ tenantId, _id: { $in: groupIds } } as never)
      .toArray()) as unknown as GroupDoc[];
    for (const group of found) read.set(group._id, group);
    const contexts = new Map<string, RemovalContext>();
    for (const groupId of groupIds) {
      const group = await retryOnConflict(async () => {
        // The group as read above on the first try, read again after a conflict.
        const current = read.has(groupId)
          ? (read.get(groupId) ?? null)
          : await groups.findById(tenantId, groupId);
        read.delete(groupId);
        // A group deleted meanwhile removed its own rows (and published its removals) first.
        if (!current) return false;
        return groups.touch(tenantId, current, deps.now(), ['members']);
      });
      if (group === false) continue;
      contexts.set(groupId, {
        version: group.meta.version,
        connector: typeof group.connector === 'string' ? group.connector : null,
      });
    }
    await memberships.leaveGroups(tenantId, memberId, contexts);
  }
}
