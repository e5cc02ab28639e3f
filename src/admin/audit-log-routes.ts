import { Router } from 'express';
import type { Model } from 'mongoose';
import { listAuditLog } from '../tenants/list-audit-log';
import type { AdministratorDoc, AuditDoc } from '../tenants/models';
import { readLogPageQuery, readTextParam } from './log-query';

/** The audit log, and the administrators whose emails it shows. */
export interface AuditLogRoutesDeps {
  Audit: Model<AuditDoc>;
  Administrator: Model<AdministratorDoc>;
}

/**
 * `GET /api/admin/audit-log`: who changed what in this tenant (switches and preferences with
 * old → new, resends, tokens, administrator sign-ins and failures), newest first. Filters:
 * `action` (exact or a prefix ending in `.`), `actor` (an administrator's email, or the id),
 * `from`, `to`; each entry carries the administrator's email beside the id; paged like the
 * provisioning log. Read-only: there is no route that changes or deletes an entry.
 */
export function auditLogRoutes(deps: AuditLogRoutesDeps): Router {
  const models = { Audit: deps.Audit, Administrator: deps.Administrator };
  const router = Router();
  router.get('/', async (req, res) => {
    const page = await listAuditLog(models, {
      tenantId: req.session!.tenantId,
      ...readLogPageQuery(req),
      action: readTextParam(req, 'action'),
      actor: readTextParam(req, 'actor'),
    });
    res.set('Cache-Control', 'no-store').json(page);
  });
  return router;
}
