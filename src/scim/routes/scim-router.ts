import { Router } from 'express';
import type { AppContext } from '../../app/context';
import { ScimError } from '../../platform/errors/scim-error';
import { bulkRoutes } from './bulk-routes';
import {
  discoveryRoutes,
  serviceProviderConfigRoutes,
  type ScimCapabilities,
} from './discovery-routes';
import { groupRoutes } from './group-routes';
import { rootSearchRoutes } from './root-search';
import { userRoutes } from './user-routes';

function capabilities(ctx: AppContext): ScimCapabilities {
  return {
    baseUrl: ctx.scimBaseUrl,
    maxResults: ctx.config.scimMaxResults,
    bulk: {
      supported: true,
      maxOperations: ctx.config.scimBulkMaxOperations,
      maxPayloadSize: ctx.config.bodyLimitBytes,
    },
  };
}

/** What /scim/v2 answers before authentication: the ServiceProviderConfig (RFC 7643 §5). */
export function scimPublicRouter(ctx: AppContext): Router {
  return serviceProviderConfigRoutes(capabilities(ctx));
}

/** Everything under /scim/v2 after authentication. */
export function scimRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(discoveryRoutes(ctx.registry, capabilities(ctx)));
  router.use(bulkRoutes(ctx));
  router.use(userRoutes(ctx));
  router.use(groupRoutes(ctx));
  router.use(rootSearchRoutes(ctx));
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
