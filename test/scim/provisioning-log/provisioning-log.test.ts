import { createProvisioningLog } from '../../../src/scim/provisioning-log/provisioning-log';
import { adminSession, createTestApp, scimToken, type TestApp } from '../../support/test-app';

interface Entry {
  id: string;
  at: string;
  connector: string;
  method: string;
  path: string;
  resourceId: string | null;
  userName: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
  requestId: string;
  reads: { count: number; byKind: Record<string, number> } | null;
}
interface Page {
  entries: Entry[];
  next: string | null;
}

let t: TestApp;
let entra: string;
let okta: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp('provlog');
  entra = await scimToken(t, 'default', 'Entra ID');
  okta = await scimToken(t, 'default', 'Okta');
  admin = await adminSession(t);
});
afterAll(() => t.close());

const user = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  password: 'Sup3r-secret-password!',
  emails: [{ value: 'someone@example.test', primary: true }],
});

const post = (bearer: string, body: unknown) =>
  t
    .http()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${bearer}`)
    .set('Content-Type', 'application/scim+json')
    .set('X-Request-Id', `req-${Math.random().toString(36).slice(2)}`)
    .send(JSON.stringify(body));

async function read(query = ''): Promise<Page> {
  await t.ctx.provisioningLog.flush();
  const res = await t
    .http()
    .get(`/api/admin/provisioning-log${query}`)
    .set('Authorization', `Bearer ${admin}`)
    .expect(200);
  return res.body as Page;
}

describe('the provisioning log', () => {
  let aliceId: string;

  it('records each SCIM write: time, connector, method, path, id, userName, status, duration, request id', async () => {
    const created = await post(entra, user('alice@example.test')).expect(201);
    aliceId = (created.body as { id: string }).id;
    const { entries } = await read();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      connector: 'Entra ID',
      method: 'POST',
      path: '/scim/v2/Users',
      resourceId: aliceId,
      userName: 'alice@example.test',
      status: 201,
      scimType: null,
      detail: null,
      reads: null,
    });
    expect(entries[0]!.requestId).toBe(created.headers['x-request-id']);
    expect(entries[0]!.durationMs).toBeGreaterThan(0);
  });

  it('counts successful reads per connector and minute in one entry, by what was read', async () => {
    const filter = encodeURIComponent('userName eq "alice@example.test"');
    const get = (bearer: string, path: string) =>
      t.http().get(path).set('Authorization', `Bearer ${bearer}`).expect(200);
    await get(okta, `/scim/v2/Users?filter=${filter}`);
    await get(okta, `/scim/v2/Users?filter=${filter}`);
    await get(okta, `/scim/v2/Users/${aliceId}`);
    await get(entra, `/scim/v2/Users/${aliceId}`);
    const { entries } = await read();
    const counts = entries.filter((e) => e.reads);
    const minute = (e: Entry) => Date.parse(e.at) % 60_000;
    expect(counts.every((e) => minute(e) === 0 && e.method === 'GET' && e.status === 200)).toBe(
      true,
    );
    const total = (connector: string) =>
      counts.filter((e) => e.connector === connector).reduce((n, e) => n + e.reads!.count, 0);
    expect(total('Okta')).toBe(3);
    expect(total('Entra ID')).toBe(1);
    const oktaCounts = counts.filter((e) => e.connector === 'Okta');
    const kinds: Record<string, number> = {};
    for (const e of oktaCounts)
      for (const [k, n] of Object.entries(e.reads!.byKind)) kinds[k] = (kinds[k] ?? 0) + n;
    expect(kinds).toEqual({ 'User list': 2, 'User get': 1 });
    // Only the write and the read counts: no entry per read.
    expect(entries.filter((e) => !e.reads)).toHaveLength(1);
  });

  it("adds up one minute's reads from several processes in one entry", async () => {
    const at = new Date('2026-03-04T05:06:07.000Z');
    // Six processes flushing at once: their first upserts of the minute's entry race.
    const writers = Array.from({ length: 6 }, () =>
      createProvisioningLog({
        model: t.ctx.ProvisioningEntry,
        now: () => at,
        logger: t.ctx.logger,
        metrics: t.ctx.metrics,
        retentionDays: 7,
        maxEntries: 1_000,
      }),
    );
    const read = (i: number) => ({
      tenantId: 'reads-race',
      at: new Date(at.getTime() + i * 100),
      connector: 'Okta',
      method: 'GET',
      path: '/scim/v2/Groups',
      resourceType: 'Group',
      status: 200,
      durationMs: i,
      requestId: `r${i}`,
    });
    for (let i = 0; i < 30; i++) writers[i % writers.length]!.record(read(i));
    await Promise.all(writers.map((w) => w.flush()));
    writers[0]!.record(read(30));
    await writers[0]!.flush();
    const docs = await t.ctx.ProvisioningEntry.collection
      .find({ tenantId: 'reads-race' })
      .toArray();
    await t.ctx.ProvisioningEntry.collection.deleteMany({ tenantId: 'reads-race' });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      at: new Date('2026-03-04T05:06:00.000Z'),
      durationMs: 30,
      reads: { count: 31, byKind: { 'Group list': 31 } },
    });
  });

  it('records what the client was told on an error: status, scimType and detail', async () => {
    await post(entra, user('alice@example.test')).expect(409);
    const { entries } = await read('?errors=true');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 409,
      scimType: 'uniqueness',
      userName: 'alice@example.test',
    });
    expect(entries[0]!.detail).toEqual(expect.any(String));
  });

  it('never stores bodies, passwords or tokens', async () => {
    const stored = await t.ctx.ProvisioningEntry.collection.find({}).toArray();
    const text = JSON.stringify(stored);
    expect(text).not.toContain('Sup3r-secret-password!');
    expect(text).not.toContain('someone@example.test');
    expect(text).not.toContain(entra);
    expect(text).not.toContain(okta);
  });

  it('filters by connector, userName (any case), user id and time range, and pages with a cursor', async () => {
    await post(okta, user('bob@example.test')).expect(201);
    expect((await read('?connector=Okta')).entries.every((e) => e.connector === 'Okta')).toBe(true);
    const alice = await read('?userName=ALICE@example.test');
    expect(alice.entries.map((e) => e.status).sort()).toEqual([201, 409]);
    const byId = await read(`?userId=${aliceId}`);
    expect(byId.entries.map((e) => e.status)).toEqual([201]);
    expect((await read(`?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).entries).toEqual([]);
    // Three writes and the read counts (one per connector, or two if a minute turned).
    const recent = await read(
      `?from=${encodeURIComponent(new Date(Date.now() - 120_000).toISOString())}`,
    );
    expect(recent.entries.filter((e) => !e.reads)).toHaveLength(3);
    const total = recent.entries.length;

    const first = await read('?limit=3');
    expect(first.entries).toHaveLength(3);
    expect(first.next).toEqual(expect.any(String));
    const second = await read(`?limit=${total}&cursor=${encodeURIComponent(first.next!)}`);
    expect(second.entries).toHaveLength(total - 3);
    expect(second.next).toBeNull();
    const all = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(all).size).toBe(total);
  });

  it('answers 400 for a bad limit or time, and only administrators of the tenant read it', async () => {
    await t
      .http()
      .get('/api/admin/provisioning-log?limit=0')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    await t
      .http()
      .get('/api/admin/provisioning-log?from=yesterday')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    await t.http().get('/api/admin/provisioning-log').expect(401);
    const otherAdmin = await adminSession(t, 'other-tenant');
    const other = await t
      .http()
      .get('/api/admin/provisioning-log')
      .set('Authorization', `Bearer ${otherAdmin}`)
      .expect(200);
    expect((other.body as Page).entries).toEqual([]);
  });

  it('keeps entries for PROVISIONING_LOG_DAYS (a TTL on expiresAt)', async () => {
    const [entry] = await t.ctx.ProvisioningEntry.collection.find({}).limit(1).toArray();
    const kept = (entry!.expiresAt as Date).getTime() - (entry!.at as Date).getTime();
    expect(kept).toBe(7 * 86_400_000);
    const indexes = await t.ctx.ProvisioningEntry.collection.indexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
    );
  });
});

describe('the provisioning log cap', () => {
  it('keeps only the newest PROVISIONING_LOG_MAX_ENTRIES of a tenant', async () => {
    const small = await createTestApp('provlogcap', { PROVISIONING_LOG_MAX_ENTRIES: '10' });
    try {
      const token = await scimToken(small);
      for (let i = 0; i < 15; i++) {
        await small
          .http()
          .get(`/scim/v2/Users/no-such-user-${i}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(404);
      }
      await small.ctx.provisioningLog.flush();
      expect(await small.ctx.ProvisioningEntry.countDocuments({ tenantId: 'default' })).toBe(10);
    } finally {
      await small.close();
    }
  });
});
