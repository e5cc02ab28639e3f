import { Router } from 'express';
import { ApiError } from '../platform/errors/api-error';
import type { AppContext } from '../app/context';

/** `/api/admin/scim-tokens`: the tenant's SCIM bearer tokens; the secret is shown once. */
export function scimTokenRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const tokens = await ctx.tenants.listScimTokens(req.session!.tenantId);
    res.json({ scimBaseUrl: `${ctx.config.publicBaseUrl}/scim/v2`, tokens });
  });
  router.post('/', async (req, res) => {
    const label = (req.body as { label?: unknown } | undefined)?.label;
    if (typeof label !== 'string' || !label.trim() || label.length > 100) {
      throw new ApiError(
        400,
        'invalid_request',
        'label is required (e.g. "Entra ID" or "Okta"), at most 100 characters',
      );
    }
    const { tenantId, subject } = req.session!;
    const { token, view } = await ctx.tenants.createScimToken(tenantId, label, subject);
    await ctx.tenants.audit({
      tenantId,
      actor: subject,
      action: 'scim-token.create',
      target: view.id,
    });
    res.status(201).json({ ...view, token, scimBaseUrl: `${ctx.config.publicBaseUrl}/scim/v2` });
  });
  router.delete('/:id', async (req, res) => {
    const { tenantId, subject } = req.session!;
    const revoked = await ctx.tenants.revokeScimToken(tenantId, req.params.id);
    if (!revoked) throw new ApiError(404, 'not_found', 'no such active token');
    await ctx.tenants.audit({
      tenantId,
      actor: subject,
      action: 'scim-token.revoke',
      target: req.params.id,
    });
    res.status(204).end();
  });
  return router;
}
