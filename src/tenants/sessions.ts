import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { hmac } from '../platform/crypto/secrets';

export type Role = 'admin' | 'user';

export interface Session {
  subject: string;
  tenantId: string;
  role: Role;
  email: string;
  expiresAt: Date;
}

export const SESSION_COOKIE = 'sid';

/** Stateless sessions (ARCHITECTURE.md "Scaling"): HS256 JWTs under a key derived from APP_SECRET. */
export function createSessionLibrary(appSecret: string, ttlMinutes: number) {
  const key = hmac(appSecret, 'session');
  return {
    ttlSeconds: ttlMinutes * 60,
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
