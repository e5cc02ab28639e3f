import { Router } from 'express';
import { ScimError } from '../../platform/errors/scim-error';
import { listResponse, type ListResponse } from '../messages/list-response';
import { parseListParams, type ListParams } from '../query/list-params';
import type { ScimDeps } from '../scim-deps';
import { presentGroups } from './group-routes';
import { assertSearchBody, listResources } from './list-resources';
import { sendScim } from './send-scim';
import { presentUsers } from './user-routes';

type Page = ListResponse<Record<string, unknown>>;

/**
 * Lists one resource type for a root search. A filter that type cannot evaluate (it names an
 * attribute the type does not have) leaves the type out; it is an error only if no type can.
 */
async function listOrNone(list: () => Promise<Page>, refused: ScimError[]): Promise<Page | null> {
  try {
    return await list();
  } catch (error) {
    if (!(error instanceof ScimError) || error.scimType !== 'invalidFilter') throw error;
    refused.push(error);
    return null;
  }
}

/**
 * RFC 7644 §3.4.3: `POST /.search` at the root searches Users, then Groups, as one list with
 * index pagination. Sorting and cursors across resource types are refused (400 invalidValue).
 */
export function rootSearchRoutes(deps: ScimDeps): Router {
  const router = Router();
  router.post('/.search', async (req, res) => {
    const params = parseListParams(assertSearchBody(req.body), deps.config.maxResults);
    if (params.sortBy !== undefined || params.cursor !== undefined) {
      throw new ScimError(
        400,
        'invalidValue',
        'sortBy and cursor are not available on /.search at the root; search /Users/.search or /Groups/.search',
      );
    }
    const tenantId = req.tenantId!;
    const common = {
      registry: deps.registry,
      cursors: deps.cursors,
      filterLimits: {
        maxLength: deps.config.filterMaxLength,
        maxDepth: deps.config.filterMaxDepth,
      },
    };
    const refused: ScimError[] = [];
    // RFC 7644 §3.4.2.1: an attribute one type lacks is treated there as having no value.
    const definedIn = (rt: 'User' | 'Group') => (attrPath: string) =>
      deps.registry.resolve(rt, attrPath) !== undefined;
    const users = await listOrNone(
      () =>
        listResources(
          {
            ...common,
            repo: deps.directory.users,
            definedElsewhere: definedIn('Group'),
            present: (docs) => presentUsers(deps, tenantId, docs, params),
          },
          'User',
          tenantId,
          params,
        ),
      refused,
    );
    const usersTotal = users?.totalResults ?? 0;
    const remaining: ListParams = {
      ...params,
      startIndex: Math.max(1, params.startIndex - usersTotal),
      count: params.count - (users?.Resources.length ?? 0),
    };
    const groups = await listOrNone(
      () =>
        listResources(
          {
            ...common,
            repo: deps.directory.groups,
            definedElsewhere: definedIn('User'),
            groupsWithMember: (value) =>
              deps.directory.memberships.groupsWithMember(tenantId, value),
            present: (docs) => presentGroups(deps, tenantId, docs, params),
          },
          'Group',
          tenantId,
          remaining,
        ),
      refused,
    );
    if (!users && !groups) throw refused[0]!;
    const found = [...(users?.Resources ?? []), ...(groups?.Resources ?? [])];
    sendScim(
      res,
      200,
      listResponse(found, {
        totalResults: usersTotal + (groups?.totalResults ?? 0),
        startIndex: params.startIndex,
      }),
    );
  });
  return router;
}
