import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { ApiError } from '../../platform/errors/api-error';
import { requireSameOrigin } from '../../tenants/same-origin';

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FORM_LIMIT = '16kb';

/**
 * `application/x-www-form-urlencoded` bodies, flat (no `a[b]` nesting), at most 16 kB. A
 * `__proto__`, `constructor` or `prototype` field refuses the whole body; it is checked on
 * the raw bytes because the parser silently drops `__proto__`.
 */
export const formBody = express.urlencoded({
  extended: false,
  limit: FORM_LIMIT,
  parameterLimit: 20,
  verify(_req, _res, buffer) {
    for (const key of new URLSearchParams(buffer.toString('utf8')).keys()) {
      // `__proto__[x]` is a literal name here, but a nested parser elsewhere would not read it so.
      if (key.split(/[[\].]/).some((part) => POISON_KEYS.has(part)))
        throw new ApiError(400, 'invalid_form', 'forbidden form field');
    }
  },
});

/** One text field of a parsed form; a repeated or missing field reads as undefined. */
export function formField(req: Request, name: string): string | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The guards every public form post passes before its handler: it must come from one of our
 * own pages (same-origin.ts: `Origin`, else `Referer`, and `Sec-Fetch-Site`; login CSRF is a
 * CSRF too), then it must be `application/x-www-form-urlencoded` (415 otherwise), then it is
 * parsed. Our pages send `Referrer-Policy: same-origin`, so browsers put our real origin in
 * `Origin` (with `no-referrer` they would send `Origin: null` for our own forms).
 */
export function formPost(origin: string): RequestHandler[] {
  return [requireSameOrigin(origin), requireFormContentType, formBody];
}

function requireFormContentType(req: Request, _res: Response, next: NextFunction): void {
  const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `a form must be sent as application/x-www-form-urlencoded, not ${type ?? 'without a Content-Type'}`,
    );
  }
  next();
}
