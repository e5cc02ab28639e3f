import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app/context';
import type { UserDoc } from '../../directory/users/user-model';
import { locationOf, presentResource } from '../presenters/present-resource';
import { etagOf, notModified } from '../query/etag';
import { parseListParams } from '../query/list-params';
import { parseAttributeList, projectResource, type Projection } from '../query/projection';
import { createUserOperations } from '../operations/user-operations';
import { assertSearchBody, listResources } from './list-resources';
import { sendScim } from './send-scim';

function projectionOf(req: Request): Projection {
  return {
    attributes: parseAttributeList(req.query.attributes, 'attributes'),
    excludedAttributes: parseAttributeList(req.query.excludedAttributes, 'excludedAttributes'),
  };
}

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
  ctx: AppContext,
  tenantId: string,
  docs: UserDoc[],
  projection: Projection,
) {
  const { registry, directory } = ctx;
  const pctx = { registry, baseUrl: ctx.scimBaseUrl };
  const groupsByUser = wantsGroups(projection)
    ? await directory.memberships.groupsOfMembers(
        tenantId,
        docs.map((d) => d._id),
      )
    : new Map<string, Array<{ groupId: string; direct: boolean }>>();
  const groupIds = [...new Set([...groupsByUser.values()].flat().map((g) => g.groupId))];
  const groupDocs = groupIds.length
    ? await directory.groups.list(tenantId, {
        query: { _id: { $in: groupIds } },
        sort: { _id: 1 },
        skip: 0,
        limit: groupIds.length,
      })
    : [];
  const names = new Map(groupDocs.map((g) => [g._id, g.displayName]));
  return docs.map((doc) => {
    const groups = (groupsByUser.get(doc._id) ?? [])
      .filter((g) => names.has(g.groupId))
      .map((g) => ({
        value: g.groupId,
        $ref: locationOf(ctx.scimBaseUrl, 'Group', g.groupId),
        display: names.get(g.groupId),
        type: g.direct ? 'direct' : 'indirect',
      }));
    const resource = presentResource(pctx, 'User', doc, groups.length ? { groups } : {});
    return projectResource(registry, 'User', resource, projection);
  });
}

/** RFC 7644 §3.2–§3.6 for `/Users`. */
export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, directory } = ctx;
  const ops = createUserOperations(ctx);

  const present = (tenantId: string, docs: UserDoc[], projection: Projection) =>
    presentUsers(ctx, tenantId, docs, projection);

  const load = (req: Request): Promise<UserDoc> => ops.load(req.tenantId!, String(req.params.id));

  async function respondWith(req: Request, res: Response, status: number, doc: UserDoc) {
    const [body] = await present(req.tenantId!, [doc], projectionOf(req));
    res.setHeader('ETag', etagOf(doc.meta.version));
    if (status === 201) res.setHeader('Location', locationOf(ctx.scimBaseUrl, 'User', doc._id));
    sendScim(res, status, body);
  }

  const list = async (req: Request, res: Response, source: Record<string, unknown>) => {
    const params = parseListParams(source, ctx.config.scimMaxResults);
    const body = await listResources(
      {
        registry,
        repo: directory.users,
        sameElement: ctx.databaseFlavor === 'mongodb' ? { kind: 'elemMatch' } : undefined,
        cursors: ctx.cursors,
        filterLimits: {
          maxLength: ctx.config.scimFilterMaxLength,
          maxDepth: ctx.config.scimFilterMaxDepth,
        },
        present: (docs) => present(req.tenantId!, docs, params),
      },
      'User',
      req.tenantId!,
      params,
    );
    sendScim(res, 200, body);
  };

  router.get('/Users', (req, res) => list(req, res, req.query as Record<string, unknown>));
  router.post('/Users/.search', (req, res) => list(req, res, assertSearchBody(req.body)));

  router.post('/Users', async (req, res) => {
    const doc = await ops.create(req.tenantId!, req.scim?.connector ?? 'SCIM', req.body);
    await respondWith(req, res, 201, doc);
  });

  router.get('/Users/:id', async (req, res) => {
    const doc = await load(req);
    if (notModified(req.get('if-none-match'), doc.meta.version)) {
      res.setHeader('ETag', etagOf(doc.meta.version));
      sendScim(res, 304);
      return;
    }
    await respondWith(req, res, 200, doc);
  });

  router.put('/Users/:id', async (req, res) => {
    const doc = await ops.replace(
      req.tenantId!,
      String(req.params.id),
      req.body,
      req.get('if-match'),
    );
    await respondWith(req, res, 200, doc);
  });

  router.patch('/Users/:id', async (req, res) => {
    const doc = await ops.patch(
      req.tenantId!,
      String(req.params.id),
      req.body,
      req.get('if-match'),
    );
    await respondWith(req, res, 200, doc);
  });

  router.delete('/Users/:id', async (req, res) => {
    await ops.remove(req.tenantId!, String(req.params.id), req.get('if-match'));
    sendScim(res, 204);
  });

  return router;
}
