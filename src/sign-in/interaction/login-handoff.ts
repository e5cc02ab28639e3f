import jwt from 'jsonwebtoken';
import type { Request, Response } from 'express';
import { hmac } from '../../platform/crypto/secrets';
import { readCookie } from '../../tenants/sessions';

/**
 * A user who has just proved themselves on one of our pages (a welcome link and a new password,
 * or a password reset) continues into the tenant's application without typing the password
 * again: this short-lived cookie, readable only under the tenant's interaction path, lets the
 * provider's login prompt finish with that user. `SameSite=Lax`, since the browser comes back
 * to us through the application's redirect (a top-level navigation from another site).
 */
export interface LoginHandoff {
  tenantId: string;
  userId: string;
  /** When the user authenticated, in seconds (the provider's `auth_time`). */
  authTime: number;
}

const TTL_SECONDS = 10 * 60;
const AUDIENCE = 'oidc-login-handoff';

export function createLoginHandoff(options: { appSecret: string; publicBaseUrl: string }) {
  const key = hmac(options.appSecret, AUDIENCE);
  const secure = options.publicBaseUrl.startsWith('https://');
  const name = secure ? '__Secure-oidc_handoff' : 'oidc_handoff';
  const pathOf = (tenantId: string) =>
    `${new URL(options.publicBaseUrl).pathname.replace(/\/$/, '')}/oidc/${tenantId}/interaction`;
  return {
    give(res: Response, handoff: LoginHandoff): void {
      const token = jwt.sign({ tid: handoff.tenantId, at: handoff.authTime }, key, {
        algorithm: 'HS256',
        subject: handoff.userId,
        audience: AUDIENCE,
        expiresIn: TTL_SECONDS,
      });
      res.cookie(name, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: pathOf(handoff.tenantId),
        maxAge: TTL_SECONDS * 1000,
      });
    },
    /** The handoff for this tenant, if the browser holds a valid one. */
    read(req: Request, tenantId: string): LoginHandoff | null {
      const token = readCookie(req.get('cookie'), name);
      if (!token || token.length > 2048) return null;
      try {
        const claims = jwt.verify(token, key, { algorithms: ['HS256'], audience: AUDIENCE });
        if (typeof claims !== 'object' || claims.tid !== tenantId) return null;
        if (typeof claims.sub !== 'string' || typeof claims.at !== 'number') return null;
        return { tenantId, userId: claims.sub, authTime: claims.at };
      } catch {
        return null;
      }
    },
    /** Spent once used: a handoff signs in one flow. */
    clear(res: Response, tenantId: string): void {
      res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure, path: pathOf(tenantId) });
    },
  };
}

export type LoginHandoffs = ReturnType<typeof createLoginHandoff>;
