import type { mongo } from 'mongoose';
import { PENDING_EVENTS, pendingEvent, type EventType } from './event-types';

/**
 * A `$push` that records an event about a user in the same update as the change it describes
 * (an email sent, delivered or bounced; the first sign-in). These changes do not move the SCIM
 * version, so the event carries none; the relay keeps their order on the user.
 */
export function pushUserEvent(
  type: EventType,
  input: { tenantId: string; userId: string; at: Date; data?: Record<string, unknown> },
): mongo.PushOperator<mongo.Document> {
  const event = pendingEvent({
    type,
    tenantId: input.tenantId,
    resourceType: 'User',
    resourceId: input.userId,
    version: null,
    at: input.at,
    connector: null,
    data: input.data,
  });
  return { [PENDING_EVENTS]: event } as unknown as mongo.PushOperator<mongo.Document>;
}
