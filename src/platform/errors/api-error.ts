import type { ScimType } from './scim-error';

/**
 * An error a use case throws on purpose: a stable `code`, the HTTP status, and a `scimType`
 * where RFC 7644 §3.12 defines one. Each API renders it in exactly one place.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
