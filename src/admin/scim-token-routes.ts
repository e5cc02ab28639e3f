import { Router } from 'express';
import { ApiError } from '../platform/errors/api-error';
import type { TenantLibrary } from '../tenants/tenant-library';

export interface ScimTokenRoutesDeps {
  tenants: Pick<TenantLibrary, 'listScimTokens' | 'createScimToken' | 'revokeScimToken' | 'audit'>;
  /** PUBLIC_BASE_URL: the SCIM base URL shown beside the tokens. */
  publicBaseUrl: string;
}

/** `/api/admin/scim-tokens`: the tenant's SCIM bearer tokens; the secret is shown once. */
export function scimTokenRoutes(deps: ScimTokenRoutesDeps): Router {
  const { tenants } = deps;
  const scimBaseUrl = `${deps.publicBaseUrl}/scim/v2`;
  const router = Router();
  router.get('/', async (req, res) => {
    const tokens = await tenants.listScimTokens(req.session!.tenantId);
    res.json({ scimBaseUrl, tokens });
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
    const { token, view } = await tenants.createScimToken(tenantId, label, subject);
    await tenants.audit({
      tenantId,
      actor: subject,
      action: 'scim-token.create',
      target: view.id,
    });
    res.status(201).json({ ...view, token, scimBaseUrl });
  });
  router.delete('/:id', async (req, res) => {
    const { tenantId, subject } = req.session!;
    const revoked = await tenants.revokeScimToken(tenantId, req.params.id);
    if (!revoked) throw new ApiError(404, 'not_found', 'no such active token');
    await tenants.audit({
      tenantId,
      actor: subject,
      action: 'scim-token.revoke',
      target: req.params.id,
    });
    res.status(204).end();
  });
  return router;
}
