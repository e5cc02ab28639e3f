import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { ScimError } from '../platform/errors/scim-error';
import type { ScimSchemaRegistry } from '../scim/schemas/registry';
import { sortKeysOf } from '../scim/schemas/sort-keys';
import { toStoredDocument } from '../scim/schemas/storage-mapping';
import type { ResourceTypeName } from '../scim/schemas/types';

export interface StoredResource {
  _id: string;
  tenantId: string;
  meta: { created: Date; lastModified: Date; version: number };
  [field: string]: unknown;
}

export interface ListQuery {
  query: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
  skip: number;
  limit: number;
  /** Stored top-level fields to leave out of the read (e.g. large ones). */
  exclude?: string[];
}

/** E11000; FerretDB's SQLite backend reports a unique-index clash on an update as InternalError. */
const isDuplicateKey = (error: unknown) => {
  const e = error as { code?: number; message?: string } | undefined;
  return e?.code === 11000 || (e?.code === 1 && /UNIQUE constraint failed/.test(e.message ?? ''));
};

/**
 * The storage operations shared by users and groups. Every call takes the tenant id, and
 * every query includes it: one tenant can never read or change another's documents.
 */
export function createResourceRepository<T extends StoredResource>(options: {
  model: Model<T>;
  resourceType: ResourceTypeName;
  registry: ScimSchemaRegistry;
  /** Top-level fields that are not SCIM attributes and survive a replace. */
  internalFields: ReadonlySet<string>;
  uniqueAttribute: string;
}) {
  const { model, resourceType, registry, internalFields, uniqueAttribute } = options;
  const collection = model.collection;
  const conflict = () =>
    new ScimError(
      409,
      'uniqueness',
      `a ${resourceType} with this ${uniqueAttribute} already exists`,
    );

  function storedAttributes(resource: Record<string, unknown>): Record<string, unknown> {
    const stored = toStoredDocument(registry, resourceType, resource);
    delete stored._id;
    return { ...stored, ...sortKeysOf(registry, resourceType, stored) };
  }

  async function insert(
    tenantId: string,
    resource: Record<string, unknown>,
    extra: Record<string, unknown>,
    now: Date,
  ): Promise<T> {
    const doc = {
      ...storedAttributes(resource),
      ...extra,
      _id: randomUUID(),
      tenantId,
      meta: { created: now, lastModified: now, version: 1 },
    };
    try {
      await collection.insertOne(doc as never);
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict();
      throw error;
    }
    return doc as unknown as T;
  }

  async function findById(tenantId: string, id: string): Promise<T | null> {
    if (typeof id !== 'string' || id.length > 200) return null;
    // Filter on `_id` alone: FerretDB 1.x only pushes a bare `_id` equality down to its index.
    const doc = (await collection.findOne({ _id: id } as never)) as T | null;
    return doc && doc.tenantId === tenantId ? doc : null;
  }

  async function list(tenantId: string, q: ListQuery): Promise<T[]> {
    const projection = Object.fromEntries((q.exclude ?? []).map((f) => [f, 0]));
    if (q.limit <= 0) return [];
    const cursor = collection
      .find({ ...q.query, tenantId } as never, { projection })
      .sort(q.sort)
      .skip(q.skip)
      .limit(q.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async function count(tenantId: string, query: Record<string, unknown>): Promise<number> {
    return collection.countDocuments({ ...query, tenantId } as never);
  }

  /**
   * Replaces the SCIM attributes of a document if it is still at `version` (optimistic
   * concurrency); internal fields are untouched. Null when the version moved on.
   */
  async function replaceAttributes(
    tenantId: string,
    current: T,
    resource: Record<string, unknown>,
    now: Date,
  ): Promise<T | null> {
    const next = storedAttributes(resource);
    const unset: Record<string, ''> = {};
    for (const key of Object.keys(current)) {
      if (!internalFields.has(key) && !(key in next)) unset[key] = '';
    }
    const update: Record<string, unknown> = {
      $set: { ...next, 'meta.lastModified': now },
      $inc: { 'meta.version': 1 },
    };
    if (Object.keys(unset).length > 0) update.$unset = unset;
    try {
      // Callers hold the document's lock; the version check still guards direct API users.
      const fresh = await findById(tenantId, current._id);
      if (!fresh || fresh.meta.version !== current.meta.version) return null;
      await collection.updateOne({ _id: current._id } as never, update);
      return findById(tenantId, current._id);
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict();
      throw error;
    }
  }

  async function deleteById(tenantId: string, id: string, version?: number): Promise<boolean> {
    const current = await findById(tenantId, id);
    if (!current || (version !== undefined && current.meta.version !== version)) return false;
    const result = await collection.deleteOne({ _id: id } as never);
    return result.deletedCount === 1;
  }

  return { insert, findById, list, count, replaceAttributes, deleteById, collection };
}

export type ResourceRepository<T extends StoredResource> = ReturnType<
  typeof createResourceRepository<T>
>;
