import type { Directory } from '../directory';
import { retryOnConflict } from '../retry-on-conflict';

/**
 * A deleted user or group leaves every group it was in. Each group's members change, so each
 * group moves to a new version (its `group.updated` names `members`, and its ETag changes) and
 * the removal's `group.member_removed` carries that version and the group's connector, as a
 * PATCH that removes the member would: the group's events stay ordered by version.
 */
export async function leaveEveryGroup(
  deps: { directory: Pick<Directory, 'groups' | 'memberships'>; now: () => Date },
  tenantId: string,
  memberId: string,
): Promise<void> {
  const { groups, memberships } = deps.directory;
  for (const groupId of await memberships.groupsWithMember(tenantId, memberId)) {
    const group = await retryOnConflict(async () => {
      const current = await groups.findById(tenantId, groupId);
      // A group deleted meanwhile removed its own rows (and published its removals) first.
      if (!current) return false;
      return groups.touch(tenantId, current, deps.now(), ['members']);
    });
    if (group === false) continue;
    const connector = typeof group.connector === 'string' ? group.connector : null;
    await memberships.removeMembers(tenantId, groupId, [memberId], {
      version: group.meta.version,
      connector,
    });
  }
}
