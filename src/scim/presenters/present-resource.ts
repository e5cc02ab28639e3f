import type { StoredResource } from '../../directory/resource-repository';
import { fromStoredDocument } from '../schemas/storage-mapping';
import type { ResourceTypeName, SchemaRegistry } from '../schemas/types';
import { etagOf } from '../query/etag';

export interface PresentContext {
  registry: SchemaRegistry;
  baseUrl: string;
}

const ENDPOINT: Record<ResourceTypeName, string> = { User: 'Users', Group: 'Groups' };

export const locationOf = (baseUrl: string, rt: ResourceTypeName, id: string): string =>
  `${baseUrl}/${ENDPOINT[rt]}/${encodeURIComponent(id)}`;

/** RFC 7643 §3.1: the SCIM representation of a stored resource, with `meta`. */
export function presentResource(
  ctx: PresentContext,
  rt: ResourceTypeName,
  doc: StoredResource,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const resource = fromStoredDocument(ctx.registry, rt, doc);
  return {
    ...resource,
    ...extra,
    meta: {
      resourceType: rt,
      created: doc.meta.created.toISOString(),
      lastModified: doc.meta.lastModified.toISOString(),
      location: locationOf(ctx.baseUrl, rt, doc._id),
      version: etagOf(doc.meta.version),
    },
  };
}
