import type { AppContext } from './context';
import { DEFAULT_TENANT } from '../tenants/tenant-library';

export const DEV_TOKEN_LABEL = 'Development (npm start)';

export interface BootstrapResult {
  /** A SCIM token to print, when this start created one. */
  printedToken?: string;
  adminCreated: boolean;
}

/**
 * Idempotent start-up state: the default tenant, SCIM_BOOTSTRAP_TOKEN and ADMIN_BOOTSTRAP_*.
 * Outside production, with no bootstrap token, each start issues a fresh development token
 * (revoking the previous one) so `npm start` can print one that works.
 */
export async function bootstrap(ctx: AppContext): Promise<BootstrapResult> {
  const { config, tenants } = ctx;
  await tenants.ensureTenant(DEFAULT_TENANT, 'Default');
  let printedToken: string | undefined;
  if (config.scimBootstrapToken) {
    await tenants.ensureScimToken(
      DEFAULT_TENANT,
      config.scimBootstrapToken,
      'Bootstrap (SCIM_BOOTSTRAP_TOKEN)',
    );
  } else if (config.nodeEnv !== 'production') {
    const previous = await tenants.listScimTokens(DEFAULT_TENANT);
    for (const token of previous) {
      if (token.label === DEV_TOKEN_LABEL && !token.revokedAt)
        await tenants.revokeScimToken(DEFAULT_TENANT, token.id);
    }
    printedToken = (await tenants.createScimToken(DEFAULT_TENANT, DEV_TOKEN_LABEL, 'npm start'))
      .token;
  }
  let adminCreated = false;
  if (config.adminBootstrapEmail && config.adminBootstrapPassword) {
    adminCreated = (
      await tenants.ensureAdministrator(
        DEFAULT_TENANT,
        config.adminBootstrapEmail,
        config.adminBootstrapPassword,
      )
    ).created;
  }
  return { printedToken, adminCreated };
}
