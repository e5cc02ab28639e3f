import type { Connection, Model } from 'mongoose';
import type { Directory } from '../directory/directory';
import type { DeliveryEventDoc } from '../mail/delivery/delivery-event-model';
import type { EmailTransportName } from '../platform/config/load-config';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { ProvisioningEntryDoc } from '../scim/provisioning-log/provisioning-log-model';
import type { ScimSchemaRegistry } from '../scim/schemas/registry';
import type { AdministratorDoc, AuditDoc, TenantDoc } from '../tenants/models';
import type { TenantLibrary } from '../tenants/tenant-library';
import type { LinkDoc } from '../welcome/links/link-model';
import type { MailJobDoc } from '../welcome/password-reset/mail-job-model';
import { auditLogRoutes } from './audit-log-routes';
import { emailTextRoutes } from './email-text-routes';
import { provisioningLogRoutes } from './provisioning-log-routes';
import { reminderSettingsRoutes } from './reminder-settings-routes';
import { adminPreferencesRoutes, identityManagerSettingsRoutes } from './settings-routes';
import { userAdminRoutes } from './user-admin-routes';

/**
 * What the administration API needs, and nothing more (issue 20's shape): each route file
 * declares its own part of it.
 */
export interface AdminDeps {
  /** Email texts, test-email jobs and the outbox transport's messages are collections of it. */
  conn: Connection;
  now: () => Date;
  limiter: RateLimiter;
  /** tenants/: the tenant's settings (cached or fresh), its SCIM tokens and its audit log. */
  tenants: TenantLibrary;
  Tenant: Model<TenantDoc>;
  Audit: Model<AuditDoc>;
  Administrator: Model<AdministratorDoc>;
  /** directory/: the Users page and the users an administrator creates. */
  directory: Directory;
  /** scim/: a user created here is checked as a SCIM one is. */
  registry: ScimSchemaRegistry;
  ProvisioningEntry: Model<ProvisioningEntryDoc>;
  Link: Model<LinkDoc>;
  MailJob: Model<MailJobDoc>;
  DeliveryEvent: Model<DeliveryEventDoc>;
  /** Nudges this process's outbox worker after an email was queued. */
  wakeOutbox: () => void;
  publicBaseUrl: string;
  welcomeLinkTtlHours: number;
  welcomeResendLimitPerHour: number;
  emailFromName?: string;
  emailTransport: EmailTransportName;
  /** The tenant's default application, which the welcome email previews name. */
  applicationName?: (tenantId: string) => Promise<string | undefined>;
}

/**
 * The administration API (README "Code layout": presentation): the routers the composition
 * root mounts under `/api/admin` and `/api/identity-manager`, behind an administrator's session.
 */
export function createAdmin(deps: AdminDeps) {
  return {
    /** `/api/admin/preferences`. */
    preferences: () => adminPreferencesRoutes(deps),
    /** `/api/admin/users…`, `/api/admin/welcome-emails…`, `/api/admin/outbox`. */
    users: () => userAdminRoutes(deps),
    /** `/api/admin/provisioning-log`. */
    provisioningLog: () => provisioningLogRoutes(deps),
    /** `/api/admin/audit-log`. */
    auditLog: () => auditLogRoutes(deps),
    /** `/api/identity-manager/settings`. */
    identityManagerSettings: () => identityManagerSettingsRoutes(deps),
    /** `/api/identity-manager/reminders`. */
    reminders: () => reminderSettingsRoutes(deps),
    /** `/api/identity-manager/email-texts`. */
    emailTexts: () => emailTextRoutes(deps),
  };
}

export type Admin = ReturnType<typeof createAdmin>;
