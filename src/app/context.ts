import type { Connection } from 'mongoose';
import type { Config } from '../platform/config/load-config';
import type { Logger } from '../platform/logging/logger';
import { createRateLimiter, type RateLimiter } from '../platform/rate-limit/rate-limiter';
import { createTenantModels, type TenantModels } from '../tenants/models';
import { createSessionLibrary, type SessionLibrary } from '../tenants/sessions';
import { createTenantLibrary, type TenantLibrary } from '../tenants/tenant-library';
import { createSchemaRegistry, type ScimSchemaRegistry } from '../scim/schemas/registry';

/** Everything a request or a worker needs, built once per process and passed in (STYLE rule 7). */
export interface AppContext {
  config: Config;
  logger: Logger;
  conn: Connection;
  now: () => Date;
  appSecret: string;
  limiter: RateLimiter;
  tenantModels: TenantModels;
  tenants: TenantLibrary;
  sessions: SessionLibrary;
  registry: ScimSchemaRegistry;
  /** Absolute SCIM base URL, from PUBLIC_BASE_URL (never the Host header). */
  scimBaseUrl: string;
}

export interface ContextInput {
  config: Config;
  logger: Logger;
  conn: Connection;
  appSecret: string;
  now?: () => Date;
}

export function createContext(input: ContextInput): AppContext {
  const now = input.now ?? (() => new Date());
  const tenantModels = createTenantModels(input.conn);
  return {
    ...input,
    now,
    limiter: createRateLimiter(input.conn, now),
    tenantModels,
    tenants: createTenantLibrary({ models: tenantModels, appSecret: input.appSecret, now }),
    sessions: createSessionLibrary(input.appSecret, input.config.sessionTtlMinutes),
    registry: createSchemaRegistry(),
    scimBaseUrl: `${input.config.publicBaseUrl}/scim/v2`,
  };
}

/** Creates every collection's indexes (idempotent; run at start). */
export async function ensureIndexes(ctx: AppContext): Promise<void> {
  for (const model of Object.values(ctx.conn.models)) {
    await model.createIndexes();
  }
}
