import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../../platform/errors/api-error';

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
 * Forms are posted same-origin. Browsers say where a request comes from in `Sec-Fetch-Site`;
 * a cross-site form post (login CSRF, forced sign-out) is refused. `Origin` is no help here:
 * with `Referrer-Policy: no-referrer` browsers send `Origin: null` for our own forms.
 */
export function refuseCrossSite(req: Request, _res: Response, next: NextFunction): void {
  if (req.get('sec-fetch-site') === 'cross-site') {
    throw new ApiError(403, 'cross_site', 'cross-site form posts are refused');
  }
  next();
}
