import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../platform/errors/api-error';

function decodesCleanly(query: string): boolean {
  try {
    for (const part of query.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a URL longer than URL_MAX_LENGTH (414) and a query string with malformed
 * percent-encoding (400), before any route reads it: the query parser would otherwise
 * silently turn bad escapes into replacement characters.
 */
export function urlGuard(maxLength: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const url = req.originalUrl;
    if (url.length > maxLength) {
      throw new ApiError(
        414,
        'uri_too_long',
        `the URL is longer than URL_MAX_LENGTH (${maxLength} characters)`,
      );
    }
    const q = url.indexOf('?');
    if (q >= 0 && !decodesCleanly(url.slice(q + 1))) {
      throw new ApiError(
        400,
        'invalid_syntax',
        'malformed percent-encoding in the query string',
        'invalidSyntax',
      );
    }
    next();
  };
}
