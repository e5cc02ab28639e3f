import { pendingEvent, type EventType, type PendingEvent } from '../events/event-types';
import type { ScimSchemaRegistry } from '../scim/schemas/registry';
import { fromStoredDocument } from '../scim/schemas/storage-mapping';
import type { ResourceTypeName } from '../scim/schemas/types';

const EXTENSION = /^urn:/i;

/** The SCIM attribute names whose values differ (extension attributes as `urn:…:name`). */
export function changedAttributeNames(
  registry: ScimSchemaRegistry,
  resourceType: ResourceTypeName,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const a = fromStoredDocument(registry, resourceType, before) as Record<string, unknown>;
  const b = fromStoredDocument(registry, resourceType, after) as Record<string, unknown>;
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'schemas' || key === 'id') continue;
    if (EXTENSION.test(key)) {
      const ea = (a[key] ?? {}) as Record<string, unknown>;
      const eb = (b[key] ?? {}) as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(ea), ...Object.keys(eb)])) {
        if (JSON.stringify(ea[sub]) !== JSON.stringify(eb[sub])) changed.push(`${key}:${sub}`);
      }
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      changed.push(key);
    }
  }
  return changed.sort();
}

const isInactive = (doc: Record<string, unknown>) => doc.active === false;

/** user.deactivated / user.reactivated when `active` flips, else `<type>.updated`. */
export function updateEventType(
  resourceType: ResourceTypeName,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): EventType {
  if (resourceType === 'Group') return 'group.updated';
  if (!isInactive(before) && isInactive(after)) return 'user.deactivated';
  if (isInactive(before) && !isInactive(after)) return 'user.reactivated';
  return 'user.updated';
}

/** The stored resource as the event will present it (SCIM attributes and meta, nothing internal). */
export function snapshotOf(
  id: string,
  attributes: Record<string, unknown>,
  meta: { created: Date; lastModified: Date; version: number },
): Record<string, unknown> {
  const snapshot: Record<string, unknown> = { _id: id, meta };
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith('_') && !key.endsWith('_lc')) snapshot[key] = value;
  }
  return snapshot;
}

export function resourceEvent(
  resourceType: ResourceTypeName,
  fields: Omit<PendingEvent, 'id' | 'resourceType'>,
): PendingEvent {
  return pendingEvent({ resourceType, ...fields });
}
