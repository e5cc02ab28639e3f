import { Router } from 'express';
import type { AppContext } from '../../app/context';
import { bulkRoutes } from './bulk-routes';
import { discoveryRoutes } from './discovery-routes';
import { groupRoutes } from './group-routes';
import { rootSearchRoutes } from './root-search';
import { userRoutes } from './user-routes';

/** Everything under /scim/v2 after authentication. */
export function scimRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(
    discoveryRoutes(ctx.registry, {
      baseUrl: ctx.scimBaseUrl,
      maxResults: ctx.config.scimMaxResults,
      bulk: {
        supported: true,
        maxOperations: ctx.config.scimBulkMaxOperations,
        maxPayloadSize: ctx.config.bodyLimitBytes,
      },
    }),
  );
  router.use(bulkRoutes(ctx));
  router.use(userRoutes(ctx));
  router.use(groupRoutes(ctx));
  router.use(rootSearchRoutes(ctx));
  return router;
}
