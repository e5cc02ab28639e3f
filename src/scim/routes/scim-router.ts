import { Router } from 'express';
import { ScimError } from '../../platform/errors/scim-error';
import type { ScimConfig, ScimDeps } from '../scim-deps';
import { bulkRoutes } from './bulk-routes';
import {
  discoveryRoutes,
  serviceProviderConfigRoutes,
  type ScimCapabilities,
} from './discovery-routes';
import { groupRoutes } from './group-routes';
import { rootSearchRoutes } from './root-search';
import { userRoutes } from './user-routes';

function capabilities(config: ScimConfig): ScimCapabilities {
  return {
    baseUrl: config.baseUrl,
    maxResults: config.maxResults,
    bulk: {
      supported: true,
      maxOperations: config.bulkMaxOperations,
      maxPayloadSize: config.bodyLimitBytes,
    },
  };
}

/** What /scim/v2 answers before authentication: the ServiceProviderConfig (RFC 7643 §5). */
export function scimPublicRouter(config: ScimConfig): Router {
  return serviceProviderConfigRoutes(capabilities(config));
}

/** Everything under /scim/v2 after authentication. */
export function scimRouter(deps: ScimDeps): Router {
  const router = Router();
  router.use(discoveryRoutes(deps.registry, capabilities(deps.config)));
  router.use(bulkRoutes(deps));
  router.use(userRoutes(deps));
  router.use(groupRoutes(deps));
  router.use(rootSearchRoutes(deps));
  // RFC 7644 §3.11: a service provider without "/Me" "SHOULD respond with ... 501".
  router.all(['/Me', '/Me/*rest'], () => {
    throw new ScimError(
      501,
      undefined,
      '/Me is not supported: tokens belong to clients, not users',
    );
  });
  return router;
}
