import type { Router } from 'express';
import type { UserDoc } from '../../directory/users/user-model';
import type { GroupOfMember } from '../../directory/memberships/membership-repository';
import { locationOf, presentResource } from '../presenters/present-resource';
import { projectResource, type Projection } from '../query/projection';
import { createUserOperations } from '../operations/user-operations';
import type { ScimDeps } from '../scim-deps';
import { resourceRoutes } from './resource-routes';

const wantsGroups = (p: Projection) =>
  p.attributes && p.attributes.length > 0
    ? p.attributes.some((a) =>
        /^groups(\.|$)/i.test(a.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '')),
      )
    : !(p.excludedAttributes ?? []).some((a) =>
        /^groups$/i.test(a.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '')),
      );

/** Users as SCIM resources, with `groups` (RFC 7643 §4.1.2) read in one batch per page. */
export async function presentUsers(
  deps: Pick<ScimDeps, 'registry' | 'directory' | 'config'>,
  tenantId: string,
  docs: UserDoc[],
  projection: Projection,
  options: { created?: boolean } = {},
) {
  const { registry, directory } = deps;
  const pctx = { registry, baseUrl: deps.config.baseUrl };
  // A user created by this very request, or still marked `noGroups` (membership-repository.ts),
  // is in no group: nothing to look up.
  const lookUp = options.created ? [] : docs.filter((d) => d.noGroups !== true).map((d) => d._id);
  const groupsByUser =
    wantsGroups(projection) && lookUp.length > 0
      ? await directory.memberships.groupsOfMembers(tenantId, lookUp)
      : new Map<string, GroupOfMember[]>();
  // Rows written before they carried the group's displayName: read those names once.
  const unnamed = [
    ...new Set(
      [...groupsByUser.values()]
        .flat()
        .filter((g) => g.display === undefined)
        .map((g) => g.groupId),
    ),
  ];
  const groupDocs = unnamed.length
    ? await directory.groups.list(tenantId, {
        query: { _id: { $in: unnamed } },
        sort: { _id: 1 },
        skip: 0,
        limit: unnamed.length,
      })
    : [];
  const names = new Map(groupDocs.map((g) => [g._id, g.displayName]));
  return docs.map((doc) => {
    const groups = (groupsByUser.get(doc._id) ?? [])
      .map((g) => ({ ...g, display: g.display ?? names.get(g.groupId) }))
      .filter((g) => g.display !== undefined)
      .map((g) => ({
        value: g.groupId,
        $ref: locationOf(deps.config.baseUrl, 'Group', g.groupId),
        display: g.display,
        type: g.direct ? 'direct' : 'indirect',
      }));
    const resource = presentResource(pctx, 'User', doc, groups.length ? { groups } : {});
    return projectResource(registry, 'User', resource, projection);
  });
}

/** RFC 7644 §3.2–§3.6 for `/Users`. */
export function userRoutes(deps: ScimDeps): Router {
  return resourceRoutes(deps, {
    resourceType: 'User',
    endpoint: 'Users',
    repo: deps.directory.users,
    ops: createUserOperations(deps),
    present: (tenantId, docs: UserDoc[], projection, options) =>
      presentUsers(deps, tenantId, docs, projection, options),
    patchAnswer: 200,
  });
}
