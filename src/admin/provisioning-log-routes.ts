import { Router } from 'express';
import type { Model } from 'mongoose';
import { listProvisioningLog } from '../scim/provisioning-log/list-provisioning-log';
import type { ProvisioningEntryDoc } from '../scim/provisioning-log/provisioning-log-model';
import { readLogPageQuery, readTextParam } from './log-query';

export interface ProvisioningLogRoutesDeps {
  ProvisioningEntry: Model<ProvisioningEntryDoc>;
}

/**
 * `GET /api/admin/provisioning-log`: what this server answered the tenant's identity providers,
 * newest first. Filters: `errors=true`, `connector`, `userName`, `userId`, `from`, `to`; paged
 * with `limit` and the `next` cursor. Read-only.
 */
export function provisioningLogRoutes(deps: ProvisioningLogRoutesDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const page = await listProvisioningLog(deps.ProvisioningEntry, {
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
