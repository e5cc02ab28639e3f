import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app/context';
import type { GroupDoc } from '../../directory/groups/group-model';
import { resolveMembers, type MemberInput } from '../../directory/groups/resolve-members';
import { ScimError } from '../../platform/errors/scim-error';
import { applyPatch, parsePatchRequest } from '../patch';
import { locationOf, presentResource } from '../presenters/present-resource';
import { checkIfMatch, etagOf, notModified } from '../query/etag';
import { parseListParams } from '../query/list-params';
import { parseAttributeList, projectResource, type Projection } from '../query/projection';
import { normalizeResource } from '../schemas/normalize-resource';
import { assertSearchBody, listResources } from './list-resources';
import { sendScim } from './send-scim';

const MAX_PATCH_RETRIES = 8;

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

/** Splits `members` out of a normalized Group: memberships live in their own collection. */
function splitMembers(resource: Record<string, unknown>): {
  resource: Record<string, unknown>;
  members?: MemberInput[];
} {
  const { members, ...rest } = resource;
  return {
    resource: rest,
    members: Array.isArray(members) ? (members as MemberInput[]) : undefined,
  };
}

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
        const names = await memberNames(ctx, tenantId, rows);
        extra = {
          members: rows.map((m) => ({
            value: m.memberId,
            $ref: locationOf(ctx.scimBaseUrl, m.type, m.memberId),
            type: m.type,
            ...(names.has(m.memberId) ? { display: names.get(m.memberId) } : {}),
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

/** RFC 7643 §2.4 `display` of each member: a user's displayName (else userName), a group's displayName. */
async function memberNames(
  ctx: AppContext,
  tenantId: string,
  rows: Array<{ memberId: string; type: string }>,
) {
  const names = new Map<string, string>();
  const lookup = async (
    collection: typeof ctx.directory.users.collection,
    ids: string[],
    pick: (d: Record<string, unknown>) => unknown,
  ) => {
    for (let i = 0; i < ids.length; i += 1000) {
      const docs = await collection
        .find({ _id: { $in: ids.slice(i, i + 1000) } } as never, {
          projection: { tenantId: 1, displayName: 1, userName: 1 },
        })
        .toArray();
      for (const d of docs) {
        const name = pick(d);
        if (d.tenantId === tenantId && typeof name === 'string') names.set(String(d._id), name);
      }
    }
  };
  await lookup(
    ctx.directory.users.collection,
    rows.filter((r) => r.type === 'User').map((r) => r.memberId),
    (d) => d.displayName ?? d.userName,
  );
  await lookup(
    ctx.directory.groups.collection,
    rows.filter((r) => r.type === 'Group').map((r) => r.memberId),
    (d) => d.displayName,
  );
  return names;
}

/** RFC 7644 §3.2–§3.6 for `/Groups`. */
export function groupRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, directory } = ctx;
  const pctx = { registry, baseUrl: ctx.scimBaseUrl };

  const present = (tenantId: string, docs: GroupDoc[], projection: Projection) =>
    presentGroups(ctx, tenantId, docs, projection);

  async function load(req: Request): Promise<GroupDoc> {
    const doc = await directory.groups.findById(req.tenantId!, String(req.params.id));
    if (!doc) throw new ScimError(404, undefined, `Group ${String(req.params.id)} not found`);
    return doc;
  }

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
    const { resource, members } = splitMembers(
      normalizeResource(registry, 'Group', req.body, 'create').resource,
    );
    const tenantId = req.tenantId!;
    const resolved = members ? await resolveMembers(directory, tenantId, members) : [];
    const doc = await directory.groups.insert(tenantId, resource, {}, ctx.now());
    if (resolved.length) await directory.memberships.addMembers(tenantId, doc._id, resolved);
    await respondWith(req, res, 201, doc);
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

  const locked = <T>(req: Request, fn: () => Promise<T>) =>
    ctx.locks.withLock(`group:${String(req.params.id)}`, fn);

  router.put('/Groups/:id', async (req, res) => {
    const updated = await locked(req, async () => {
      const current = await load(req);
      checkIfMatch(req.get('if-match'), current.meta.version);
      const tenantId = req.tenantId!;
      const { resource, members } = splitMembers(
        normalizeResource(registry, 'Group', req.body, 'replace').resource,
      );
      const resolved = await resolveMembers(directory, tenantId, members ?? []);
      const next = await directory.groups.replaceAttributes(tenantId, current, resource, ctx.now());
      if (!next)
        throw new ScimError(
          412,
          undefined,
          'the resource changed while it was being replaced; retry',
        );
      await directory.memberships.removeAllMembers(tenantId, current._id);
      if (resolved.length) await directory.memberships.addMembers(tenantId, current._id, resolved);
      return next;
    });
    await respondWith(req, res, 200, updated);
  });

  router.patch('/Groups/:id', async (req, res) => {
    const operations = parsePatchRequest(req.body, { maxOperations: 1000 });
    const tenantId = req.tenantId!;
    const version = await locked(req, async () => {
      for (let attempt = 0; attempt < MAX_PATCH_RETRIES; attempt++) {
        const current = await load(req);
        checkIfMatch(req.get('if-match'), current.meta.version);
        const before = presentResource(pctx, 'Group', current);
        delete before.meta;
        const result = applyPatch(before, operations, { registry, resourceType: 'Group' });
        const { resource } = splitMembers(
          normalizeResource(registry, 'Group', result.resource, 'replace').resource,
        );
        const changes = result.memberChanges;
        const added = changes
          ? await resolveMembers(directory, tenantId, changes.replace ?? changes.add)
          : [];
        const updated = await directory.groups.replaceAttributes(
          tenantId,
          current,
          resource,
          ctx.now(),
        );
        if (!updated) {
          if (req.get('if-match'))
            throw new ScimError(412, undefined, 'the resource changed; retry with its new version');
          continue;
        }
        if (changes) {
          if (changes.remove === 'all')
            await directory.memberships.removeAllMembers(tenantId, current._id);
          else if (changes.remove.length)
            await directory.memberships.removeMembers(tenantId, current._id, changes.remove);
          if (added.length) await directory.memberships.addMembers(tenantId, current._id, added);
        }
        return updated.meta.version;
      }
      throw new ScimError(409, undefined, 'the resource is being changed concurrently; retry');
    });
    res.setHeader('ETag', etagOf(version));
    sendScim(res, 204);
  });

  router.delete('/Groups/:id', async (req, res) => {
    const current = await load(req);
    checkIfMatch(req.get('if-match'), current.meta.version);
    await directory.groups.deleteById(req.tenantId!, current._id);
    await directory.memberships.removeAllMembers(req.tenantId!, current._id);
    await directory.memberships.removeMemberEverywhere(req.tenantId!, current._id);
    sendScim(res, 204);
  });

  return router;
}
