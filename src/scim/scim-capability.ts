import { scimPublicRouter, scimRouter } from './routes/scim-router';
import type { ScimDeps } from './scim-deps';

export type { DescribedError, ScimConfig, ScimDeps } from './scim-deps';

/**
 * The SCIM protocol (RFC 7643, RFC 7644) over the directory: the `/scim/v2` endpoints, built
 * from its ScimDeps only. Authentication, throttling and the provisioning log wrap it in app/.
 */
export function createScim(deps: ScimDeps) {
  return {
    /** What `/scim/v2` answers before authentication: the ServiceProviderConfig (RFC 7643 §5). */
    publicRoutes: () => scimPublicRouter(deps.config),
    /** Everything under `/scim/v2` after authentication. */
    routes: () => scimRouter(deps),
  };
}

export type Scim = ReturnType<typeof createScim>;
