import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { buildApplication } from '../../src/app/build-application';
import type { BackgroundWorker } from '../../src/platform/workers/background-worker';
import { createContext, ensureIndexes, type AppContext } from '../../src/app/context';
import { loadConfig, type Config } from '../../src/platform/config/load-config';
import { connectDatabase } from '../../src/platform/db/connect';
import { createLogger } from '../../src/platform/logging/logger';
import type { HostResolver } from '../../src/events/webhooks/target-guard';
import { DEFAULT_TENANT } from '../../src/tenants/tenant-library';

export interface TestApp {
  app: Express;
  ctx: AppContext;
  http: () => ReturnType<typeof request>;
  /** Every log line written so far, as text. */
  logText: () => string;
  dbName: string;
  /** The background workers a server process runs (outbox, provisioning log, heartbeat); not started. */
  workers: BackgroundWorker[];
  close: () => Promise<void>;
}

/** A fresh database name per call, so test files (and tests) never share data. */
export function uniqueDbName(prefix: string): string {
  return `${prefix.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: 'https://scim.example.test',
    APP_SECRET: 'test-secret-0123456789-abcdefghijklmnop',
    LOG_LEVEL: 'http',
    ...env,
  });
}

/** Builds the real application against the real test database (no listening socket). */
export async function createTestApp(
  name: string,
  env: Record<string, string> = {},
  options: { now?: () => Date; resolveHost?: HostResolver; dbName?: string } = {},
): Promise<TestApp> {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri)
    throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (global setup)');
  const config = testConfig(env);
  const stream = new PassThrough();
  let captured = '';
  stream.on('data', (chunk: Buffer) => {
    captured += chunk.toString();
  });
  const logger = createLogger({ level: config.logLevel, stream });
  // A second instance given the same dbName shares the database, as a second process would.
  const dbName = options.dbName ?? uniqueDbName(name);
  const conn = await connectDatabase({ uri, dbName, logger, attempts: 3 });
  const ctx = createContext({
    config,
    logger,
    conn,
    appSecret: config.appSecret!,
    now: options.now,
    resolveHost: options.resolveHost,
  });
  const { app, workers } = buildApplication(ctx);
  await ensureIndexes(ctx);
  await ctx.tenants.ensureTenant(DEFAULT_TENANT, 'Default');
  return {
    app,
    ctx,
    http: () => request(app),
    logText: () => captured,
    dbName,
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

/** A SCIM token for a tenant (created if needed). */
export async function scimToken(
  t: TestApp,
  tenantId = DEFAULT_TENANT,
  label = 'Entra ID',
): Promise<string> {
  await t.ctx.tenants.ensureTenant(tenantId);
  return (await t.ctx.tenants.createScimToken(tenantId, label)).token;
}

/** Signs in an administrator (created if needed) and returns the session token. */
export async function adminSession(
  t: TestApp,
  tenantId = DEFAULT_TENANT,
  email = `admin@${tenantId}.test`,
): Promise<string> {
  await t.ctx.tenants.ensureTenant(tenantId);
  await t.ctx.tenants.ensureAdministrator(tenantId, email, 'correct horse battery staple');
  const res = await t
    .http()
    .post('/api/auth/sign-in')
    .send({ email, password: 'correct horse battery staple', tenant: tenantId });
  if (res.status !== 200)
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}
