import type { Connection } from 'mongoose';
import { createEventModels } from '../events/event-models';
import { createPendingEventsSignal } from '../events/pending-events-signal';
import type { ScimSchemaRegistry } from '../scim/schemas/registry';
import { createGroupModels, type GroupDoc } from './groups/group-model';
import { createMembershipRepository } from './memberships/membership-repository';
import { createResourceRepository } from './resource-repository';
import { createUserModel, INTERNAL_USER_FIELDS, type UserDoc } from './users/user-model';

const INTERNAL_GROUP_FIELDS = new Set(['_id', 'tenantId', 'meta', 'noGroups', 'connector']);

/** The directory's repositories (users, groups, memberships), built on one connection. */
export function createDirectory(conn: Connection, registry: ScimSchemaRegistry, now: () => Date) {
  const User = createUserModel(conn);
  const { Group, Membership } = createGroupModels(conn);
  const events = createEventModels(conn);
  /** Writes through these repositories wake this process's events relay. */
  const pendingEvents = createPendingEventsSignal();
  const eventing = {
    pendingDeletions: events.PendingDeletion,
    clock: now,
    onEventsWritten: pendingEvents.notify,
  };
  return {
    pendingEvents,
    User,
    Group,
    Membership,
    events,
    users: createResourceRepository<UserDoc>({
      model: User,
      resourceType: 'User',
      registry,
      internalFields: INTERNAL_USER_FIELDS,
      uniqueAttribute: 'userName',
      ...eventing,
    }),
    groups: createResourceRepository<GroupDoc>({
      model: Group,
      resourceType: 'Group',
      registry,
      internalFields: INTERNAL_GROUP_FIELDS,
      uniqueAttribute: 'displayName',
      ...eventing,
    }),
    memberships: createMembershipRepository(Membership, User.collection, Group.collection, {
      now,
      pendingDeletions: events.PendingDeletion,
      onEventsWritten: pendingEvents.notify,
    }),
  };
}

export type Directory = ReturnType<typeof createDirectory>;
