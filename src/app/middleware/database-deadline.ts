import type { NextFunction, Request, Response } from 'express';
import type { DatabaseAvailability } from '../../platform/db/database-availability';
import { ApiError } from '../../platform/errors/api-error';

export const databaseUnavailable = () =>
  new ApiError(503, 'unavailable', 'the database is unavailable; retry later', undefined, {
    'Retry-After': '5',
  });

export interface DeadlineOptions {
  /** After this long without an answer, the database is pinged. */
  checkAfterMs: number;
  /** How long that ping may take; checkAfterMs + pingTimeoutMs stays under 2 s. */
  pingTimeoutMs: number;
  /** Writes the 503 the way this API writes errors (SCIM Error or admin JSON). */
  render: (error: ApiError, req: Request, res: Response) => void;
}

/**
 * Fail fast while the database is away (stopped, unreachable or paused). While the driver's
 * heartbeat says it is down, a request is refused with 503 before it starts. Otherwise a request
 * still unanswered after `checkAfterMs` pings the database: when the ping fails, the request is
 * answered 503 at once; its handler's late answer is then dropped (the error handlers and
 * sendScim skip a response that was already sent). A slow but healthy request is left alone.
 */
export function databaseDeadline(db: DatabaseAvailability, o: DeadlineOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (db.isDown()) throw databaseUnavailable();
    const timer = setTimeout(() => {
      void db.check(o.pingTimeoutMs).then((ok) => {
        if (ok || res.headersSent) return;
        o.render(databaseUnavailable(), req, res);
      });
    }, o.checkAfterMs);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
