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

/** Guard in the logto style: throws `error` unless `condition` holds. */
export function assertThat(condition: unknown, error: () => Error): asserts condition {
  if (!condition) throw error();
}

export const notFound = (what = 'resource'): ApiError =>
  new ApiError(404, 'not_found', `${what} not found`);
