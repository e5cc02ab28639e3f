import { mongo } from 'mongoose';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/welcome-harness';
import { scimClient, type ScimClient } from './scim-client';

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

const scim = () => scimClient(t, token);

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

  it('a DELETE of a user in ten groups moves each group once and removes the memberships together', async () => {
    const member = async (userName: string, groups: number) => {
      const id = ((await scim().post('/Users', user(userName)).expect(201)).body as { id: string })
        .id;
      for (let i = 0; i < groups; i++) {
        await scim()
          .post('/Groups', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: `${userName} group ${i}`,
            members: [{ value: id }],
          })
          .expect(201);
      }
      return id;
    };
    const alone = await member('leaves-nothing@example.test', 0);
    const joined = await member('leaves-ten@example.test', 10);
    const inNone = await counted(() => scim().delete(`/Users/${alone}`));
    const inTen = await counted(() => scim().delete(`/Users/${joined}`));
    expect([inNone.result.status, inTen.result.status]).toEqual([204, 204]);
    // One update per group (its version moves, as after a PATCH) and a few for all of them:
    // the groups read, the rows read, their removals' events, the rows deleted.
    expect(inTen.commands.length - inNone.commands.length).toBeLessThanOrEqual(10 + 4);
    const rows = await t.ctx.directory.Membership.collection.countDocuments({ memberId: joined });
    expect(rows).toBe(0);
  });

  it('a userName eq filter that matches nobody (Entra before a create) takes 1', async () => {
    const filter = encodeURIComponent('userName eq "nobody@example.test"');
    const { result, commands: used } = await counted(() => scim().get(`/Users?filter=${filter}`));
    expect((result.body as { totalResults: number }).totalResults).toBe(0);
    expect(used).toEqual(['find']);
  });
});

/**
 * Issue 22: every database command the server sends while it answers N requests and until the
 * work they cause is done (the events relay publishing their events, the provisioning log's
 * flush), divided by N. The workers run as in a server process;
 * the test watches for "done" on a connection of its own, so its own reads are not counted.
 */
describe('database commands per request, amortised over everything the requests cause', () => {
  let a: TestApp;
  let api: ScimClient;
  let sent: string[] = [];
  let watcher: mongo.MongoClient;

  beforeAll(async () => {
    // A poll interval longer than the test: what is counted is what the requests cause (the
    // idle polling of an idle server is its own test, test/platform/workers/outbox-worker.test.ts),
    // so the figure does not depend on how long a busy machine takes to send them.
    a = await createTestApp('amortised', { OUTBOX_POLL_MS: '60000' });
    api = scimClient(a, await scimToken(a));
    a.ctx.conn.getClient().on('commandStarted', (e: mongo.CommandStartedEvent) => {
      if (HOUSEKEEPING.has(e.commandName)) return;
      sent.push(`${e.commandName} ${String(e.command[e.commandName])}`);
    });
    watcher = await new mongo.MongoClient(process.env.TEST_MONGODB_URI!).connect();
    for (const worker of a.workers) worker.start();
  });
  afterAll(async () => {
    await watcher.close();
    await a.close();
  });

  /** Runs `count` requests, 8 at a time (as Entra and Okta send them). */
  async function inParallel(count: number, request: (i: number) => Promise<unknown>) {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < count) await request(next++);
      }),
    );
  }

  /** Resolves once no document holds an event the relay has yet to publish. */
  const relayed = () =>
    waitFor(
      () =>
        watcher
          .db(a.dbName)
          .collection('users')
          .countDocuments({ '_events.id': { $exists: true } }),
      (pending) => pending === 0,
      30_000,
      50,
    );

  async function perRequest(count: number, request: (i: number) => Promise<unknown>) {
    await relayed();
    await a.ctx.provisioningLog.flush();
    sent = [];
    await inParallel(count, request);
    await relayed();
    await a.ctx.provisioningLog.flush();
    return { perRequest: sent.length / count, sent: [...sent] };
  }

  const N = 200;
  const names = Array.from({ length: N }, (_, i) => `amortised-${i}@example.test`);
  const ids: string[] = [];

  it(`a create costs at most 3, with its event published and its log entry written`, async () => {
    const { perRequest: cost, sent: used } = await perRequest(N, async (i) => {
      const res = await api.post('/Users', user(names[i]!)).expect(201);
      ids[i] = (res.body as { id: string }).id;
    });
    expect(await watcher.db(a.dbName).collection('events').countDocuments()).toBe(N);
    expect(used.filter((c) => c === 'insert users')).toHaveLength(N);
    expect(cost).toBeLessThanOrEqual(3);
  });

  it('a userName lookup costs at most 1.1, and its log line is a count, not a document', async () => {
    const log = watcher.db(a.dbName).collection('provisioning_log');
    const before = await log.countDocuments();
    const { perRequest: cost, sent: used } = await perRequest(N, (i) =>
      api.get(`/Users?filter=${encodeURIComponent(`userName eq "${names[i]}"`)}`).expect(200),
    );
    expect(used.filter((c) => c === 'find users').length).toBeGreaterThanOrEqual(N);
    expect(cost).toBeLessThanOrEqual(1.1);
    // One read-count entry for the connector's minute (two if the load crossed a minute).
    expect((await log.countDocuments()) - before).toBeLessThanOrEqual(2);
  });

  it('a GET by id costs at most 1.1', async () => {
    const { perRequest: cost } = await perRequest(N, (i) =>
      api.get(`/Users/${ids[i]}`).expect(200),
    );
    expect(cost).toBeLessThanOrEqual(1.1);
  });
});
