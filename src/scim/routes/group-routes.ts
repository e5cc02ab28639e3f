import type { Router } from 'express';
import type { GroupDoc } from '../../directory/groups/group-model';
import { locationOf, presentResource } from '../presenters/present-resource';
import { createGroupOperations } from '../operations/group-operations';
import { resourceRoutes } from './resource-routes';
import { projectResource, type Projection } from '../query/projection';
import type { ScimDeps } from '../scim-deps';

const strip = (a: string) => a.replace(/^urn:ietf:params:scim:schemas:core:2\.0:Group:/i, '');
const wantsMembers = (p: Projection) =>
  p.attributes && p.attributes.length > 0
    ? p.attributes.some((a) => /^members(\.|$)/i.test(strip(a)))
    : !(p.excludedAttributes ?? []).some((a) => /^members$/i.test(strip(a)));

/** Groups as SCIM resources; `members` are read only when the projection wants them. */
export async function presentGroups(
  deps: Pick<ScimDeps, 'registry' | 'directory' | 'config'>,
  tenantId: string,
  docs: GroupDoc[],
  projection: Projection,
) {
  const { registry, directory } = deps;
  const pctx = { registry, baseUrl: deps.config.baseUrl };
  const out: Array<Record<string, unknown>> = [];
  for (const doc of docs) {
    let extra: Record<string, unknown> = {};
    if (wantsMembers(projection)) {
      const rows = await directory.memberships.membersOf(tenantId, doc._id);
      if (rows.length > 0) {
        extra = {
          members: rows.map((m) => ({
            value: m.memberId,
            $ref: locationOf(deps.config.baseUrl, m.type, m.memberId),
            type: m.type,
          })),
        };
      }
    }
    out.push(
      projectResource(registry, 'Group', presentResource(pctx, 'Group', doc, extra), projection),
    );
  }
  return out;
}

/** RFC 7644 §3.2–§3.6 for `/Groups`. */
export function groupRoutes(deps: ScimDeps): Router {
  const ops = createGroupOperations(deps);
  return resourceRoutes(deps, {
    resourceType: 'Group',
    endpoint: 'Groups',
    repo: deps.directory.groups,
    ops: { ...ops, create: (tenantId, connector, body) => ops.create(tenantId, body, connector) },
    present: (tenantId, docs: GroupDoc[], projection) =>
      presentGroups(deps, tenantId, docs, projection),
    patchAnswer: 204,
    groupsWithMember: (tenantId, value) =>
      deps.directory.memberships.groupsWithMember(tenantId, value),
  });
}
