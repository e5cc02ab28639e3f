import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { hmac } from '../platform/crypto/secrets';
import { publicOriginOf } from './same-origin';

export type Role = 'admin' | 'user';

export interface Session {
  subject: string;
  tenantId: string;
  role: Role;
  email: string;
  expiresAt: Date;
}

/** How the session cookie is named and flagged; the same every time it is set, read or cleared. */
export interface SessionCookie {
  name: string;
  options: { httpOnly: true; sameSite: 'strict'; secure: boolean; path: '/' };
}

/**
 * Under an https PUBLIC_BASE_URL the cookie is `Secure` and named `__Host-sid`: browsers
 * then refuse it unless it is Secure, has `Path=/` and no `Domain`, so neither a plain-http
 * page nor a sibling subdomain can plant or overwrite it. Over http (development) it is `sid`.
 */
export function sessionCookieFor(publicBaseUrl: string): SessionCookie {
  const secure = publicBaseUrl.startsWith('https://');
  return {
    name: secure ? '__Host-sid' : 'sid',
    options: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
  };
}

/** Stateless sessions (ARCHITECTURE.md "Scaling"): HS256 JWTs under a key derived from APP_SECRET. */
export function createSessionLibrary(appSecret: string, ttlMinutes: number, publicBaseUrl: string) {
  const key = hmac(appSecret, 'session');
  return {
    ttlSeconds: ttlMinutes * 60,
    cookie: sessionCookieFor(publicBaseUrl),
    /** The only origin whose pages may send a write with the session cookie (same-origin.ts). */
    origin: publicOriginOf(publicBaseUrl),
    issue(input: Omit<Session, 'expiresAt'>): { token: string; expiresAt: Date } {
      const token = jwt.sign({ tid: input.tenantId, role: input.role, email: input.email }, key, {
        algorithm: 'HS256',
        subject: input.subject,
        expiresIn: ttlMinutes * 60,
        jwtid: randomUUID(),
        audience: 'session',
      });
      return { token, expiresAt: new Date(Date.now() + ttlMinutes * 60_000) };
    },
    verify(token: string): Session | null {
      try {
        const claims = jwt.verify(token, key, { algorithms: ['HS256'], audience: 'session' });
        if (
          typeof claims !== 'object' ||
          typeof claims.sub !== 'string' ||
          typeof claims.tid !== 'string'
        ) {
          return null;
        }
        const role: Role = claims.role === 'admin' ? 'admin' : 'user';
        return {
          subject: claims.sub,
          tenantId: claims.tid,
          role,
          email: typeof claims.email === 'string' ? claims.email : '',
          expiresAt: new Date((claims.exp ?? 0) * 1000),
        };
      } catch {
        return null;
      }
    },
  };
}

export type SessionLibrary = ReturnType<typeof createSessionLibrary>;

/** Reads one cookie from a Cookie header without a dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
