import { Router } from 'express';
import type { AppContext } from '../app/context';
import { ApiError } from '../platform/errors/api-error';
import { reminderSettingsOf, setReminderDays } from '../welcome/reminders/set-reminder-days';

/**
 * `GET`, `PATCH /api/identity-manager/reminders` `{ "remindAfterDays": number | null }`: the
 * Identity Manager's "Remind users who have not signed in" (issue 12).
 */
export function reminderSettingsRoutes(ctx: AppContext): Router {
  const router = Router();
  const linkTtlHours = ctx.config.welcomeLinkTtlHours;
  router.get('/', async (req, res) => {
    const tenant = await ctx.tenants.findTenantById(req.session!.tenantId);
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
      { Tenant: ctx.tenantModels.Tenant, tenants: ctx.tenants, linkTtlHours },
      { tenantId: req.session!.tenantId, actor: req.session!.subject, days: body.remindAfterDays },
    );
    res.json(settings);
  });
  return router;
}
