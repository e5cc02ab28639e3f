import { Router } from 'express';
import { ApiError } from '../platform/errors/api-error';
import { createFailureGuard } from '../platform/rate-limit/failure-guard';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { Events } from './events-capability';
import { listEvents } from './list-events';

/** A query parameter given at most once (a repeated one is refused, not half-read). */
function text(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new ApiError(400, 'invalid_request', `${name}: give it once`);
}

/** What the Events API needs: the credentials and events, and the limiter for failed ones. */
export interface EventsApiRoutesDeps {
  events: Pick<Events, 'readers' | 'Event'>;
  limiter: RateLimiter;
}

/**
 * `GET /api/events?after=<cursor>&types=…&limit=…`: the tenant's events in commit order, for
 * the host application, authorised by an event-reader credential (never a SCIM token).
 */
export function eventsApiRoutes(deps: EventsApiRoutesDeps): Router {
  const { events } = deps;
  // Failed credentials are limited per client as SCIM tokens and sign-ins are.
  const failures = createFailureGuard(deps.limiter, 'event-reader');
  const router = Router();
  router.get('/events', async (req, res) => {
    const bearer = /^Bearer ([!-~]+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const reader = bearer ? await events.readers.authenticate(bearer) : null;
    if (!reader) {
      await failures.failed(req.ip);
      throw new ApiError(
        401,
        'unauthorized',
        'an event-reader credential is required: Authorization: Bearer evr_…',
        undefined,
        { 'WWW-Authenticate': 'Bearer realm="events"' },
      );
    }
    await failures.succeeded(req.ip);
    const q = req.query as Record<string, unknown>;
    const page = await listEvents(events.Event, {
      tenantId: reader.tenantId,
      after: text(q.after, 'after'),
      types: text(q.types, 'types'),
      limit: text(q.limit, 'limit'),
    });
    res.set('Cache-Control', 'no-store').json(page);
  });
  return router;
}
