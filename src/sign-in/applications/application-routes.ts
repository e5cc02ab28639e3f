import type { RecordAudit } from '../../tenants/tenant-library';
import { Router, type Request } from 'express';
import { ApiError } from '../../platform/errors/api-error';
import { readApplicationInput } from './application-input';
import { presentApplication, type Applications } from './manage-applications';

export interface ApplicationRoutesDeps {
  applications: Applications;
  /** The issuer applications of a tenant sign in with (shown beside them). */
  issuerOf(tenantId: string): string;
  audit: RecordAudit;
}

/**
 * `/api/admin/applications`: the tenant's applications (OpenID Connect clients). A confidential
 * application's secret is in the answer to its creation and to a rotation, and never again.
 */
export function applicationRoutes(deps: ApplicationRoutesDeps): Router {
  const router = Router();
  const { applications } = deps;
  const who = (req: Request) => ({ tenantId: req.session!.tenantId, actor: req.session!.subject });
  const idOf = (req: Request) => String(req.params.id);

  router.get('/applications', async (req, res) => {
    const { tenantId } = who(req);
    const list = await applications.list(tenantId);
    res.json({ issuer: deps.issuerOf(tenantId), applications: list.map(presentApplication) });
  });

  router.post('/applications', async (req, res) => {
    const { tenantId, actor } = who(req);
    const input = readApplicationInput(req.body);
    const created = await applications.create(tenantId, input, actor);
    const view = presentApplication(created.doc);
    await deps.audit({
      tenantId,
      actor,
      action: 'application.create',
      target: view.id,
      after: view,
    });
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ ...view, issuer: deps.issuerOf(tenantId), clientSecret: created.secret ?? null });
  });

  router.get('/applications/:id', async (req, res) => {
    const { tenantId } = who(req);
    const doc = await applications.find(tenantId, idOf(req));
    if (!doc) throw new ApiError(404, 'not_found', 'no such application');
    res.json({ ...presentApplication(doc), issuer: deps.issuerOf(tenantId) });
  });

  router.patch('/applications/:id', async (req, res) => {
    const { tenantId, actor } = who(req);
    const { before, after } = await applications.update(
      tenantId,
      idOf(req),
      readApplicationInput(req.body, true),
    );
    await deps.audit({
      tenantId,
      actor,
      action: 'application.update',
      target: after._id,
      before: presentApplication(before),
      after: presentApplication(after),
    });
    res.json(presentApplication(after));
  });

  router.post('/applications/:id/secret', async (req, res) => {
    const { tenantId, actor } = who(req);
    const rotated = await applications.rotateSecret(tenantId, idOf(req));
    await deps.audit({
      tenantId,
      actor,
      action: 'application.rotate-secret',
      target: rotated.doc._id,
    });
    res
      .set('Cache-Control', 'no-store')
      .json({ ...presentApplication(rotated.doc), clientSecret: rotated.secret });
  });

  router.delete('/applications/:id', async (req, res) => {
    const { tenantId, actor } = who(req);
    const removed = await applications.remove(tenantId, idOf(req));
    await deps.audit({
      tenantId,
      actor,
      action: 'application.delete',
      target: removed._id,
      before: presentApplication(removed),
    });
    res.status(204).end();
  });

  return router;
}
