import fc from 'fast-check';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createGroup,
  createUser,
  expectScimError,
  groupBody,
  idsOf,
  patchOp,
  q,
  scimClient,
  SEARCH_REQUEST,
  userBody,
  type Json,
  type ScimClient,
} from './scim-client';
import { propertyRuns } from '../../support/property-runs';

let t: TestApp;
let acme: ScimClient;
let globex: ScimClient;
let acmeUser: Json & { id: string };
let acmeGroup: Json & { id: string };

beforeAll(async () => {
  t = await createTestApp('scimtenants');
  acme = scimClient(t, await scimToken(t, 'acme', 'Entra ID'));
  globex = scimClient(t, await scimToken(t, 'globex', 'Okta'));
  acmeUser = await createUser(acme, 'shared.name@example.com', { externalId: 'acme-ext-1' });
  acmeGroup = await createGroup(acme, 'Shared Group', { members: [{ value: acmeUser.id }] });
});
afterAll(async () => t.close());

async function acmeStillHasItsData(): Promise<void> {
  const user = await acme.get(`/Users/${acmeUser.id}`);
  expect(user.status).toBe(200);
  expect(user.body).toMatchObject({
    userName: 'shared.name@example.com',
    externalId: 'acme-ext-1',
  });
  expect(bodyOf(user).title).toBeUndefined();
  const group = await acme.get(`/Groups/${acmeGroup.id}`);
  expect(group.body).toMatchObject({
    displayName: 'Shared Group',
    members: [{ value: acmeUser.id }],
  });
}

describe("one tenant's token cannot reach another tenant's resources", () => {
  it('cannot read them by id, even knowing the id', async () => {
    expectScimError(await globex.get(`/Users/${acmeUser.id}`), 404);
    expectScimError(await globex.get(`/Groups/${acmeGroup.id}`), 404);
    expect((await globex.get(`/Users/${acmeUser.id}`).set('If-None-Match', '*')).status).toBe(404);
  });

  it('cannot list, filter or search them', async () => {
    expect(bodyOf(await globex.get('/Users'))).toMatchObject({ totalResults: 0 });
    expect(bodyOf(await globex.get('/Groups'))).toMatchObject({ totalResults: 0 });
    for (const filter of [
      `id eq "${acmeUser.id}"`,
      'userName eq "shared.name@example.com"',
      'externalId eq "acme-ext-1"',
      'userName pr',
    ]) {
      expect(idsOf(await globex.get(`/Users?${q(filter)}`))).toEqual([]);
    }
    expect(idsOf(await globex.get(`/Groups?${q(`members.value eq "${acmeUser.id}"`)}`))).toEqual(
      [],
    );
    const search = await globex.post('/Users/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'userName pr',
    });
    expect(bodyOf(search)).toMatchObject({ totalResults: 0 });
  });

  it('cannot modify or delete them', async () => {
    expectScimError(await globex.put(`/Users/${acmeUser.id}`, userBody('hijacked')), 404);
    expectScimError(
      await globex.patch(
        `/Users/${acmeUser.id}`,
        patchOp({ op: 'replace', path: 'title', value: 'pwned' }),
      ),
      404,
    );
    expectScimError(await globex.put(`/Groups/${acmeGroup.id}`, groupBody('hijacked')), 404);
    expectScimError(
      await globex.patch(`/Groups/${acmeGroup.id}`, patchOp({ op: 'remove', path: 'members' })),
      404,
    );
    expectScimError(await globex.delete(`/Users/${acmeUser.id}`), 404);
    expectScimError(await globex.delete(`/Groups/${acmeGroup.id}`), 404);
    await acmeStillHasItsData();
  });

  it("cannot add another tenant's user or group as a member", async () => {
    const created = await globex.post(
      '/Groups',
      groupBody('Poaching group', { members: [{ value: acmeUser.id }] }),
    );
    expectScimError(created, 400, 'invalidValue');
    const own = await createGroup(globex, 'Globex group');
    for (const value of [acmeUser.id, acmeGroup.id]) {
      const res = await globex.patch(
        `/Groups/${own.id}`,
        patchOp({ op: 'add', path: 'members', value: [{ value }] }),
      );
      expectScimError(res, 400, 'invalidValue');
    }
    const put = await globex.put(
      `/Groups/${own.id}`,
      groupBody('Globex group', { members: [{ value: acmeUser.id }] }),
    );
    expectScimError(put, 400, 'invalidValue');
    expect((await globex.get(`/Groups/${own.id}`)).body).not.toHaveProperty('members');
    expect((await acme.get(`/Users/${acmeUser.id}`)).body).toMatchObject({
      groups: [{ value: acmeGroup.id }],
    });
  });

  it('cannot reach them with any guessed id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(acmeUser.id),
          fc.constant(acmeGroup.id),
          fc.constant(acmeUser.id.toUpperCase()),
          fc.uuid(),
          fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/),
        ),
        async (id) => {
          for (const type of ['Users', 'Groups']) {
            const read = await globex.get(`/${type}/${encodeURIComponent(id)}`);
            expect(read.status).toBe(404);
            const removed = await globex.delete(`/${type}/${encodeURIComponent(id)}`);
            expect(removed.status).toBe(404);
          }
        },
      ),
      propertyRuns(25),
    );
    await acmeStillHasItsData();
  });

  it("cannot use another tenant's cursor", async () => {
    await createUser(acme, 'second.acme.user');
    const page = await acme.get('/Users?cursor=&count=1');
    const next = String(bodyOf(page).nextCursor);
    const foreign = await globex.get(`/Users?cursor=${encodeURIComponent(next)}&count=1`);
    expectScimError(foreign, 400, 'invalidCursor');
    // RFC 9865 §5.2: the answer tells nothing a made-up cursor's answer does not.
    const madeUp = await globex.get('/Users?cursor=not-a-cursor&count=1');
    expect(foreign.body).toEqual(madeUp.body);
  });
});

describe('uniqueness is per tenant', () => {
  it('lets another tenant use the same userName and displayName', async () => {
    const user = await globex.post('/Users', userBody('SHARED.NAME@example.com'));
    expect(user.status).toBe(201);
    expect(bodyOf(user).id).not.toBe(acmeUser.id);
    const group = await globex.post('/Groups', groupBody('shared group'));
    expect(group.status).toBe(201);
    expect(idsOf(await globex.get(`/Users?${q('userName eq "shared.name@example.com"')}`))).toEqual(
      [String(bodyOf(user).id)],
    );
    await acmeStillHasItsData();
  });
});
