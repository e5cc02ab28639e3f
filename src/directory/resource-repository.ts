import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { PendingDeletionDoc } from '../events/event-models';
import { PENDING_EVENTS, type PendingEvent } from '../events/event-types';
import { notifying, type RelayRead } from '../events/pending-events-signal';
import { ScimError } from '../platform/errors/scim-error';
import { retryTransient } from '../platform/db/connect';
import { keyedQueue } from './retry-on-conflict';
import type { ScimSchemaRegistry } from '../scim/schemas/registry';
import { sortKeysOf } from '../scim/schemas/sort-keys';
import { toStoredDocument } from '../scim/schemas/storage-mapping';
import type { ResourceTypeName } from '../scim/schemas/types';
import {
  changedAttributeNames,
  resourceEvent,
  snapshotOf,
  updateEventType,
} from './resource-events';

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

/** A unique index refused the write: code 11000 on MongoDB and FerretDB alike (never the message). */
export const isDuplicateKey = (error: unknown) =>
  (error as { code?: number } | undefined)?.code === 11000;

/** True when every write error of an unordered insertMany or bulkWrite is a duplicate key (11000). */
export function onlyDuplicates(error: unknown): boolean {
  const { writeErrors, code } = error as { writeErrors?: Array<{ code?: number }>; code?: number };
  const codes = writeErrors ? writeErrors.map((e) => e.code) : [code];
  // A bulk error without write errors (a write concern error) is not a duplicate.
  return codes.length > 0 && codes.every((c) => c === 11000);
}

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
  /** Where a deletion's event is committed before the document goes (resource-events.ts). */
  pendingDeletions: Model<PendingDeletionDoc>;
  clock: () => Date;
  /** Called after every write (each leaves an event for the relay), with what the relay reads. */
  onEventsWritten?: (where: RelayRead) => void;
}) {
  const { model, resourceType, registry, internalFields, uniqueAttribute } = options;
  const collection = model.collection;
  const prefix = resourceType === 'User' ? 'user' : 'group';
  const connectorOf = (doc: Record<string, unknown>) =>
    typeof doc.connector === 'string' ? doc.connector : null;
  const conflict = () =>
    new ScimError(
      409,
      'uniqueness',
      `a ${resourceType} with this ${uniqueAttribute} already exists`,
    );

  const insertsOfOneName = keyedQueue();

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
    const attributes = storedAttributes(resource);
    const _id = randomUUID();
    const meta = { created: now, lastModified: now, version: 1 };
    // The event is part of the insert: a refused insert (409) has none, a committed one has one.
    const created = resourceEvent(resourceType, {
      type: `${prefix}.created`,
      tenantId,
      resourceId: _id,
      version: 1,
      at: now,
      connector: connectorOf(extra),
      snapshot: snapshotOf(_id, attributes, meta),
    });
    const doc = { ...attributes, ...extra, _id, tenantId, meta, [PENDING_EVENTS]: [created] };
    try {
      // The unique name as its index compares it (the case-folded shadow where there is one).
      const name = attributes[`${uniqueAttribute}_lc`] ?? attributes[uniqueAttribute];
      await insertsOfOneName(`${tenantId}\n${String(name)}`, () =>
        retryTransient(() => collection.insertOne(doc as never)),
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict();
      throw error;
    }
    return doc as unknown as T;
  }

  async function findById(tenantId: string, id: string): Promise<T | null> {
    if (typeof id !== 'string' || id.length > 200) return null;
    return (await collection.findOne({ _id: id, tenantId } as never)) as T | null;
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
   * Replaces the SCIM attributes of a document if it is still at `current`'s version, in one
   * conditional update (optimistic concurrency); internal fields are untouched except those in
   * `internal`. The new document (built here from `current` and the update, which is exactly
   * what the update stores), or null when another write moved the version on.
   */
  async function replaceAttributes(
    tenantId: string,
    current: T,
    resource: Record<string, unknown>,
    now: Date,
    internal: Record<string, unknown> = {},
  ): Promise<T | null> {
    const next = storedAttributes(resource);
    const unset: Record<string, ''> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(current)) {
      if (!internalFields.has(key) && key !== PENDING_EVENTS && !(key in next)) unset[key] = '';
      else after[key] = value;
    }
    const meta = { ...current.meta, lastModified: now, version: current.meta.version + 1 };
    const changed = changedAttributeNames(registry, resourceType, current, next);
    if (internal.passwordHash !== undefined) changed.push('password');
    // A group's members live in their own collection: a version bump with no attribute of the
    // document changed is a membership change (its member events follow).
    if (changed.length === 0 && resourceType === 'Group') changed.push('members');
    // Written in the same conditional update as the change it describes.
    const event = resourceEvent(resourceType, {
      type: updateEventType(resourceType, current, next),
      tenantId,
      resourceId: current._id,
      version: meta.version,
      at: now,
      connector: connectorOf(current),
      changedAttributes: changed,
      snapshot: snapshotOf(current._id, next, meta),
    });
    const update: Record<string, unknown> = {
      $set: { ...next, ...internal, 'meta.lastModified': now },
      $inc: { 'meta.version': 1 },
      $push: { [PENDING_EVENTS]: event },
    };
    if (Object.keys(unset).length > 0) update.$unset = unset;
    try {
      const result = await retryTransient(() =>
        collection.updateOne(
          { _id: current._id, tenantId, 'meta.version': current.meta.version } as never,
          update,
        ),
      );
      if (result.matchedCount !== 1) return null;
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict();
      throw error;
    }
    return { ...after, ...next, ...internal, meta } as unknown as T;
  }

  /**
   * Moves the version of a document whose own attributes stay (a group whose members changed),
   * with its `<type>.updated` event naming `changedAttributes`; the same conditional update as
   * replaceAttributes, so null when another write moved the version on.
   */
  async function touch(
    tenantId: string,
    current: T,
    now: Date,
    changedAttributes: string[],
  ): Promise<T | null> {
    const meta = { ...current.meta, lastModified: now, version: current.meta.version + 1 };
    const attributes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(current)) {
      if (!internalFields.has(key) && key !== PENDING_EVENTS) attributes[key] = value;
    }
    const event = resourceEvent(resourceType, {
      type: `${prefix}.updated`,
      tenantId,
      resourceId: current._id,
      version: meta.version,
      at: now,
      connector: connectorOf(current),
      changedAttributes,
      snapshot: snapshotOf(current._id, attributes, meta),
    });
    const result = await retryTransient(() =>
      collection.updateOne(
        { _id: current._id, tenantId, 'meta.version': current.meta.version } as never,
        {
          $set: { 'meta.lastModified': now },
          $inc: { 'meta.version': 1 },
          $push: { [PENDING_EVENTS]: event },
        } as never,
      ),
    );
    if (result.matchedCount !== 1) return null;
    return { ...current, meta } as T;
  }

  /**
   * Deletes the document at `version` (the current one when not given); false when nothing
   * matched. The deletion's commit point is the insert of its pending deletion, keyed by the
   * resource and the version it creates, carrying the event (and the events the document still
   * held); the document is deleted next, and the event relay finishes or drops what a crash left.
   */
  async function deleteById(tenantId: string, id: string, version?: number): Promise<boolean> {
    const filter = {
      _id: id,
      tenantId,
      ...(version === undefined ? {} : { 'meta.version': version }),
    };
    const current = (await collection.findOne(filter as never)) as T | null;
    if (!current) return false;
    const at = current.meta.version;
    const held = (current[PENDING_EVENTS] as PendingEvent[] | undefined) ?? [];
    const deleted = resourceEvent(resourceType, {
      type: `${prefix}.deleted`,
      tenantId,
      resourceId: id,
      version: at + 1,
      at: options.clock(),
      connector: connectorOf(current),
    });
    try {
      const pending = {
        _id: `${tenantId}|${id}|${at + 1}`,
        tenantId,
        collection: collection.collectionName as 'users' | 'groups',
        documentId: id,
        version: at,
        events: [...held, deleted],
        createdAt: options.clock(),
      };
      await retryTransient(() => options.pendingDeletions.collection.insertOne(pending as never));
    } catch (error) {
      if (isDuplicateKey(error)) return false; // another deletion of this version is under way
      throw error;
    }
    const result = await retryTransient(() =>
      collection.deleteOne({ _id: id, tenantId, 'meta.version': at } as never),
    );
    if (result.deletedCount === 1) return true;
    // The relay may have finished it; otherwise a later write won and the deletion is void.
    const still = await collection.findOne({ _id: id, tenantId } as never, {
      projection: { _id: 1 },
    });
    if (!still) return true;
    await retryTransient(() =>
      options.pendingDeletions.collection.deleteOne({
        _id: `${tenantId}|${id}|${at + 1}`,
      } as never),
    );
    return false;
  }

  const announce = options.onEventsWritten ?? (() => undefined);
  const written = () => announce(resourceType === 'User' ? 'users' : 'groups');
  return {
    insert: notifying(insert, written),
    findById,
    list,
    count,
    replaceAttributes: notifying(replaceAttributes, written),
    touch: notifying(touch, written),
    // A deletion is committed in a pending deletion first (resource-events.ts).
    deleteById: notifying(deleteById, () => announce('deletions')),
    collection,
  };
}

export type ResourceRepository<T extends StoredResource> = ReturnType<
  typeof createResourceRepository<T>
>;
