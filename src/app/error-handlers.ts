import type { NextFunction, Request, Response } from 'express';
import { classifyError, type Classified } from '../platform/errors/classify-error';
import type { Logger } from '../platform/logging/logger';

/** Still imported from here by scim/routes/bulk-routes.ts (its own issue-20 change moves it). */
export { classifyError };

function logIfUnexpected(logger: Logger, req: Request, error: unknown, c: Classified): void {
  if (c.unexpected) logger.error('unexpected error', { requestId: req.requestId, error });
  else if (c.status === 503)
    logger.warn('database unavailable', {
      requestId: req.requestId,
      error: (error as Error)?.message,
    });
}

/**
 * True when the response was sent already: the database deadline answered 503 while the
 * handler still waited, and the handler's late outcome (often ERR_HTTP_HEADERS_SENT) is dropped.
 */
function answeredAlready(logger: Logger, req: Request, res: Response, error: unknown): boolean {
  if (!res.headersSent) return false;
  logger.debug('late outcome of an answered request dropped', {
    requestId: req.requestId,
    error: (error as Error)?.message,
  });
  return true;
}

/** SCIM Error response (RFC 7644 §3.12). */
export function scimErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (answeredAlready(logger, req, res, error)) return;
    const c = classifyError(error);
    logIfUnexpected(logger, req, error, c);
    const detail = c.unexpected ? `internal error (request id ${req.requestId})` : c.message;
    res.locals.scimError = { scimType: c.scimType, detail };
    res
      .status(c.status)
      .set(c.headers)
      .type('application/scim+json')
      .send(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: String(c.status),
          ...(c.scimType ? { scimType: c.scimType } : {}),
          detail,
        }),
      );
  };
}

/** JSON error for the administration API: `{ error: { code, message }, requestId }`. */
export function apiErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (answeredAlready(logger, req, res, error)) return;
    const c = classifyError(error);
    logIfUnexpected(logger, req, error, c);
    res
      .status(c.status)
      .set(c.headers)
      .json({
        error: { code: c.code, message: c.unexpected ? 'internal error' : c.message },
        requestId: req.requestId,
      });
  };
}
