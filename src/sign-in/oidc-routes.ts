import { Router, type Request, type Response } from 'express';
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

/**
 * Who a token request counts against: the client of its HTTP Basic credentials (RFC 6749
 * §2.3.1), else its address. The body (where `client_secret_post` and public clients name
 * themselves) is left unread: oidc-provider parses it from the stream itself.
 */
function tokenRequesterOf(req: Request): string {
  const auth = req.get('authorization');
  if (auth?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const id = decoded.slice(0, Math.max(decoded.indexOf(':'), 0));
    try {
      const clientId = decodeURIComponent(id.replace(/\+/g, ' '));
      if (clientId) return `client:${clientId.slice(0, 200)}`;
    } catch {
      // Not percent-encoded as the RFC asks: counted by address, and the provider refuses it.
    }
  }
  return `ip:${req.ip ?? 'unknown'}`;
}

/**
 * `/oidc/{tenant}/…`: the tenant's provider (oidc-provider, a Koa app) behind express. Links the
 * provider writes (discovery, redirects) are made from PUBLIC_BASE_URL, never from the request's
 * Host: the forwarded headers it trusts are set here from the configuration. The token endpoint
 * is limited per minute per client (HTTP Basic) or per address (credentials in the body).
 */
export function oidcRoutes(deps: OidcRoutesDeps): Router {
  const base = new URL(deps.config.publicBaseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const router = Router();
  router.use('/oidc/:tenant', async (req: Request, res: Response) => {
    const tenantId = typeof req.params.tenant === 'string' ? req.params.tenant : '';
    if (!TENANT_ID.test(tenantId) || !(await deps.tenantExists(tenantId))) {
      res.status(404).json({ error: 'invalid_request', error_description: 'no such issuer' });
      return;
    }
    if (req.method === 'POST' && req.path === '/token') {
      const hit = await deps.limiter.hit(
        `oidc-token:${tenantId}:${tokenRequesterOf(req)}`,
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
