import { createHash } from 'node:crypto';
import type { ResourceRepository, StoredResource } from '../../directory/resource-repository';
import { ScimError } from '../../platform/errors/scim-error';
import { parseFilter } from '../filter/parse-filter';
import { translateSort } from '../filter/sort';
import { resolveMemberPlaceholders, translateFilter } from '../filter/translate-filter';
import { listResponse, type ListResponse } from '../messages/list-response';
import type { TtlCache } from '../../platform/cache/ttl-cache';
import type { CursorCodec } from '../query/cursor';
import type { ListParams } from '../query/list-params';
import type { ResourceTypeName, SchemaRegistry } from '../schemas/types';

/** Defaults of SCIM_FILTER_MAX_LENGTH and SCIM_FILTER_MAX_DEPTH. */
export const FILTER_LIMITS = { maxLength: 4096, maxDepth: 32 };

export interface ListDeps<T extends StoredResource> {
  registry: SchemaRegistry;
  repo: ResourceRepository<T>;
  cursors: CursorCodec;
  /** SCIM_FILTER_MAX_LENGTH and SCIM_FILTER_MAX_DEPTH; FILTER_LIMITS when not given. */
  filterLimits?: { maxLength: number; maxDepth: number };
  /** Group ids with a member, for `members` filters on Groups. */
  groupsWithMember?: (memberValue: string) => Promise<string[]>;
  /** Presents a page of documents (batching any lookups), already projected. */
  present: (docs: T[]) => Promise<Array<Record<string, unknown>>>;
  /** Stored fields a page can skip reading. */
  exclude?: string[];
  /** A root search: attributes the other resource type defines have no value here. */
  definedElsewhere?: (attrPath: string) => boolean;
  /** Recent large counts (see LARGE_COUNT), so a walk through a big tenant counts once in a while. */
  counts?: TtlCache<number>;
}

/**
 * Counting is a walk over every match. Counts at least this large are reused for
 * CACHE_TTL_SECONDS by the pages that follow (an Okta import pages through the whole tenant);
 * smaller ones are cheap and always fresh.
 */
const LARGE_COUNT = 1_000;

/** RFC 7644 §3.4.2 (index pagination) and RFC 9865 (cursor pagination) over one repository. */
export async function listResources<T extends StoredResource>(
  deps: ListDeps<T>,
  rt: ResourceTypeName,
  tenantId: string,
  params: ListParams,
): Promise<ListResponse<Record<string, unknown>>> {
  const ctx = {
    registry: deps.registry,
    resourceType: rt,
    definedElsewhere: deps.definedElsewhere,
  };
  let query: Record<string, unknown> = {};
  if (params.filter !== undefined && params.filter.trim() !== '') {
    query = translateFilter(parseFilter(params.filter, deps.filterLimits ?? FILTER_LIMITS), ctx);
    if (deps.groupsWithMember)
      query = await resolveMemberPlaceholders(query, deps.groupsWithMember);
  }
  const sort = translateSort(params.sortBy, params.sortOrder, ctx);
  const defaultOrder = Object.keys(sort).length === 1 && sort._id === 1;
  /**
   * totalResults without a separate count when the page itself tells it: a page shorter than
   * asked for, that starts at the beginning or holds something, is the last one.
   */
  const totalOf = async (skipped: number, found: number): Promise<number> => {
    if (found < params.count && (found > 0 || skipped === 0)) return skipped + found;
    const key = `${tenantId}|${rt}|${JSON.stringify(query)}`;
    const cached = deps.counts?.get(key);
    if (cached !== undefined && cached >= skipped + found) return cached;
    const total = await deps.repo.count(tenantId, query);
    if (total >= LARGE_COUNT) deps.counts?.set(key, total);
    return total;
  };

  if (params.cursor !== undefined) {
    const scope = createHash('sha256')
      .update(JSON.stringify([tenantId, rt, params.filter ?? '', sort]))
      .digest('base64url');
    const state =
      params.cursor === ''
        ? { offset: 0, after: undefined }
        : deps.cursors.decode(params.cursor, scope);
    const keyset = defaultOrder && state.after !== undefined;
    const pageQuery = keyset ? { $and: [query, { _id: { $gt: state.after } }] } : query;
    const docs = await deps.repo.list(tenantId, {
      query: pageQuery,
      sort,
      skip: keyset ? 0 : state.offset,
      limit: params.count,
      exclude: deps.exclude,
    });
    const nextOffset = state.offset + docs.length;
    const totalResults = await totalOf(state.offset, docs.length);
    const last = docs[docs.length - 1];
    const nextCursor =
      nextOffset < totalResults && docs.length > 0
        ? deps.cursors.encode(nextOffset, scope, defaultOrder ? last?._id : undefined)
        : undefined;
    const previousCursor =
      state.offset > 0
        ? deps.cursors.encode(Math.max(0, state.offset - params.count), scope)
        : undefined;
    return listResponse(await deps.present(docs), { totalResults, nextCursor, previousCursor });
  }

  const docs = await deps.repo.list(tenantId, {
    query,
    sort,
    skip: params.startIndex - 1,
    limit: params.count,
    exclude: deps.exclude,
  });
  const totalResults = await totalOf(params.startIndex - 1, docs.length);
  return listResponse(await deps.present(docs), { totalResults, startIndex: params.startIndex });
}

export function assertSearchBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'invalidSyntax', 'the /.search body must be a SearchRequest object');
  }
  return body as Record<string, unknown>;
}
