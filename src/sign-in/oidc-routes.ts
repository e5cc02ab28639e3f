import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../platform/logging/logger';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { TenantProviders } from './provider/tenant-providers';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface OidcRoutesDeps {
  config: { publicBaseUrl: string; tokenLimitPerMinute: number };
  providers: TenantProviders;
  limiter: RateLimiter;
  logger: Logger;
  tenantExists(tenantId: string): Promise<boolean>;
}

/** The client id of a token request: HTTP Basic (RFC 6749 §2.3.1) or the `client_id` field. */
function clientIdOf(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const id = decoded.slice(0, Math.max(decoded.indexOf(':'), 0));
    try {
      return decodeURIComponent(id.replace(/\+/g, ' ')) || undefined;
    } catch {
      return undefined;
    }
  }
  const body = req.body instanceof Buffer ? new URLSearchParams(req.body.toString('utf8')) : null;
  return body?.get('client_id') ?? undefined;
}

/**
 * `/oidc/{tenant}/…`: the tenant's provider (oidc-provider, a Koa app) behind express. Links the
 * provider writes (discovery, redirects) are made from PUBLIC_BASE_URL, never from the request's
 * Host: the forwarded headers it trusts are set here from the configuration. The token endpoint
 * is limited per client and minute.
 */
export function oidcRoutes(deps: OidcRoutesDeps): Router {
  const base = new URL(deps.config.publicBaseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const router = Router();
  // oidc-provider reads the raw body itself; only the token endpoint's is read first, whole,
  // to find the client to count (the provider then parses the same bytes).
  const tokenBody = express.raw({ type: 'application/x-www-form-urlencoded', limit: '56kb' });

  router.use('/oidc/:tenant', async (req: Request, res: Response) => {
    const tenantId = typeof req.params.tenant === 'string' ? req.params.tenant : '';
    if (!TENANT_ID.test(tenantId) || !(await deps.tenantExists(tenantId))) {
      res.status(404).json({ error: 'invalid_request', error_description: 'no such issuer' });
      return;
    }
    if (req.method === 'POST' && req.path === '/token') {
      await new Promise<void>((resolve, reject) =>
        tokenBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
      );
      const client = clientIdOf(req) ?? `ip:${req.ip ?? 'unknown'}`;
      const hit = await deps.limiter.hit(
        `oidc-token:${tenantId}:${client.slice(0, 200)}`,
        deps.config.tokenLimitPerMinute,
        60,
      );
      if (!hit.allowed) {
        res
          .status(429)
          .set({ 'Retry-After': String(hit.retryAfterSeconds), 'Cache-Control': 'no-store' })
          .json({ error: 'invalid_request', error_description: 'too many token requests' });
        return;
      }
    }
    const provider = await deps.providers.get(tenantId);
    req.headers.host = base.host;
    req.headers['x-forwarded-host'] = base.host;
    req.headers['x-forwarded-proto'] = base.protocol.slice(0, -1);
    req.headers['x-forwarded-for'] = req.ip ?? '';
    // oidc-provider takes its mount path from `baseUrl` when `originalUrl` does not end in `url`.
    req.originalUrl = req.url;
    req.baseUrl = `${basePath}/oidc/${tenantId}`;
    provider.callback()(req, res);
  });
  return router;
}
