import { Router } from 'express';
import type { Model } from 'mongoose';
import { ApiError } from '../platform/errors/api-error';
import type { TenantDoc } from '../tenants/models';
import type { TenantLibrary } from '../tenants/tenant-library';
import { reminderSettingsOf, setReminderDays } from '../welcome/reminders/set-reminder-days';

export interface ReminderSettingsRoutesDeps {
  Tenant: Model<TenantDoc>;
  tenants: Pick<TenantLibrary, 'findTenantById' | 'forgetTenant' | 'audit'>;
  /** The reminder delay must be shorter than the welcome link's lifetime. */
  welcomeLinkTtlHours: number;
}

/**
 * `GET`, `PATCH /api/identity-manager/reminders` `{ "remindAfterDays": number | null }`: the
 * Identity Manager's "Remind users who have not signed in" (issue 12).
 */
export function reminderSettingsRoutes(deps: ReminderSettingsRoutesDeps): Router {
  const router = Router();
  const { Tenant, tenants, welcomeLinkTtlHours: linkTtlHours } = deps;
  router.get('/', async (req, res) => {
    const tenant = await tenants.findTenantById(req.session!.tenantId);
    if (!tenant) throw new ApiError(404, 'not_found', 'tenant not found');
    res.json(reminderSettingsOf(tenant, linkTtlHours));
  });
  router.patch('/', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (
      typeof body !== 'object' ||
      Array.isArray(body) ||
      Object.keys(body).some((k) => k !== 'remindAfterDays') ||
      !Object.hasOwn(body, 'remindAfterDays')
    ) {
      throw new ApiError(
        400,
        'invalid_request',
        'body must be { "remindAfterDays": <days> | null } and nothing else',
      );
    }
    const settings = await setReminderDays(
      { Tenant, tenants, linkTtlHours },
      { tenantId: req.session!.tenantId, actor: req.session!.subject, days: body.remindAfterDays },
    );
    res.json(settings);
  });
  return router;
}
