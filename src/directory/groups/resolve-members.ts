import { ScimError } from '../../platform/errors/scim-error';
import type { Directory } from '../directory';

export interface MemberInput {
  value?: unknown;
  type?: unknown;
}

/**
 * Checks that every member is a user or group of the same tenant and tells which; an id of
 * another tenant is as unknown as a made-up one (400 invalidValue, RFC 7644 §3.12).
 */
export async function resolveMembers(
  directory: Directory,
  tenantId: string,
  members: MemberInput[],
): Promise<Array<{ id: string; type: 'User' | 'Group' }>> {
  const ids = [...new Set(members.map((m) => m.value))];
  if (ids.some((id) => typeof id !== 'string' || id.length === 0 || id.length > 200)) {
    throw new ScimError(
      400,
      'invalidValue',
      'every member needs a "value" with the id of a User or Group',
    );
  }
  const wanted = ids as string[];
  const users = await directory.users.collection
    .find({ tenantId, _id: { $in: wanted } } as never, { projection: { _id: 1 } })
    .toArray();
  const userIds = new Set(users.map((u) => String(u._id)));
  const rest = wanted.filter((id) => !userIds.has(id));
  const groups = rest.length
    ? await directory.groups.collection
        .find({ tenantId, _id: { $in: rest } } as never, { projection: { _id: 1 } })
        .toArray()
    : [];
  const groupIds = new Set(groups.map((g) => String(g._id)));
  const unknown = rest.filter((id) => !groupIds.has(id));
  if (unknown.length > 0) {
    throw new ScimError(
      400,
      'invalidValue',
      `no User or Group with id ${unknown.slice(0, 5).join(', ')}`,
    );
  }
  return wanted.map((id) => ({ id, type: userIds.has(id) ? 'User' : 'Group' }));
}
