import type { RecordAudit } from '../../tenants/tenant-library';
import { Router, type Request } from 'express';
import { ApiError } from '../../platform/errors/api-error';
import type { SignInMode } from '../../tenants/models';
import {
  present,
  readUpstreamInput,
  upstreamRedirectUri,
  type UpstreamConnections,
} from './upstream-connection';

const MODES: readonly SignInMode[] = ['password', 'sso', 'both'];

export interface SignInSettingsDeps {
  publicBaseUrl: string;
  connections: UpstreamConnections;
  signInMode: {
    of(tenantId: string): Promise<SignInMode>;
    set(tenantId: string, mode: SignInMode): Promise<void>;
  };
  audit: RecordAudit;
}

/**
 * `/api/admin/sign-in`: how the tenant's SCIM users sign in (`password`, `sso`, `both`) and the
 * tenant's own identity provider. The client secret is never shown back.
 */
export function signInSettingsRoutes(deps: SignInSettingsDeps): Router {
  const router = Router();
  const who = (req: Request) => ({ tenantId: req.session!.tenantId, actor: req.session!.subject });
  const view = async (tenantId: string) => ({
    mode: await deps.signInMode.of(tenantId),
    redirectUri: upstreamRedirectUri(deps.publicBaseUrl, tenantId),
    upstream: present(await deps.connections.find(tenantId), deps.publicBaseUrl, tenantId),
  });

  router.get('/sign-in', async (req, res) => {
    res.json(await view(who(req).tenantId));
  });

  router.patch('/sign-in', async (req, res) => {
    const { tenantId, actor } = who(req);
    const mode = (req.body as { mode?: unknown } | undefined)?.mode;
    if (!MODES.includes(mode as SignInMode)) {
      throw new ApiError(400, 'invalid_request', `mode: one of ${MODES.join(', ')}`);
    }
    if (mode !== 'password' && !(await deps.connections.find(tenantId))) {
      throw new ApiError(
        409,
        'no_identity_provider',
        'connect the identity provider before turning single sign-on on',
      );
    }
    const before = await deps.signInMode.of(tenantId);
    await deps.signInMode.set(tenantId, mode as SignInMode);
    await deps.audit({ tenantId, actor, action: 'sign-in.mode', before, after: mode });
    res.json(await view(tenantId));
  });

  router.put('/sign-in/upstream', async (req, res) => {
    const { tenantId, actor } = who(req);
    const { before, after } = await deps.connections.save(
      tenantId,
      readUpstreamInput(req.body),
      actor,
    );
    await deps.audit({
      tenantId,
      actor,
      action: before ? 'sign-in.upstream.update' : 'sign-in.upstream.create',
      target: after.issuer,
      before: present(before, deps.publicBaseUrl, tenantId),
      after: present(after, deps.publicBaseUrl, tenantId),
    });
    res.json(await view(tenantId));
  });

  router.delete('/sign-in/upstream', async (req, res) => {
    const { tenantId, actor } = who(req);
    if ((await deps.signInMode.of(tenantId)) !== 'password') {
      throw new ApiError(
        409,
        'sso_in_use',
        'switch the sign-in mode to password before removing the identity provider',
      );
    }
    const removed = await deps.connections.remove(tenantId);
    if (!removed) throw new ApiError(404, 'not_found', 'no identity provider');
    await deps.audit({
      tenantId,
      actor,
      action: 'sign-in.upstream.delete',
      target: removed.issuer,
    });
    res.status(204).end();
  });
  return router;
}
