import { Router } from 'express';
import type { AppContext } from '../app/context';
import { listProvisioningLog } from '../scim/provisioning-log/list-provisioning-log';
import { readLogPageQuery, readTextParam } from './log-query';

/**
 * `GET /api/admin/provisioning-log`: what this server answered the tenant's identity providers,
 * newest first. Filters: `errors=true`, `connector`, `userName`, `userId`, `from`, `to`; paged
 * with `limit` and the `next` cursor. Read-only.
 */
export function provisioningLogRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const page = await listProvisioningLog(ctx.ProvisioningEntry, {
      tenantId: req.session!.tenantId,
      ...readLogPageQuery(req),
      errorsOnly: readTextParam(req, 'errors') === 'true',
      connector: readTextParam(req, 'connector'),
      userName: readTextParam(req, 'userName'),
      resourceId: readTextParam(req, 'userId'),
    });
    res.set('Cache-Control', 'no-store').json(page);
  });
  return router;
}
