import { ApiError } from '../platform/errors/api-error';

/**
 * The Events API cursor: opaque to clients, stable (the same cursor always means "after this
 * position"), and meaningless across tenants because every read is scoped by tenant.
 */
export const encodeCursor = (position: number): string =>
  Buffer.from(`p${position}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const match = /^p(\d{1,15})$/.exec(text);
  if (!match) throw new ApiError(400, 'invalid_cursor', 'after: not a cursor this API returned');
  return Number(match[1]);
}
