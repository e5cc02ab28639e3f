import type { Model } from 'mongoose';
import { ApiError } from '../platform/errors/api-error';
import type { EventDoc } from './event-models';
import { decodeCursor, encodeCursor } from './event-cursor';
import { isEventType, type EventType } from './event-types';
import { presentEvent, type EventView } from './present-event';

export const MAX_EVENTS_PAGE = 1000;

export interface ListEventsInput {
  tenantId: string;
  after?: string;
  types?: string;
  limit?: string;
}

/** Parses `types=user.created,group.member_added` (unknown names are refused, not ignored). */
export function parseTypes(types: string | undefined): EventType[] {
  if (!types) return [];
  const names = types
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !isEventType(n));
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      'invalid_types',
      `unknown event types: ${unknown.join(', ').slice(0, 200)}`,
    );
  }
  return names as EventType[];
}

function parseLimit(limit: string | undefined): number {
  if (limit === undefined) return 100;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1)
    throw new ApiError(400, 'invalid_limit', 'limit: a whole number from 1');
  return Math.min(n, MAX_EVENTS_PAGE);
}

/**
 * A page of the tenant's events after the cursor, in commit order. The next cursor is the
 * position of the last event read (the same cursor when there was none), so reading a cursor
 * twice gives the same events and a consumer that stores it after handling a page never skips.
 */
export async function listEvents(
  Event: Model<EventDoc>,
  input: ListEventsInput,
): Promise<{ data: EventView[]; cursor: string; hasMore: boolean }> {
  const after = decodeCursor(input.after);
  const types = parseTypes(input.types);
  const limit = parseLimit(input.limit);
  const docs = (await Event.collection
    .find({
      tenantId: input.tenantId,
      position: { $gt: after },
      ...(types.length ? { type: { $in: types } } : {}),
    } as never)
    .sort({ position: 1 })
    .limit(limit + 1)
    .toArray()) as unknown as EventDoc[];
  const page = docs.slice(0, limit);
  const last = page.at(-1)?.position ?? after;
  return { data: page.map(presentEvent), cursor: encodeCursor(last), hasMore: docs.length > limit };
}
