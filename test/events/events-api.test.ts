import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';
import { newUser, publishedEvents, scimClient } from './events-support';

let t: TestApp;
let admin: string;
let scimSecret: string;

beforeAll(async () => {
  t = await createTestApp('events-api');
  admin = await adminSession(t);
  scimSecret = await scimToken(t);
  const scim = scimClient(t, scimSecret);
  for (let i = 0; i < 5; i++)
    await scim.post('/Users', newUser(`reader${i}@example.test`)).expect(201);
  await scim
    .post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Readers',
    })
    .expect(201);
  await publishedEvents(t);
});
afterAll(() => t.close());

async function newReader(session = admin): Promise<{ id: string; token: string }> {
  const res = await t
    .http()
    .post('/api/admin/event-readers')
    .set('Authorization', `Bearer ${session}`)
    .send({ label: 'Host app' })
    .expect(201);
  return res.body as { id: string; token: string };
}

const read = (token: string, query = '') =>
  t.http().get(`/api/events${query}`).set('Authorization', `Bearer ${token}`);

interface Page {
  data: Array<{ id: string; type: string; tenant: string; resourceId: string; version: number }>;
  cursor: string;
  hasMore: boolean;
}

describe('GET /api/events', () => {
  it('needs an event-reader credential: none, a SCIM token or a session is 401', async () => {
    await t.http().get('/api/events').expect(401);
    await read(scimSecret).expect(401);
    await read(admin).expect(401);
  });

  it('the credential is shown once, listed without its secret, and stops working when revoked', async () => {
    const reader = await newReader();
    expect(reader.token).toMatch(/^evr_/);
    const list = await t
      .http()
      .get('/api/admin/event-readers')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(reader.token);
    await read(reader.token).expect(200);
    await t
      .http()
      .delete(`/api/admin/event-readers/${reader.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    await read(reader.token).expect(401);
  });

  it('pages in commit order with a stable cursor: the same cursor gives the same events', async () => {
    const { token } = await newReader();
    const all = (await read(token, '?limit=100').expect(200)).body as Page;
    expect(all.data.map((e) => e.type)).toEqual([
      ...Array(5).fill('user.created'),
      'group.created',
    ]);
    const first = (await read(token, '?limit=2').expect(200)).body as Page;
    expect(first.hasMore).toBe(true);
    const second = (await read(token, `?limit=2&after=${first.cursor}`).expect(200)).body as Page;
    const again = (await read(token, `?limit=2&after=${first.cursor}`).expect(200)).body as Page;
    expect(again).toEqual(second);
    expect([...first.data, ...second.data].map((e) => e.id)).toEqual(
      all.data.slice(0, 4).map((e) => e.id),
    );
    const end = (await read(token, `?after=${all.cursor}`).expect(200)).body as Page;
    expect(end).toEqual({ data: [], cursor: all.cursor, hasMore: false });
  });

  it('filters by type and refuses unknown types, bad cursors and bad limits', async () => {
    const { token } = await newReader();
    const groups = (await read(token, '?types=group.created,group.deleted').expect(200))
      .body as Page;
    expect(groups.data.map((e) => e.type)).toEqual(['group.created']);
    await read(token, '?types=user.exploded').expect(400);
    await read(token, '?after=not-a-cursor!').expect(400);
    await read(token, '?limit=0').expect(400);
    await read(token, '?after=a&after=b').expect(400);
  });

  it("a tenant's credential reads only that tenant's events", async () => {
    const other = await adminSession(t, 'other-tenant');
    const { token } = await newReader(other);
    const page = (await read(token).expect(200)).body as Page;
    expect(page.data).toEqual([]);
  });

  it('slows a client that keeps failing its credential with 429, as SCIM and sign-in do, and only that client', async () => {
    const guess = (from: string, token: string) => read(token).set('X-Forwarded-For', from);
    for (let i = 0; i < 20; i++) await guess('10.8.8.8', `evr_guess${i}`).expect(401);
    const blocked = await guess('10.8.8.8', 'evr_guess-again');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    const { token } = await newReader();
    await guess('10.8.8.8', token).expect(429);
    await guess('10.7.7.7', token).expect(200);
  });
});
