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
import { createLogger } from '../../src/platform/logging/logger';
import { DEFAULT_TENANT } from '../../src/tenants/tenant-library';
import { testConfig } from '../support/test-app';
import { waitFor } from '../support/welcome-harness';

jest.setTimeout(120_000);

// This test owns its database server, so that it can pause, stop and restart it.
let dir: string;
/** Chosen by the first start (which checks the server on it is its own); restarts reuse it. */
let port: number | undefined;
let db: EmbeddedDatabase;
let app: Express;
let scimToken: string;
let adminToken: string;
let closeConnection: () => Promise<void>;
/** Database commands of handlers (not the guard's pings) sent and not yet answered or failed. */
const unanswered = new Set<number>();

const start = () =>
  startEmbeddedDatabase({ dataDir: dir, port, durable: false, say: () => undefined });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'failfast-'));
  db = await start();
  port = db.port;
  const config = testConfig();
  const logger = createLogger({ level: 'error' });
  const conn = await connectDatabase({ uri: `${db.uri}/failfast`, logger });
  closeConnection = () => conn.close();
  const client = conn.getClient();
  client.on('commandStarted', (e) => {
    if (e.commandName !== 'ping') unanswered.add(e.requestId);
  });
  client.on('commandSucceeded', (e) => unanswered.delete(e.requestId));
  client.on('commandFailed', (e) => unanswered.delete(e.requestId));
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

/**
 * Past this a request counts as hung (the driver alone would wait far longer for a paused
 * engine). A hang guard, not a speed figure: how fast the 503 comes is measured by bench
 * scenario S11 (`BENCH_ONLY=S11 npm run bench`), where timing is all a run does.
 */
const HUNG_MS = 20_000;

/** SCIM, admin and /readyz each answer 503 rather than hang, twice (before and after the driver notices). */
async function expectRefusals(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const [s, a, r] = await Promise.all([
      scim().timeout(HUNG_MS),
      admin().timeout(HUNG_MS),
      request(app).get('/readyz').timeout(HUNG_MS),
    ]);
    expect([s.status, a.status, r.status]).toEqual([503, 503, 503]);
    expect(s.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
    });
    expect(s.headers['retry-after']).toBe('5');
    expect(a.headers['retry-after']).toBe('5');
    expect((a.body as { error: { code: string } }).error.code).toBe('unavailable');
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
  it('answers 503 instead of hanging while the engine is paused (SIGSTOP), and recovers by itself', async () => {
    await scim().expect(200);
    await admin().expect(200);
    expect(db.pause).toBeDefined();
    db.pause!(true);
    try {
      const [first] = await Promise.all([scim().timeout(HUNG_MS), admin().timeout(HUNG_MS)]);
      expect(first.status).toBe(503);
      // Fail fast: answered while the handlers' own database commands still wait on the frozen
      // engine, not once the driver gives up on them.
      expect(unanswered.size).toBeGreaterThan(0);
      await expectRefusals();
    } finally {
      db.pause!(false);
    }
    await recovered();
    await admin().expect(200);
    await request(app).get('/readyz').expect(200);
  });

  it('answers 503 instead of hanging while the engine is stopped, and recovers by itself once it is back', async () => {
    await db.stop();
    await expectRefusals();
    db = await start();
    await recovered();
    await admin().expect(200);
  });
});
