import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailable } from '../platform/db/connect';
import { ApiError } from '../platform/errors/api-error';
import { ScimError, type ScimType } from '../platform/errors/scim-error';
import type { Logger } from '../platform/logging/logger';

interface Classified {
  status: number;
  code: string;
  message: string;
  scimType?: ScimType;
  headers: Record<string, string>;
  unexpected?: boolean;
}

interface HttpErrorLike {
  status?: number;
  limit?: number;
  type?: string;
  message?: string;
}

/** Maps anything thrown to one description; an unexpected error never shows its message. */
export function classifyError(error: unknown): Classified {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      scimType: error.scimType,
      headers: error.headers,
    };
  }
  if (error instanceof ScimError) {
    return {
      status: error.status,
      code: error.scimType ?? 'scim_error',
      message: error.message,
      scimType: error.scimType,
      headers: {},
    };
  }
  const http = (error ?? {}) as HttpErrorLike;
  if (http.type === 'entity.too.large') {
    return {
      status: 413,
      code: 'payload_too_large',
      message: `the request body is larger than BODY_LIMIT_BYTES (${http.limit ?? '?'} bytes)`,
      headers: {},
    };
  }
  if (http.type === 'entity.parse.failed') {
    const pollution = /is not allowed in a request body/.exec(http.message ?? '');
    return pollution
      ? {
          status: 400,
          code: 'invalid_value',
          message: http.message ?? 'forbidden key',
          scimType: 'invalidValue',
          headers: {},
        }
      : {
          status: 400,
          code: 'invalid_syntax',
          message: 'the request body is not valid JSON',
          scimType: 'invalidSyntax',
          headers: {},
        };
  }
  if (http.type === 'encoding.unsupported' || http.type === 'charset.unsupported') {
    return {
      status: 415,
      code: 'unsupported_encoding',
      message: http.message ?? 'unsupported encoding',
      headers: {},
    };
  }
  if (http.type === 'request.aborted' || http.type === 'request.size.invalid') {
    return {
      status: 400,
      code: 'bad_request',
      message: 'the request body could not be read',
      scimType: 'invalidSyntax',
      headers: {},
    };
  }
  if (error instanceof URIError) {
    return {
      status: 400,
      code: 'bad_request',
      message: 'malformed percent-encoding in the URL',
      headers: {},
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      code: 'unavailable',
      message: 'the database is unavailable; retry later',
      headers: { 'Retry-After': '5' },
    };
  }
  if (typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
    return {
      status: http.status,
      code: 'bad_request',
      message: 'the request could not be processed',
      headers: {},
    };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'internal error',
    headers: {},
    unexpected: true,
  };
}

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
