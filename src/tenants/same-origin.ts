import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../platform/errors/api-error';

/** Methods that change nothing (RFC 9110 §9.2.1); every other method is a write. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

/** The origin of PUBLIC_BASE_URL: the only one whose pages may write with the cookie or post a form. */
export const publicOriginOf = (publicBaseUrl: string): string => new URL(publicBaseUrl).origin;

/** What a request says about where it was sent from. */
export interface RequestProvenance {
  origin?: string;
  referer?: string;
  secFetchSite?: string;
}

/** `https://host[:port]` of a URL, or undefined for `null`, garbage and opaque origins. */
function originOf(value: string): string | undefined {
  try {
    const { origin } = new URL(value);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a request does not prove it was sent by a page of `origin` (the origin of
 * PUBLIC_BASE_URL), or undefined when it does. `Sec-Fetch-Site` (Fetch Metadata) must be
 * `same-origin` when present; `Origin` must be exactly ours (`null` never is); without an
 * `Origin`, a `Referer` of ours counts (RFC 6454 §7, OWASP CSRF cheat sheet).
 */
export function crossOriginReason(request: RequestProvenance, origin: string): string | undefined {
  const site = request.secFetchSite;
  if (site !== undefined && site !== 'same-origin') return `Sec-Fetch-Site is "${site}"`;
  if (request.origin !== undefined) {
    if (originOf(request.origin) === origin) return undefined;
    return `Origin is "${request.origin.slice(0, 100)}"`;
  }
  if (request.referer === undefined) return 'neither Origin nor Referer is present';
  return originOf(request.referer) === origin ? undefined : 'the Referer is of another origin';
}

export const provenanceOf = (req: Request): RequestProvenance => ({
  origin: req.get('origin'),
  referer: req.get('referer'),
  secFetchSite: req.get('sec-fetch-site'),
});

/** Throws the one 403 every cookie-borne write and every public form answers from elsewhere. */
export function assertSameOrigin(req: Request, origin: string): void {
  const reason = crossOriginReason(provenanceOf(req), origin);
  if (reason) {
    throw new ApiError(
      403,
      'cross_origin_request',
      `refused: a request with the session cookie or a form must come from this application's own pages at ${origin} (${reason})`,
    );
  }
}

/** Middleware form of `assertSameOrigin` for writes; safe methods pass. */
export function requireSameOrigin(origin: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (isStateChanging(req.method)) assertSameOrigin(req, origin);
    next();
  };
}
