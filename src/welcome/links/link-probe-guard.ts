import { ApiError } from '../../platform/errors/api-error';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { LinkPurpose } from './link-model';

/** One unknown token presented at a link page; what a metrics counter would be fed. */
export interface LinkProbe {
  tenantId: string;
  client: string;
  purpose: LinkPurpose;
  /** True when this probe was answered 429 rather than 404. */
  refused: boolean;
}

export interface LinkProbeLimits {
  perClient: number;
  perTenant: number;
  windowSeconds: number;
}

export interface LinkProbeGuardDeps {
  limiter: RateLimiter;
  limits: LinkProbeLimits;
  /** Called for every counted probe (a metrics counter hooks in here); must not throw. */
  onProbe?: (probe: LinkProbe) => void;
}

export interface LinkProbeGuard {
  /** Before a token is looked up: 429 for a client already past its limit, valid token or not. */
  assertClientMayTry(client: string): Promise<void>;
  /** After a token turned out unknown: counts it; 429 instead of 404 once a limit is passed. */
  recordUnknownToken(probe: Omit<LinkProbe, 'refused'>): Promise<void>;
}

const tooManyProbes = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'too_many_link_probes',
    'too many unknown links from this client; try again later',
    undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );

/**
 * Limits guessing of welcome and reset link tokens (256-bit, so this bounds work and noise,
 * not luck). Unknown tokens are counted per client address, across tenants, and per tenant,
 * across clients, in the shared rate-limit counters. A client past its limit is refused
 * before any lookup until the window ends; past a tenant's limit its unknown tokens are
 * answered 429, while a valid link still opens, so nobody else is locked out of their email.
 */
export function createLinkProbeGuard(deps: LinkProbeGuardDeps): LinkProbeGuard {
  const { limiter, limits } = deps;
  const clientKey = (client: string) => `link-probe:client:${client}`;
  const tenantKey = (tenantId: string) => `link-probe:tenant:${tenantId}`;
  return {
    async assertClientMayTry(client) {
      const seen = await limiter.peek(clientKey(client), limits.windowSeconds);
      if (seen < limits.perClient) return;
      // Counting the refused attempt too is what yields the window's real Retry-After.
      const over = await limiter.hit(clientKey(client), limits.perClient, limits.windowSeconds);
      throw tooManyProbes(over.retryAfterSeconds);
    },
    async recordUnknownToken(probe) {
      const byClient = await limiter.hit(
        clientKey(probe.client),
        limits.perClient,
        limits.windowSeconds,
      );
      const byTenant = await limiter.hit(
        tenantKey(probe.tenantId),
        limits.perTenant,
        limits.windowSeconds,
      );
      const refused = !byClient.allowed || !byTenant.allowed;
      deps.onProbe?.({ ...probe, refused });
      if (refused) {
        throw tooManyProbes(Math.max(byClient.retryAfterSeconds, byTenant.retryAfterSeconds));
      }
    },
  };
}
