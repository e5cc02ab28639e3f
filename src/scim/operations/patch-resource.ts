import type { StoredResource } from '../../directory/resource-repository';
import { ScimError } from '../../platform/errors/scim-error';
import { applyPatch, type PatchOperation } from '../patch';
import type { MemberChanges } from '../patch/types';
import { presentResource } from '../presenters/present-resource';
import { checkIfMatch } from '../query/etag';
import type { ScimSchemaRegistry } from '../schemas/registry';
import { normalizeResource } from '../schemas/normalize-resource';

/**
 * RFC 7644 §3.5.2: the stored resource with the operations applied, normalised and validated
 * as a full replacement would be (all or nothing: any error throws before anything is stored).
 */
export function patchStoredResource(
  ctx: { registry: ScimSchemaRegistry; baseUrl: string },
  resourceType: 'User' | 'Group',
  current: StoredResource,
  operations: readonly PatchOperation[],
  ifMatch: string | undefined,
): { resource: Record<string, unknown>; password?: string; memberChanges?: MemberChanges } {
  checkIfMatch(ifMatch, current.meta.version);
  const before = presentResource(ctx, resourceType, current);
  delete before.meta;
  const result = applyPatch(before, operations, { registry: ctx.registry, resourceType });
  const { resource, password } = normalizeResource(
    ctx.registry,
    resourceType,
    result.resource,
    'replace',
  );
  return { resource, password, memberChanges: result.memberChanges };
}

/** Writes happen under the document's lock, so a version that moved meanwhile is a real conflict. */
export function stored<T>(next: T | null): T {
  if (!next)
    throw new ScimError(409, undefined, 'the resource was changed by another request; retry');
  return next;
}
