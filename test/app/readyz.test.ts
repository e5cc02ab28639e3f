import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildApplication } from '../../src/app/build-application';
import { createContext, ensureIndexes } from '../../src/app/context';
import { connectDatabase } from '../../src/platform/db/connect';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../src/platform/db/embedded-database';
import { createLogger } from '../../src/platform/logging/logger';
import { DEFAULT_TENANT } from '../../src/tenants/tenant-library';
import { testConfig } from '../support/test-app';
import { waitFor } from '../support/welcome-harness';

jest.setTimeout(60_000);

// This test owns its database server, so that it can stop and restart it.
let dir: string;
/** Chosen by the first start (which checks the server on it is its own); the restart reuses it. */
let port: number;
let db: EmbeddedDatabase;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'readyz-'));
});
afterAll(async () => {
  await db?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('readiness follows the database', () => {
  it('answers 503 (and SCIM 503, never a hang) while the database is down, and 200 again once it is back', async () => {
    db = await startEmbeddedDatabase({ dataDir: dir, durable: false, say: () => undefined });
    port = db.port;
    const config = testConfig();
    const logger = createLogger({ level: 'error' });
    const conn = await connectDatabase({ uri: `${db.uri}/readyz`, logger });
    const ctx = createContext({ config, logger, conn, appSecret: config.appSecret! });
    const { app } = buildApplication(ctx);
    await ensureIndexes(ctx);
    await ctx.tenants.ensureTenant(DEFAULT_TENANT);
    const { token } = await ctx.tenants.createScimToken(DEFAULT_TENANT, 'Entra ID');
    try {
      await request(app).get('/readyz').expect(200);
      await db.stop();
      await request(app).get('/readyz').expect(503);
      await request(app).get('/healthz').expect(200);
      const scim = await request(app).get('/scim/v2/Users').set('Authorization', `Bearer ${token}`);
      expect(scim.status).toBe(503);
      expect(scim.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '503',
      });
      expect(JSON.stringify(scim.body)).not.toMatch(/Mongo|ECONNREFUSED|127\.0\.0\.1/);

      db = await startEmbeddedDatabase({
        dataDir: dir,
        port,
        durable: false,
        say: () => undefined,
      });
      await waitFor(
        async () => (await request(app).get('/readyz')).status,
        (s) => s === 200,
        30_000,
        200,
      );
      await request(app).get('/scim/v2/Users').set('Authorization', `Bearer ${token}`).expect(200);
    } finally {
      await conn.close();
    }
  });
});
