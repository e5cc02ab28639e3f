import { Schema, type Connection, type Model } from 'mongoose';
import type { EventType, PendingEvent } from './event-types';

/** A published event: its position is gap-free and increases in commit order. */
export interface EventDoc {
  _id: string;
  tenantId: string;
  position: number;
  type: EventType;
  resourceType: 'User' | 'Group';
  resourceId: string;
  version: number | null;
  occurredAt: Date;
  connector: string | null;
  changedAttributes?: string[];
  data: Record<string, unknown>;
  publishedAt: Date;
  /** TTL: events are kept EVENT_RETENTION_DAYS. */
  expiresAt: Date;
}

/**
 * The commit point of a deletion: inserted, keyed by resource and version, before the document
 * (or membership row) is deleted, carrying the deletion event and any events the document still
 * held. The relay publishes it once the document is gone, finishes a deletion its requester did
 * not, and drops it when a later write to the document won.
 */
export interface PendingDeletionDoc {
  _id: string;
  tenantId: string;
  collection: 'users' | 'groups' | 'memberships';
  /** The deleted document's `_id`. */
  documentId: string;
  /** The document is deleted only at this version (users, groups) or with this row id. */
  version?: number;
  rowId?: string;
  events: PendingEvent[];
  createdAt: Date;
}

/** Who relays events now; a lease runs out so another process takes over after a crash. */
export interface RelayLeaseDoc {
  _id: string;
  holder: string;
  until: Date;
}

const eventSchema = new Schema<EventDoc>(
  { _id: String, tenantId: String, position: Number },
  { collection: 'events', strict: false, versionKey: false },
);
eventSchema.index({ position: 1 }, { unique: true });
eventSchema.index({ tenantId: 1, position: 1 });
eventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const pendingSchema = new Schema<PendingDeletionDoc>(
  { _id: String, tenantId: String, createdAt: Date },
  { collection: 'pending_deletions', strict: false, versionKey: false },
);
pendingSchema.index({ createdAt: 1 });

const leaseSchema = new Schema<RelayLeaseDoc>(
  { _id: String, holder: String, until: Date },
  { collection: 'relay_leases', versionKey: false },
);

export interface EventModels {
  Event: Model<EventDoc>;
  PendingDeletion: Model<PendingDeletionDoc>;
  RelayLease: Model<RelayLeaseDoc>;
}

export function createEventModels(conn: Connection): EventModels {
  return {
    Event: conn.model<EventDoc>('Event', eventSchema),
    PendingDeletion: conn.model<PendingDeletionDoc>('PendingDeletion', pendingSchema),
    RelayLease: conn.model<RelayLeaseDoc>('RelayLease', leaseSchema),
  };
}
