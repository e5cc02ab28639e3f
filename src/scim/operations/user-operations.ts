import type { AppContext } from '../../app/context';
import { createUser } from '../../directory/users/create-user';
import type { UserDoc } from '../../directory/users/user-model';
import { hashPassword } from '../../platform/crypto/secrets';
import { ScimError } from '../../platform/errors/scim-error';
import { parsePatchRequest } from '../patch';
import { checkIfMatch } from '../query/etag';
import { normalizeResource } from '../schemas/normalize-resource';
import { patchStoredResource, sameAttributes, stored } from './patch-resource';

/**
 * The write use cases on Users (RFC 7644 §3.3, §3.5.1, §3.5.2, §3.6), shared by the
 * `/Users` routes and `/Bulk`. Each write of an existing user runs under its document lock.
 */
export function createUserOperations(ctx: AppContext) {
  const { registry, directory } = ctx;
  const pctx = { registry, baseUrl: ctx.scimBaseUrl };
  const locked = <T>(id: string, fn: () => Promise<T>) => ctx.locks.withLock(`user:${id}`, fn);

  async function load(tenantId: string, id: string): Promise<UserDoc> {
    const doc = await directory.users.findById(tenantId, id);
    if (!doc) throw new ScimError(404, undefined, `User ${id} not found`);
    return doc;
  }

  async function setPassword(id: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await directory.users.collection.updateOne({ _id: id } as never, { $set: { passwordHash } });
  }

  async function create(tenantId: string, connector: string, body: unknown): Promise<UserDoc> {
    const { resource, password } = normalizeResource(registry, 'User', body, 'create');
    return createUser(
      { directory, tenants: ctx.tenants, now: ctx.now, wakeOutbox: ctx.outboxSignal.wake },
      { tenantId, resource, password, source: 'scim', connector },
    );
  }

  async function replace(
    tenantId: string,
    id: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<UserDoc> {
    return locked(id, async () => {
      const current = await load(tenantId, id);
      checkIfMatch(ifMatch, current.meta.version);
      const { resource, password } = normalizeResource(registry, 'User', body, 'replace');
      const next = stored(
        await directory.users.replaceAttributes(tenantId, current, resource, ctx.now()),
      );
      if (password) await setPassword(id, password);
      return next;
    });
  }

  async function patch(
    tenantId: string,
    id: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<UserDoc> {
    const operations = parsePatchRequest(body, {
      maxOperations: ctx.config.scimPatchMaxOperations,
    });
    return locked(id, async () => {
      const current = await load(tenantId, id);
      const patched = patchStoredResource(pctx, 'User', current, operations, ifMatch);
      const { resource, password } = patched;
      if (!password && sameAttributes(registry, 'User', patched.original, resource)) return current;
      const next = stored(
        await directory.users.replaceAttributes(tenantId, current, resource, ctx.now()),
      );
      if (password) await setPassword(id, password);
      return next;
    });
  }

  async function remove(tenantId: string, id: string, ifMatch?: string): Promise<void> {
    await locked(id, async () => {
      const current = await load(tenantId, id);
      checkIfMatch(ifMatch, current.meta.version);
      if (!(await directory.users.deleteById(tenantId, id)))
        throw new ScimError(404, undefined, `User ${id} not found`);
      await directory.memberships.removeMemberEverywhere(tenantId, id);
      await ctx.Link.updateMany(
        { tenantId, userId: id, usedAt: null, revokedAt: null },
        { $set: { revokedAt: ctx.now(), revokedReason: 'user-deleted' } },
      );
    });
  }

  return { load, create, replace, patch, remove };
}

export type UserOperations = ReturnType<typeof createUserOperations>;
