import { randomUUID } from 'node:crypto';

/** The lifecycle events the host application can follow (named after WorkOS Directory Sync's). */
export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
  'welcome_email.sent',
  'welcome_email.delivered',
  'welcome_email.bounced',
  'user.first_sign_in',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is EventType =>
  (EVENT_TYPES as readonly string[]).includes(value);

/** The field of a changed document that holds its events until the relay publishes them. */
export const PENDING_EVENTS = '_events';

/**
 * An event as the change writes it, inside the same single-document write: on the changed
 * document (`_events`), or in the pending deletion that is the commit point of a delete.
 * `snapshot` is the stored resource after the change, presented as SCIM JSON when published.
 */
export interface PendingEvent {
  id: string;
  type: EventType;
  tenantId: string;
  resourceType: 'User' | 'Group';
  resourceId: string;
  version: number | null;
  at: Date;
  connector: string | null;
  changedAttributes?: string[];
  snapshot?: Record<string, unknown>;
  /** Type-specific details (the member of a membership event, the welcome generation). */
  data?: Record<string, unknown>;
}

export const newEventId = (): string => `evt_${randomUUID().replace(/-/g, '')}`;

export function pendingEvent(fields: Omit<PendingEvent, 'id'>): PendingEvent {
  const event: PendingEvent = { id: newEventId(), ...fields };
  for (const key of ['changedAttributes', 'snapshot', 'data'] as const) {
    if (event[key] === undefined) delete event[key];
  }
  return event;
}
