import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app/context';
import { createUser } from '../../directory/users/create-user';
import type { UserDoc } from '../../directory/users/user-model';
import { hashPassword } from '../../platform/crypto/secrets';
import { ScimError } from '../../platform/errors/scim-error';
import { applyPatch, parsePatchRequest } from '../patch';
import { locationOf, presentResource } from '../presenters/present-resource';
import { checkIfMatch, etagOf, notModified } from '../query/etag';
import { parseListParams } from '../query/list-params';
import { parseAttributeList, projectResource, type Projection } from '../query/projection';
import { normalizeResource } from '../schemas/normalize-resource';
import { assertSearchBody, listResources } from './list-resources';
import { sendScim } from './send-scim';

const MAX_PATCH_OPERATIONS = 1000;
const MAX_PATCH_RETRIES = 8;

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
  const pctx = { registry, baseUrl: ctx.scimBaseUrl };

  const present = (tenantId: string, docs: UserDoc[], projection: Projection) =>
    presentUsers(ctx, tenantId, docs, projection);

  async function load(req: Request): Promise<UserDoc> {
    const doc = await directory.users.findById(req.tenantId!, String(req.params.id));
    if (!doc) throw new ScimError(404, undefined, `User ${String(req.params.id)} not found`);
    return doc;
  }

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
    const { resource, password } = normalizeResource(registry, 'User', req.body, 'create');
    const doc = await createUser(
      { directory, tenants: ctx.tenants, now: ctx.now, wakeOutbox: ctx.outboxSignal.wake },
      {
        tenantId: req.tenantId!,
        resource,
        password,
        source: 'scim',
        connector: req.scim?.connector ?? 'SCIM',
      },
    );
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

  const locked = <T>(req: Request, fn: () => Promise<T>) =>
    ctx.locks.withLock(`user:${String(req.params.id)}`, fn);

  router.put('/Users/:id', async (req, res) => {
    const updated = await locked(req, async () => {
      const current = await load(req);
      checkIfMatch(req.get('if-match'), current.meta.version);
      const { resource, password } = normalizeResource(registry, 'User', req.body, 'replace');
      const next = await directory.users.replaceAttributes(
        req.tenantId!,
        current,
        resource,
        ctx.now(),
      );
      if (!next)
        throw new ScimError(
          412,
          undefined,
          'the resource changed while it was being replaced; retry',
        );
      if (password) await setPassword(req.tenantId!, next._id, password);
      return next;
    });
    await respondWith(req, res, 200, updated);
  });

  router.patch('/Users/:id', async (req, res) => {
    const operations = parsePatchRequest(req.body, { maxOperations: MAX_PATCH_OPERATIONS });
    const updated = await locked(req, async () => {
      for (let attempt = 0; attempt < MAX_PATCH_RETRIES; attempt++) {
        const current = await load(req);
        checkIfMatch(req.get('if-match'), current.meta.version);
        const before = presentResource(pctx, 'User', current);
        delete before.meta;
        const { resource: patched } = applyPatch(before, operations, {
          registry,
          resourceType: 'User',
        });
        const { resource, password } = normalizeResource(registry, 'User', patched, 'replace');
        const next = await directory.users.replaceAttributes(
          req.tenantId!,
          current,
          resource,
          ctx.now(),
        );
        if (!next) {
          if (req.get('if-match'))
            throw new ScimError(412, undefined, 'the resource changed; retry with its new version');
          continue;
        }
        if (password) await setPassword(req.tenantId!, next._id, password);
        return next;
      }
      throw new ScimError(409, undefined, 'the resource is being changed concurrently; retry');
    });
    await respondWith(req, res, 200, updated);
  });

  router.delete('/Users/:id', async (req, res) => {
    const current = await locked(req, () => load(req));
    checkIfMatch(req.get('if-match'), current.meta.version);
    const deleted = await directory.users.deleteById(
      req.tenantId!,
      current._id,
      req.get('if-match') ? current.meta.version : undefined,
    );
    if (!deleted)
      throw new ScimError(
        req.get('if-match') ? 412 : 404,
        undefined,
        'the resource changed or is gone',
      );
    await directory.memberships.removeMemberEverywhere(req.tenantId!, current._id);
    sendScim(res, 204);
  });

  async function setPassword(tenantId: string, id: string, password: string) {
    const passwordHash = await hashPassword(password);
    if (!(await directory.users.findById(tenantId, id))) return;
    await directory.users.collection.updateOne({ _id: id } as never, {
      $set: { passwordHash },
    });
  }

  return router;
}
