import { presentResource, type PresentContext } from '../scim/presenters/present-resource';
import type { StoredResource } from '../directory/resource-repository';
import type { EventDoc } from './event-models';
import type { PendingEvent } from './event-types';

/** An event as the Events API returns it and a webhook carries it. */
export interface EventView {
  id: string;
  type: string;
  tenant: string;
  timestamp: string;
  connector: string | null;
  resourceType: 'User' | 'Group';
  resourceId: string;
  version: number | null;
  changedAttributes?: string[];
  /** The resource as SCIM JSON after the change; `{id}` for a deletion; the member for membership events. */
  data: Record<string, unknown>;
}

/** What a pending event publishes as `data` (its snapshot presented, or its details). */
export function eventData(ctx: PresentContext, event: PendingEvent): Record<string, unknown> {
  if (event.snapshot) {
    return presentResource(ctx, event.resourceType, event.snapshot as unknown as StoredResource);
  }
  return { id: event.resourceId, ...event.data };
}

export function presentEvent(doc: EventDoc): EventView {
  return {
    id: doc._id,
    type: doc.type,
    tenant: doc.tenantId,
    timestamp: doc.occurredAt.toISOString(),
    connector: doc.connector,
    resourceType: doc.resourceType,
    resourceId: doc.resourceId,
    version: doc.version,
    ...(doc.changedAttributes ? { changedAttributes: doc.changedAttributes } : {}),
    data: doc.data,
  };
}
