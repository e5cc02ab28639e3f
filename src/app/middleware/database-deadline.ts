import type { NextFunction, Request, Response } from 'express';
import type { DatabaseAvailability } from '../../platform/db/database-availability';
import { ApiError } from '../../platform/errors/api-error';

export const databaseUnavailable = () =>
  new ApiError(503, 'unavailable', 'the database is unavailable; retry later', undefined, {
    'Retry-After': '5',
  });

export interface DeadlineOptions {
  /** After this long without an answer, the database is checked (and again every `recheckMs`). */
  checkAfterMs: number;
  /** A command that succeeded this recently proves the database is answering (no ping). */
  recheckMs: number;
  /** How long a ping may take; checkAfterMs + recheckMs + pingTimeoutMs stays under 2 s. */
  pingTimeoutMs: number;
  /** Writes the 503 the way this API writes errors (SCIM Error or admin JSON). */
  render: (error: ApiError, req: Request, res: Response) => void;
}

/**
 * Fail fast while the database is away (stopped, unreachable or paused). While the driver's
 * heartbeat says it is down, a request is refused with 503 before it starts. Otherwise a request
 * still unanswered after `checkAfterMs` checks the database, and again every `recheckMs`: while
 * commands keep succeeding (a busy database) or a ping answers, it goes on; when a ping fails it
 * is answered 503 at once, and its handler's late answer is dropped (the error handlers and
 * sendScim skip a response that was already sent).
 */
export function databaseDeadline(db: DatabaseAvailability, o: DeadlineOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (db.isDown()) throw databaseUnavailable();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
    };
    const check = () => {
      void db.check(o.pingTimeoutMs, o.recheckMs).then((ok) => {
        if (settled || res.headersSent) return;
        if (ok) schedule(o.recheckMs);
        else o.render(databaseUnavailable(), req, res);
      });
    };
    const schedule = (ms: number) => {
      timer = setTimeout(check, ms);
      timer.unref();
    };
    schedule(o.checkAfterMs);
    res.on('close', settle);
    res.on('finish', settle);
    next();
  };
}
