import { createTestApp, scimToken, type TestApp } from '../../support/test-app';

let t: TestApp;
let auth: { Authorization: string };
beforeAll(async () => {
  t = await createTestApp('bulk', { SCIM_BULK_MAX_OPERATIONS: '5', BODY_LIMIT_BYTES: '20000' });
  auth = { Authorization: `Bearer ${await scimToken(t)}` };
});
afterAll(async () => t.close());

const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) =>
  t
    .http()
    .post('/scim/v2/Bulk')
    .set(auth)
    .set('Content-Type', 'application/scim+json')
    .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations, ...extra });

describe('Bulk (RFC 7644 §3.7)', () => {
  it('creates a user and a group that refers to it by bulkId, and reports each operation', async () => {
    const res = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'g1',
        data: { displayName: 'Bulk Team', members: [{ value: 'bulkId:u1', type: 'User' }] },
      },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'u1',
        data: { userName: 'bulk.user@example.test' },
      },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
    const [user, group] = [
      res.body.Operations.find((o: { bulkId: string }) => o.bulkId === 'u1'),
      res.body.Operations.find((o: { bulkId: string }) => o.bulkId === 'g1'),
    ];
    expect(user).toMatchObject({ method: 'POST', status: '201', version: 'W/"1"' });
    expect(group.status).toBe('201');
    const userId = user.location.split('/').pop();
    const read = await t
      .http()
      .get(group.location.replace('https://scim.example.test', ''))
      .set(auth);
    expect(read.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
  });

  it('resolves a circular reference between two new groups', async () => {
    const res = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'a',
        data: { displayName: 'Cycle A', members: [{ value: 'bulkId:b', type: 'Group' }] },
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'b',
        data: { displayName: 'Cycle B', members: [{ value: 'bulkId:a', type: 'Group' }] },
      },
    ]);
    expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '201']);
    const [a, b] = res.body.Operations.map((o: { location: string }) =>
      o.location.split('/').pop(),
    );
    const readA = await t.http().get(`/scim/v2/Groups/${a}`).set(auth);
    const readB = await t.http().get(`/scim/v2/Groups/${b}`).set(auth);
    expect(readA.body.members.map((m: { value: string }) => m.value)).toEqual([b]);
    expect(readB.body.members.map((m: { value: string }) => m.value)).toEqual([a]);
  });

  it('gives each failed operation its own error and stops after failOnErrors', async () => {
    const res = await bulk(
      [
        { method: 'POST', path: '/Users', bulkId: 'x1', data: { userName: 'dup@example.test' } },
        { method: 'POST', path: '/Users', bulkId: 'x2', data: { userName: 'DUP@example.test' } },
        { method: 'DELETE', path: '/Users/does-not-exist' },
        { method: 'POST', path: '/Users', bulkId: 'x3', data: { userName: 'never@example.test' } },
      ],
      { failOnErrors: 2 },
    );
    expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual([
      '201',
      '409',
      '404',
    ]);
    expect(res.body.Operations[1].response).toMatchObject({
      status: '409',
      scimType: 'uniqueness',
    });
    const never = await t
      .http()
      .get('/scim/v2/Users')
      .query({ filter: 'userName eq "never@example.test"' })
      .set(auth);
    expect(never.body.totalResults).toBe(0);
  });

  it('answers 413 beyond maxOperations or maxPayloadSize, before running anything', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `m${i}`,
      data: { userName: `many${i}@example.test` },
    }));
    const tooMany = await bulk(six);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.status).toBe('413');
    expect(tooMany.body.detail).toMatch(/at most 5 operations \(maxOperations\)/);
    const huge = await bulk([
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'h',
        data: { userName: 'h@example.test', displayName: 'x'.repeat(30_000) },
      },
    ]);
    expect(huge.status).toBe(413);
    // The limit the ServiceProviderConfig gives as bulk.maxPayloadSize.
    expect(huge.body.detail).toMatch(/BODY_LIMIT_BYTES \(20000 bytes\)/);
    const spc = await t.http().get('/scim/v2/ServiceProviderConfig');
    expect(spc.body.bulk).toMatchObject({ maxOperations: 5, maxPayloadSize: 20000 });
    const none = await t
      .http()
      .get('/scim/v2/Users')
      .query({ filter: 'userName sw "many"' })
      .set(auth);
    expect(none.body.totalResults).toBe(0);
  });

  it('refers to an unknown bulkId with a 409 for that operation', async () => {
    const res = await bulk([{ method: 'PATCH', path: '/Groups/bulkId:nope', data: {} }]);
    expect(res.body.Operations[0]).toMatchObject({ status: '409' });
  });

  it('refuses a body that is not a BulkRequest', async () => {
    const res = await t.http().post('/scim/v2/Bulk').set(auth).send({ Operations: [] });
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidSyntax');
  });
});
