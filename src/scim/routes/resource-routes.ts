import { Router, type Request, type Response } from 'express';
import { createTtlCache } from '../../platform/cache/ttl-cache';
import type { ResourceRepository, StoredResource } from '../../directory/resource-repository';
import { locationOf } from '../presenters/present-resource';
import { etagOf, notModified } from '../query/etag';
import { parseListParams } from '../query/list-params';
import { parseAttributeList, type Projection } from '../query/projection';
import { assertSearchBody, listResources } from './list-resources';
import type { ScimDeps } from '../scim-deps';
import { sendScim } from './send-scim';

/** What differs between `/Users` and `/Groups`; everything else is the same protocol. */
export interface ResourceSpec<T extends StoredResource> {
  resourceType: 'User' | 'Group';
  endpoint: 'Users' | 'Groups';
  repo: ResourceRepository<T>;
  ops: {
    load(tenantId: string, id: string): Promise<T>;
    create(tenantId: string, connector: string, body: unknown): Promise<T>;
    replace(tenantId: string, id: string, body: unknown, ifMatch?: string): Promise<T>;
    patch(tenantId: string, id: string, body: unknown, ifMatch?: string): Promise<T>;
    remove(tenantId: string, id: string, ifMatch?: string): Promise<void>;
  };
  /** `created`: the documents were inserted by this request, so nothing refers to them yet. */
  present(
    tenantId: string,
    docs: T[],
    projection: Projection,
    options?: { created?: boolean },
  ): Promise<Array<Record<string, unknown>>>;
  /**
   * RFC 7644 §3.5.2: Users answer a PATCH with the resource, Groups with 204 (large member
   * lists) unless the request names `attributes` or `excludedAttributes`.
   */
  patchAnswer: 200 | 204;
  groupsWithMember?: (tenantId: string, memberValue: string) => Promise<string[]>;
}

export function projectionOf(req: Request): Projection {
  return {
    attributes: parseAttributeList(req.query.attributes, 'attributes'),
    excludedAttributes: parseAttributeList(req.query.excludedAttributes, 'excludedAttributes'),
  };
}

/** RFC 7644 §3.2–§3.6 for one resource endpoint: thin handlers over the spec's use cases. */
export function resourceRoutes<T extends StoredResource>(
  deps: Pick<ScimDeps, 'registry' | 'cursors' | 'config'>,
  spec: ResourceSpec<T>,
): Router {
  const router = Router();
  const base = `/${spec.endpoint}`;
  const idOf = (req: Request) => String(req.params.id);

  async function respondWith(req: Request, res: Response, status: number, doc: T) {
    res.setHeader('ETag', etagOf(doc.meta.version));
    if (status === 204) {
      sendScim(res, 204);
      return;
    }
    const [body] = await spec.present(req.tenantId!, [doc], projectionOf(req), {
      created: status === 201,
    });
    const location = locationOf(deps.config.baseUrl, spec.resourceType, doc._id);
    // RFC 7643 §3.1: meta.location "MUST be the same as the Content-Location" header.
    res.setHeader('Content-Location', location);
    if (status === 201) res.setHeader('Location', location);
    sendScim(res, status, body);
  }

  const counts = createTtlCache<number>({
    ttlMs: deps.config.cacheTtlSeconds * 1000,
    maxEntries: 1_000,
  });
  const list = async (req: Request, res: Response, source: Record<string, unknown>) => {
    const params = parseListParams(source, deps.config.maxResults);
    const tenantId = req.tenantId!;
    const body = await listResources(
      {
        registry: deps.registry,
        repo: spec.repo,
        cursors: deps.cursors,
        filterLimits: {
          maxLength: deps.config.filterMaxLength,
          maxDepth: deps.config.filterMaxDepth,
        },
        groupsWithMember:
          spec.groupsWithMember && ((value) => spec.groupsWithMember!(tenantId, value)),
        present: (docs) => spec.present(tenantId, docs, params),
        counts,
      },
      spec.resourceType,
      tenantId,
      params,
    );
    sendScim(res, 200, body);
  };

  router.get(base, (req, res) => list(req, res, req.query as Record<string, unknown>));
  router.post(`${base}/.search`, (req, res) => list(req, res, assertSearchBody(req.body)));

  router.post(base, async (req, res) => {
    await respondWith(
      req,
      res,
      201,
      await spec.ops.create(req.tenantId!, req.scim?.connector ?? 'SCIM', req.body),
    );
  });

  router.get(`${base}/:id`, async (req, res) => {
    const doc = await spec.ops.load(req.tenantId!, idOf(req));
    if (notModified(req.get('if-none-match'), doc.meta.version)) {
      res.setHeader('ETag', etagOf(doc.meta.version));
      sendScim(res, 304);
      return;
    }
    await respondWith(req, res, 200, doc);
  });

  router.put(`${base}/:id`, async (req, res) => {
    await respondWith(
      req,
      res,
      200,
      await spec.ops.replace(req.tenantId!, idOf(req), req.body, req.get('if-match')),
    );
  });

  router.patch(`${base}/:id`, async (req, res) => {
    const doc = await spec.ops.patch(req.tenantId!, idOf(req), req.body, req.get('if-match'));
    // RFC 7644 §3.5.2: "MUST return a 200 OK if the 'attributes' parameter is specified".
    const asked = req.query.attributes !== undefined || req.query.excludedAttributes !== undefined;
    await respondWith(req, res, asked ? 200 : spec.patchAnswer, doc);
  });

  router.delete(`${base}/:id`, async (req, res) => {
    await spec.ops.remove(req.tenantId!, idOf(req), req.get('if-match'));
    sendScim(res, 204);
  });

  return router;
}
