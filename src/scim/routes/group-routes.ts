import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app/context';
import type { GroupDoc } from '../../directory/groups/group-model';
import { locationOf, presentResource } from '../presenters/present-resource';
import { etagOf, notModified } from '../query/etag';
import { createGroupOperations } from '../operations/group-operations';
import { parseListParams } from '../query/list-params';
import { parseAttributeList, projectResource, type Projection } from '../query/projection';
import { assertSearchBody, listResources } from './list-resources';
import { sendScim } from './send-scim';

function projectionOf(req: Request): Projection {
  return {
    attributes: parseAttributeList(req.query.attributes, 'attributes'),
    excludedAttributes: parseAttributeList(req.query.excludedAttributes, 'excludedAttributes'),
  };
}

const strip = (a: string) => a.replace(/^urn:ietf:params:scim:schemas:core:2\.0:Group:/i, '');
const wantsMembers = (p: Projection) =>
  p.attributes && p.attributes.length > 0
    ? p.attributes.some((a) => /^members(\.|$)/i.test(strip(a)))
    : !(p.excludedAttributes ?? []).some((a) => /^members$/i.test(strip(a)));

/** Groups as SCIM resources; `members` are read only when the projection wants them. */
export async function presentGroups(
  ctx: AppContext,
  tenantId: string,
  docs: GroupDoc[],
  projection: Projection,
) {
  const { registry, directory } = ctx;
  const pctx = { registry, baseUrl: ctx.scimBaseUrl };
  const out: Array<Record<string, unknown>> = [];
  for (const doc of docs) {
    let extra: Record<string, unknown> = {};
    if (wantsMembers(projection)) {
      const rows = await directory.memberships.membersOf(tenantId, doc._id);
      if (rows.length > 0) {
        extra = {
          members: rows.map((m) => ({
            value: m.memberId,
            $ref: locationOf(ctx.scimBaseUrl, m.type, m.memberId),
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
export function groupRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, directory } = ctx;
  const ops = createGroupOperations(ctx);

  const present = (tenantId: string, docs: GroupDoc[], projection: Projection) =>
    presentGroups(ctx, tenantId, docs, projection);

  const load = (req: Request): Promise<GroupDoc> => ops.load(req.tenantId!, String(req.params.id));

  async function respondWith(req: Request, res: Response, status: number, doc: GroupDoc) {
    const [body] = await present(req.tenantId!, [doc], projectionOf(req));
    res.setHeader('ETag', etagOf(doc.meta.version));
    if (status === 201) res.setHeader('Location', locationOf(ctx.scimBaseUrl, 'Group', doc._id));
    sendScim(res, status, body);
  }

  const list = async (req: Request, res: Response, source: Record<string, unknown>) => {
    const params = parseListParams(source, ctx.config.scimMaxResults);
    const body = await listResources(
      {
        registry,
        repo: directory.groups,
        sameElement: ctx.databaseFlavor === 'mongodb' ? { kind: 'elemMatch' } : undefined,
        cursors: ctx.cursors,
        filterLimits: {
          maxLength: ctx.config.scimFilterMaxLength,
          maxDepth: ctx.config.scimFilterMaxDepth,
        },
        groupsWithMember: (value) => directory.memberships.groupsWithMember(req.tenantId!, value),
        present: (docs) => present(req.tenantId!, docs, params),
      },
      'Group',
      req.tenantId!,
      params,
    );
    sendScim(res, 200, body);
  };

  router.get('/Groups', (req, res) => list(req, res, req.query as Record<string, unknown>));
  router.post('/Groups/.search', (req, res) => list(req, res, assertSearchBody(req.body)));

  router.post('/Groups', async (req, res) => {
    await respondWith(req, res, 201, await ops.create(req.tenantId!, req.body));
  });

  router.get('/Groups/:id', async (req, res) => {
    const doc = await load(req);
    if (notModified(req.get('if-none-match'), doc.meta.version)) {
      res.setHeader('ETag', etagOf(doc.meta.version));
      sendScim(res, 304);
      return;
    }
    await respondWith(req, res, 200, doc);
  });

  router.put('/Groups/:id', async (req, res) => {
    const doc = await ops.replace(
      req.tenantId!,
      String(req.params.id),
      req.body,
      req.get('if-match'),
    );
    await respondWith(req, res, 200, doc);
  });

  router.patch('/Groups/:id', async (req, res) => {
    const doc = await ops.patch(
      req.tenantId!,
      String(req.params.id),
      req.body,
      req.get('if-match'),
    );
    res.setHeader('ETag', etagOf(doc.meta.version));
    sendScim(res, 204);
  });

  router.delete('/Groups/:id', async (req, res) => {
    await ops.remove(req.tenantId!, String(req.params.id), req.get('if-match'));
    sendScim(res, 204);
  });

  return router;
}
