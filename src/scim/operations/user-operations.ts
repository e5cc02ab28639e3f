import { leaveEveryGroup } from '../../directory/memberships/leave-every-group';
import type { UserDoc } from '../../directory/users/user-model';
import { hashPassword } from '../../platform/crypto/secrets';
import { ScimError } from '../../platform/errors/scim-error';
import { parsePatchRequest } from '../patch';
import { checkIfMatch } from '../query/etag';
import { normalizeResource } from '../schemas/normalize-resource';
import { retryOnConflict } from '../../directory/retry-on-conflict';
import type { ScimDeps } from '../scim-deps';
import { patchStoredResource, sameAttributes, storedAsReplacement } from './patch-resource';

export type UserOperationsDeps = Pick<
  ScimDeps,
  'registry' | 'directory' | 'now' | 'Link' | 'createUser' | 'config'
>;

/**
 * The write use cases on Users (RFC 7644 §3.3, §3.5.1, §3.5.2, §3.6), shared by the
 * `/Users` routes and `/Bulk`. A write of an existing user is one conditional update on the
 * version it read; when another write got there first it reads again and re-applies, so no
 * update is lost (an If-Match that no longer holds is then a 412).
 */
export function createUserOperations(deps: UserOperationsDeps) {
  const { registry, directory } = deps;
  const pctx = { registry, baseUrl: deps.config.baseUrl };

  async function load(tenantId: string, id: string): Promise<UserDoc> {
    const doc = await directory.users.findById(tenantId, id);
    if (!doc) throw new ScimError(404, undefined, `User ${id} not found`);
    return doc;
  }

  /** The password's hash travels in the same update as the attributes. */
  const passwordFields = async (password?: string) =>
    password ? { passwordHash: await hashPassword(password) } : {};

  async function create(tenantId: string, connector: string, body: unknown): Promise<UserDoc> {
    const { resource, password } = normalizeResource(registry, 'User', body, 'create');
    return deps.createUser({ tenantId, resource, password, source: 'scim', connector });
  }

  async function replace(
    tenantId: string,
    id: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<UserDoc> {
    const { resource, password } = normalizeResource(registry, 'User', body, 'replace');
    const internal = await passwordFields(password);
    return retryOnConflict(async () => {
      const current = await load(tenantId, id);
      checkIfMatch(ifMatch, current.meta.version);
      // RFC 7644 §3.5.1: a PUT of what is stored changes nothing (Okta re-PUTs on every push),
      // so it writes nothing: no event, and meta and the ETag stay.
      const stored = storedAsReplacement(pctx, 'User', current);
      if (!password && sameAttributes(registry, 'User', stored, resource)) return current;
      return directory.users.replaceAttributes(tenantId, current, resource, deps.now(), internal);
    });
  }

  async function patch(
    tenantId: string,
    id: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<UserDoc> {
    const operations = parsePatchRequest(body, {
      maxOperations: deps.config.patchMaxOperations,
    });
    return retryOnConflict(async () => {
      const current = await load(tenantId, id);
      const patched = patchStoredResource(pctx, 'User', current, operations, ifMatch);
      const { resource, password } = patched;
      // RFC 7644 §3.5.2.1: a PATCH that changes nothing writes nothing (meta and ETag stay).
      if (!password && sameAttributes(registry, 'User', patched.original, resource)) return current;
      const internal = await passwordFields(password);
      return directory.users.replaceAttributes(tenantId, current, resource, deps.now(), internal);
    });
  }

  async function remove(tenantId: string, id: string, ifMatch?: string): Promise<void> {
    await retryOnConflict(async () => {
      const current = await load(tenantId, id);
      checkIfMatch(ifMatch, current.meta.version);
      return (await directory.users.deleteById(tenantId, id, current.meta.version)) || null;
    });
    await leaveEveryGroup({ directory, now: deps.now }, tenantId, id);
    await deps.Link.updateMany(
      { tenantId, userId: id, usedAt: null, revokedAt: null },
      { $set: { revokedAt: deps.now(), revokedReason: 'user-deleted' } },
    );
  }

  return { load, create, replace, patch, remove };
}

export type UserOperations = ReturnType<typeof createUserOperations>;
