import { isDatabaseUnavailable, isTransientWriteError } from '../db/connect';
import { ApiError } from './api-error';
import { ScimError, type ScimType } from './scim-error';

/** What a thrown error means for the answer; each API renders it its own way (STYLE rule 5). */
export interface Classified {
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
  if (isTransientWriteError(error)) {
    // Made again a few times already (retryTransient); the client may simply retry.
    return {
      status: 503,
      code: 'busy',
      message: 'the database aborted the write because another one collided with it; retry',
      headers: { 'Retry-After': '1' },
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
