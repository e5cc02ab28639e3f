import type { Model } from 'mongoose';
import { ApiError } from '../../platform/errors/api-error';
import type { TenantDoc } from '../../tenants/models';
import type { TenantLibrary } from '../../tenants/tenant-library';

export interface ReminderSettings {
  /** "Remind users who have not signed in" after this many days; null: off (the default). */
  remindAfterDays: number | null;
  /** The longest reminder delay allowed: it must be shorter than the welcome link's lifetime. */
  maxDays: number;
  linkTtlHours: number;
}

export interface ReminderSettingsDeps {
  Tenant: Model<TenantDoc>;
  tenants: Pick<TenantLibrary, 'audit' | 'forgetTenant'>;
  linkTtlHours: number;
}

/** A reminder N days after the email must go out while the link still works: N·24 h < TTL. */
export const maxReminderDays = (linkTtlHours: number): number =>
  Math.max(0, Math.ceil(linkTtlHours / 24) - 1);

export const reminderSettingsOf = (
  tenant: Pick<TenantDoc, 'welcomeReminderDays'>,
  linkTtlHours: number,
): ReminderSettings => ({
  remindAfterDays: tenant.welcomeReminderDays ?? null,
  maxDays: maxReminderDays(linkTtlHours),
  linkTtlHours,
});

/** Sets the tenant's reminder delay (audited: who, when, old → new). */
export async function setReminderDays(
  deps: ReminderSettingsDeps,
  input: { tenantId: string; actor: string; days: unknown },
): Promise<ReminderSettings> {
  const { days } = input;
  const max = maxReminderDays(deps.linkTtlHours);
  if (days !== null && (typeof days !== 'number' || !Number.isInteger(days) || days < 1)) {
    throw new ApiError(
      400,
      'invalid_request',
      'remindAfterDays must be a whole number of days (at least 1) or null',
    );
  }
  if (typeof days === 'number' && days > max) {
    throw new ApiError(
      400,
      'invalid_request',
      `remindAfterDays must be shorter than the welcome link's lifetime (${deps.linkTtlHours} hours): at most ${max}`,
    );
  }
  const before = await deps.Tenant.findOneAndUpdate(
    { _id: input.tenantId },
    { $set: { welcomeReminderDays: days } },
    { new: false },
  ).lean<TenantDoc>();
  if (!before) throw new ApiError(404, 'not_found', 'tenant not found');
  deps.tenants.forgetTenant(input.tenantId);
  const old = before.welcomeReminderDays ?? null;
  if (old !== days) {
    await deps.tenants.audit({
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'identity-manager.welcomeReminderDays',
      before: { welcomeReminderDays: old },
      after: { welcomeReminderDays: days },
    });
  }
  return reminderSettingsOf({ welcomeReminderDays: days as number | null }, deps.linkTtlHours);
}
