import type { mongo } from 'mongoose';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';

/**
 * Database round trips per SCIM request, counted with the driver's command monitoring
 * (ARCHITECTURE.md: a request crosses the database boundary once or twice). Counted warm: the
 * credential and the tenant were resolved by an earlier request.
 */
let t: TestApp;
let token: string;
let commands: string[] = [];
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);

beforeAll(async () => {
  t = await createTestApp('roundtrips');
  token = await scimToken(t);
  const client = t.ctx.conn.getClient();
  client.on('commandStarted', (e: mongo.CommandStartedEvent) => {
    if (!HOUSEKEEPING.has(e.commandName)) commands.push(e.commandName);
  });
});
afterAll(() => t.close());

async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  commands = [];
  const result = await fn();
  return { result, commands: [...commands] };
}

const scim = () => ({
  post: (path: string, body: unknown) =>
    t
      .http()
      .post(`/scim/v2${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify(body)),
  get: (path: string) => t.http().get(`/scim/v2${path}`).set('Authorization', `Bearer ${token}`),
});

const user = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Round', familyName: 'Trip' },
  emails: [{ value: userName, type: 'work', primary: true }],
});

describe('database commands per SCIM request, once warm', () => {
  it('a create takes 2 (the tenant switch, the insert)', async () => {
    await scim().post('/Users', user('warm-up@example.test')).expect(201);
    const { result, commands: used } = await counted(() =>
      scim().post('/Users', user('counted@example.test')),
    );
    expect(result.status).toBe(201);
    expect(used).toEqual(['find', 'insert']);
    expect(used).toContain('insert');
  });

  it('a GET /Users/{id} of a user in no group takes 1 (the user)', async () => {
    const created = await scim().post('/Users', user('read-me@example.test')).expect(201);
    const id = (created.body as { id: string }).id;
    await scim().get(`/Users/${id}`).expect(200);
    const { result, commands: used } = await counted(() => scim().get(`/Users/${id}`));
    expect(result.status).toBe(200);
    expect(used).toEqual(['find']);
  });

  it('a GET /Users/{id} of a user in a group takes 2 (the user, its memberships with the group names) and shows the group', async () => {
    const created = await scim().post('/Users', user('grouped@example.test')).expect(201);
    const id = (created.body as { id: string }).id;
    const group = await scim()
      .post('/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Round trippers',
        members: [{ value: id }],
      })
      .expect(201);
    await scim().get(`/Users/${id}`).expect(200);
    const { result, commands: used } = await counted(() => scim().get(`/Users/${id}`));
    expect(result.status).toBe(200);
    expect((result.body as { groups?: Array<{ value: string }> }).groups).toEqual([
      expect.objectContaining({
        value: (group.body as { id: string }).id,
        display: 'Round trippers',
      }),
    ]);
    expect(used).toEqual(['find', 'find']);
  });

  it('a userName eq filter takes at most 2, with no separate count when the page holds every match', async () => {
    await scim().post('/Users', user('find-me@example.test')).expect(201);
    const filter = encodeURIComponent('userName eq "find-me@example.test"');
    await scim().get(`/Users?filter=${filter}`).expect(200);
    const { result, commands: used } = await counted(() => scim().get(`/Users?filter=${filter}`));
    expect(result.status).toBe(200);
    expect((result.body as { totalResults: number }).totalResults).toBe(1);
    expect(used).not.toContain('count');
    expect(used).not.toContain('aggregate');
    expect(used.length).toBeLessThanOrEqual(2);
  });

  it('a userName eq filter that matches nobody (Entra before a create) takes 1', async () => {
    const filter = encodeURIComponent('userName eq "nobody@example.test"');
    const { result, commands: used } = await counted(() => scim().get(`/Users?filter=${filter}`));
    expect((result.body as { totalResults: number }).totalResults).toBe(0);
    expect(used).toEqual(['find']);
  });
});
