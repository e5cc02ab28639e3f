import Ajv from 'ajv';
import { Router, type Request } from 'express';
import type { Model } from 'mongoose';
import { ApiError } from '../platform/errors/api-error';
import type { TenantDoc } from '../tenants/models';
import type { TenantLibrary } from '../tenants/tenant-library';

type SwitchName = 'sendWelcomeEmail' | 'sendLoginEmailsToNewUsers';

/** A switch is read through the tenant cache, written to the tenant and audited. */
export interface SettingsRoutesDeps {
  Tenant: Model<TenantDoc>;
  tenants: Pick<TenantLibrary, 'findTenantById' | 'forgetTenant' | 'audit'>;
}

/**
 * A tenant switch as a resource: GET and PATCH `{ "<name>": boolean }`, ajv-validated and
 * audited (who, when, old → new). Turning a switch on sends nothing retroactively: the
 * decision is only ever taken when a user is created.
 */
function switchRouter(deps: SettingsRoutesDeps, name: SwitchName, action: string): Router {
  const { tenants } = deps;
  const validate = new Ajv({ strict: true }).compile({
    type: 'object',
    properties: { [name]: { type: 'boolean' } },
    required: [name],
    additionalProperties: false,
  });
  const view = (tenant: TenantDoc) => ({
    [name]: tenant[name] === true,
    tenant: tenant._id,
    tenantName: tenant.displayName,
  });
  const load = async (req: Request) => {
    const tenant = await tenants.findTenantById(req.session!.tenantId);
    if (!tenant) throw new ApiError(404, 'not_found', 'tenant not found');
    return tenant;
  };
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(view(await load(req)));
  });
  router.patch('/', async (req, res) => {
    if (!validate(req.body)) {
      throw new ApiError(
        400,
        'invalid_request',
        `body must be { "${name}": true | false } and nothing else`,
      );
    }
    const value = (req.body as Record<SwitchName, boolean>)[name];
    const { tenantId, subject } = req.session!;
    const before = await deps.Tenant.findOneAndUpdate(
      { _id: tenantId },
      { $set: { [name]: value } },
      { new: false },
    ).lean<TenantDoc>();
    if (!before) throw new ApiError(404, 'not_found', 'tenant not found');
    tenants.forgetTenant(tenantId);
    if (before[name] !== value) {
      await tenants.audit({
        tenantId,
        actor: subject,
        action,
        before: { [name]: before[name] },
        after: { [name]: value },
      });
    }
    res.json(view({ ...before, [name]: value }));
  });
  return router;
}

export const identityManagerSettingsRoutes = (deps: SettingsRoutesDeps): Router =>
  switchRouter(deps, 'sendWelcomeEmail', 'identity-manager.sendWelcomeEmail');

export const adminPreferencesRoutes = (deps: SettingsRoutesDeps): Router =>
  switchRouter(deps, 'sendLoginEmailsToNewUsers', 'preferences.sendLoginEmailsToNewUsers');
