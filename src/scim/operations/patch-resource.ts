import type { StoredResource } from '../../directory/resource-repository';
import { applyPatch, type PatchOperation } from '../patch';
import type { MemberChanges } from '../patch/types';
import { presentResource } from '../presenters/present-resource';
import { checkIfMatch } from '../query/etag';
import type { ScimSchemaRegistry } from '../schemas/registry';
import { normalizeResource } from '../schemas/normalize-resource';
import { toStoredDocument } from '../schemas/storage-mapping';

export interface PatchedResource {
  resource: Record<string, unknown>;
  /** The stored resource before the operations, normalised the same way. */
  original: Record<string, unknown>;
  password?: string;
  memberChanges?: MemberChanges;
}

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
): PatchedResource {
  checkIfMatch(ifMatch, current.meta.version);
  const before = presentResource(ctx, resourceType, current);
  delete before.meta;
  const result = applyPatch(before, operations, { registry: ctx.registry, resourceType });
  const normalize = (r: Record<string, unknown>) =>
    normalizeResource(ctx.registry, resourceType, r, 'replace');
  const { resource, password } = normalize(result.resource);
  const original = normalize(before).resource;
  return { resource, original, password, memberChanges: result.memberChanges };
}

/** The stored resource normalised as a replacement (PUT) of it would be, to compare the two. */
export function storedAsReplacement(
  ctx: { registry: ScimSchemaRegistry; baseUrl: string },
  resourceType: 'User' | 'Group',
  current: StoredResource,
): Record<string, unknown> {
  const before = presentResource(ctx, resourceType, current);
  delete before.meta;
  return normalizeResource(ctx.registry, resourceType, before, 'replace').resource;
}

/**
 * RFC 7644 §3.5.2.1: an operation that leaves the attributes as they were "SHALL NOT change
 * the modify timestamp", so the caller skips the write (and the version stays, as does the ETag).
 */
export function sameAttributes(
  registry: ScimSchemaRegistry,
  resourceType: 'User' | 'Group',
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): boolean {
  const stored = (r: Record<string, unknown>) =>
    JSON.stringify(toStoredDocument(registry, resourceType, r));
  return stored(a) === stored(b);
}
