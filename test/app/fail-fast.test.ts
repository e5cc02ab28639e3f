import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { buildApplication } from '../../src/app/build-application';
import { createContext, ensureIndexes } from '../../src/app/context';
import { connectDatabase } from '../../src/platform/db/connect';
import {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../src/platform/db/embedded-database';
import { freePort } from '../../src/platform/db/engine/run-command';
import { createLogger } from '../../src/platform/logging/logger';
import { DEFAULT_TENANT } from '../../src/tenants/tenant-library';
import { testConfig } from '../support/test-app';
import { waitFor } from '../support/welcome-harness';

jest.setTimeout(120_000);

// This test owns its database server, so that it can pause, stop and restart it.
let dir: string;
let port: number;
let db: EmbeddedDatabase;
let app: Express;
let scimToken: string;
let adminToken: string;
let closeConnection: () => Promise<void>;

const start = () =>
  startEmbeddedDatabase({ dataDir: dir, port, durable: false, say: () => undefined });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'failfast-'));
  port = await freePort();
  db = await start();
  const config = testConfig();
  const logger = createLogger({ level: 'error' });
  const conn = await connectDatabase({ uri: `${db.uri}/failfast`, logger });
  closeConnection = () => conn.close();
  const ctx = createContext({ config, logger, conn, appSecret: config.appSecret! });
  app = buildApplication(ctx).app;
  await ensureIndexes(ctx);
  await ctx.tenants.ensureTenant(DEFAULT_TENANT);
  scimToken = (await ctx.tenants.createScimToken(DEFAULT_TENANT, 'Entra ID')).token;
  await ctx.tenants.ensureAdministrator(
    DEFAULT_TENANT,
    'ops@default.test',
    'correct horse battery staple',
  );
  const signIn = await request(app)
    .post('/api/auth/sign-in')
    .send({ email: 'ops@default.test', password: 'correct horse battery staple' })
    .expect(200);
  adminToken = (signIn.body as { token: string }).token;
});
afterAll(async () => {
  db?.pause?.(false);
  await closeConnection?.();
  await db?.stop();
  await rm(dir, { recursive: true, force: true });
});

const scim = () => request(app).get('/scim/v2/Users').set('Authorization', `Bearer ${scimToken}`);
const admin = () =>
  request(app).get('/api/admin/users').set('Authorization', `Bearer ${adminToken}`);

/** Runs `send` and returns the response with how long it took. */
async function timed(send: () => request.Test) {
  const started = Date.now();
  const res = await send();
  return { res, ms: Date.now() - started };
}

/** SCIM, admin and /readyz each answer 503 in under 2 s, twice (before and after the driver notices). */
async function expectFastRefusals(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const [s, a, r] = await Promise.all([
      timed(scim),
      timed(admin),
      timed(() => request(app).get('/readyz')),
    ]);
    expect([s.res.status, a.res.status, r.res.status]).toEqual([503, 503, 503]);
    expect(Math.max(s.ms, a.ms, r.ms)).toBeLessThan(2_000);
    expect(s.res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
    });
    expect(s.res.headers['retry-after']).toBe('5');
    expect(a.res.headers['retry-after']).toBe('5');
    expect((a.res.body as { error: { code: string } }).error.code).toBe('unavailable');
  }
}

const recovered = () =>
  waitFor(
    async () => (await scim()).status,
    (status) => status === 200,
    60_000,
    200,
  );

describe('while the database is away, SCIM and admin requests fail fast', () => {
  it('answers within 2 s while the engine is paused (SIGSTOP), and recovers by itself', async () => {
    await scim().expect(200);
    await admin().expect(200);
    expect(db.pause).toBeDefined();
    db.pause!(true);
    try {
      await expectFastRefusals();
    } finally {
      db.pause!(false);
    }
    await recovered();
    await admin().expect(200);
    await request(app).get('/readyz').expect(200);
  });

  it('answers within 2 s while the engine is stopped, and recovers by itself once it is back', async () => {
    await db.stop();
    await expectFastRefusals();
    db = await start();
    await recovered();
    await admin().expect(200);
  });
});
