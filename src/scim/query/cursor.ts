import { createHmac, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../../platform/errors/scim-error';

/** What a cursor remembers: where the next page starts, for which query, until when. */
export interface CursorState {
  /** Offset of the page's first result. */
  offset: number;
  /** With the default order (by id): the last id of the previous page, for a keyset read. */
  after?: string;
  /** Hash of tenant, resource type, filter and sort the cursor belongs to. */
  scope: string;
  expiresAt: number;
}

/** RFC 9865: opaque, signed cursors; a tampered one is `invalidCursor`, an old one `expiredCursor`. */
export function createCursorCodec(
  secret: Buffer,
  ttlSeconds: number,
  now: () => number = Date.now,
) {
  const sign = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest().subarray(0, 16);
  return {
    encode(offset: number, scope: string, after?: string): string {
      const body = {
        o: offset,
        s: scope,
        e: now() + ttlSeconds * 1000,
        ...(after ? { a: after } : {}),
      };
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    decode(cursor: string, scope: string): CursorState {
      const [payload, mac] = cursor.split('.');
      const invalid = () =>
        new ScimError(400, 'invalidCursor', 'the cursor is not valid for this query');
      if (!payload || !mac || cursor.length > 1000) throw invalid();
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      let state: { o?: unknown; s?: unknown; e?: unknown; a?: unknown };
      try {
        state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof state;
      } catch {
        throw invalid();
      }
      if (typeof state.o !== 'number' || typeof state.s !== 'string' || typeof state.e !== 'number')
        throw invalid();
      if (state.s !== scope) throw invalid();
      if (state.e < now())
        throw new ScimError(400, 'expiredCursor', 'the cursor has expired; start again');
      const after = typeof state.a === 'string' ? state.a : undefined;
      return { offset: state.o, scope: state.s, expiresAt: state.e, after };
    },
  };
}

export type CursorCodec = ReturnType<typeof createCursorCodec>;
