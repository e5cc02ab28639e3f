import { Router } from 'express';
import type { AppContext } from '../app/context';
import { listAuditLog } from '../tenants/list-audit-log';
import { readLogPageQuery, readTextParam } from './log-query';

/**
 * `GET /api/admin/audit-log`: who changed what in this tenant (switches and preferences with
 * old → new, resends, tokens, administrator sign-ins and failures), newest first. Filters:
 * `action` (exact or a prefix ending in `.`), `actor` (an administrator's email, or the id),
 * `from`, `to`; each entry carries the administrator's email beside the id; paged like the
 * provisioning log. Read-only: there is no route that changes or deletes an entry.
 */
export function auditLogRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const page = await listAuditLog(ctx.tenantModels, {
      tenantId: req.session!.tenantId,
      ...readLogPageQuery(req),
      action: readTextParam(req, 'action'),
      actor: readTextParam(req, 'actor'),
    });
    res.set('Cache-Control', 'no-store').json(page);
  });
  return router;
}
