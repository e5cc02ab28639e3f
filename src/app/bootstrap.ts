import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../platform/crypto/secrets';
import { DEFAULT_TENANT } from '../tenants/tenant-library';
import type { AppContext } from './context';

export const DEV_TOKEN_LABEL = 'Development (npm start)';
/** Under DATA_DIR, mode 0600: the development token, so each start prints the same one. */
export const DEV_TOKEN_FILE = 'development-scim-token';
const TOKEN_SHAPE = /^scim_[A-Za-z0-9_-]{20,200}$/;

export interface BootstrapResult {
  /** A SCIM token to print, when this start created one. */
  printedToken?: string;
  adminCreated: boolean;
}

/**
 * Idempotent start-up state: the default tenant, SCIM_BOOTSTRAP_TOKEN and ADMIN_BOOTSTRAP_*.
 * Outside production, with no bootstrap token, `npm start` prints a development token: one per
 * data folder, kept there, so an identity provider pointed at a developer's instance survives
 * restarts (developmentToken below).
 */
export async function bootstrap(
  ctx: AppContext,
  options: { dataDir: string },
): Promise<BootstrapResult> {
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
    printedToken = await developmentToken(ctx, options.dataDir);
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

/**
 * The data folder's development token: the one kept in DATA_DIR while the database knows it as
 * valid (registered again in a database that has never seen it), else a new one, kept with mode
 * 0600. A token an administrator revoked stays revoked: the next start replaces it.
 */
async function developmentToken(ctx: AppContext, dataDir: string): Promise<string> {
  const { tenants } = ctx;
  const file = path.join(dataDir, DEV_TOKEN_FILE);
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (TOKEN_SHAPE.test(kept)) {
    const known = await ctx.tenantModels.ScimToken.findOne({ hash: sha256Hex(kept) }).lean();
    if (!known) {
      await tenants.createScimToken(DEFAULT_TENANT, DEV_TOKEN_LABEL, 'npm start', kept);
      return kept;
    }
    if (known.tenantId === DEFAULT_TENANT && !known.revokedAt) {
      await chmod(file, 0o600);
      return kept;
    }
  }
  // Tokens of earlier starts (each start used to make one) go with the one they are replaced by.
  for (const token of await tenants.listScimTokens(DEFAULT_TENANT)) {
    if (token.label === DEV_TOKEN_LABEL && !token.revokedAt)
      await tenants.revokeScimToken(DEFAULT_TENANT, token.id);
  }
  const { token } = await tenants.createScimToken(DEFAULT_TENANT, DEV_TOKEN_LABEL, 'npm start');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // an existing file keeps its mode on write
  return token;
}
