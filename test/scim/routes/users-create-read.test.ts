import entraUsers from '../../fixtures/entra/users.json';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  BASE,
  bodyOf,
  createGroup,
  createUser,
  ENTERPRISE,
  expectScimError,
  q,
  scimClient,
  USER_SCHEMA,
  userBody,
  type Json,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;
let token: string;

beforeAll(async () => {
  t = await createTestApp('scimusers');
  token = await scimToken(t);
  scim = scimClient(t, token);
});
afterAll(async () => t.close());

const entraCreateUser = entraUsers.steps.find((s) => s.name === 'Create User')!.body as Json;

describe('POST /Users', () => {
  it("creates Entra's published user with 201, a Location equal to meta.location and an ETag equal to meta.version", async () => {
    const res = await scim.post('/Users', entraCreateUser);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const user = bodyOf(res);
    const meta = user.meta as Json;
    expect(res.headers.location).toBe(meta.location);
    expect(meta.location).toBe(`https://scim.example.test${BASE}/Users/${String(user.id)}`);
    expect(res.headers.etag).toBe(meta.version);
    expect(meta.version).toMatch(/^W\/".+"$/);
    expect(meta).toMatchObject({ resourceType: 'User' });
    expect(new Date(String(meta.created)).toISOString()).toBe(meta.created);
    expect(meta.lastModified).toBe(meta.created);
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: entraCreateUser.userName,
      externalId: entraCreateUser.externalId,
      active: true,
    });
  });

  it('assigns its own id and ignores the id and meta a client sends', async () => {
    const res = await scim.post(
      '/Users',
      userBody('client.id', {
        id: 'client-chosen-id',
        meta: {
          created: '2001-01-01T00:00:00Z',
          version: 'W/"99"',
          location: 'https://evil.test/x',
        },
      }),
    );
    expect(res.status).toBe(201);
    const user = bodyOf(res);
    expect(user.id).not.toBe('client-chosen-id');
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.meta).toMatchObject({ version: 'W/"1"' });
    expect((user.meta as Json).created).not.toBe('2001-01-01T00:00:00Z');
    expect((user.meta as Json).location).toContain(String(user.id));
    expectScimError(await scim.get('/Users/client-chosen-id'), 404);
  });

  it('a second create with the same userName in another case answers 409 uniqueness', async () => {
    await createUser(scim, 'Barbara.Jensen@Example.com');
    const res = await scim.post('/Users', userBody('bARBARA.jENSEN@example.COM'));
    expectScimError(res, 409, 'uniqueness');
  });

  it('a create without userName answers 400 invalidValue', async () => {
    const { userName: _omitted, ...withoutUserName } = userBody('nobody');
    expectScimError(await scim.post('/Users', withoutUserName), 400, 'invalidValue');
    expectScimError(await scim.post('/Users', userBody('')), 400, 'invalidValue');
  });

  it('a malformed JSON body answers 400 invalidSyntax', async () => {
    const res = await t
      .http()
      .post(`${BASE}/Users`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/scim+json')
      .send('{"userName": "broken",');
    expectScimError(res, 400, 'invalidSyntax');
  });

  it('50 concurrent creates of one userName give exactly one 201 and 409 for the rest', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        scim.post('/Users', userBody(i % 2 ? 'race.user@example.com' : 'RACE.USER@example.com')),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const list = await scim.get(`/Users?${q('userName eq "race.user@example.com"')}`);
    expect(list.body).toMatchObject({ totalResults: 1 });
  });

  it('matches attribute names case-insensitively and returns them in canonical case', async () => {
    const res = await scim.post('/Users', {
      SCHEMAS: [USER_SCHEMA],
      USERNAME: 'case.names',
      Name: { GivenName: 'Case', FAMILYNAME: 'Names' },
      Emails: [{ VALUE: 'case.names@example.com', Type: 'work' }],
      [ENTERPRISE.toUpperCase()]: { Department: 'Sales' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userName: 'case.names',
      name: { givenName: 'Case', familyName: 'Names' },
      emails: [{ value: 'case.names@example.com', type: 'work' }],
      [ENTERPRISE]: { department: 'Sales' },
    });
  });

  it('ignores unknown attributes and treats null as unassigned', async () => {
    const res = await scim.post(
      '/Users',
      userBody('unknown.attrs', {
        favouriteColour: 'blue',
        title: null,
        addresses: null,
        nickName: 'Nick',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('favouriteColour');
    expect(res.body).not.toHaveProperty('title');
    expect(res.body).not.toHaveProperty('addresses');
    expect(res.body).toMatchObject({ nickName: 'Nick' });
  });

  it('accepts "True" and "False" strings for booleans', async () => {
    const off = await scim.post('/Users', userBody('bool.false', { active: 'False' }));
    const on = await scim.post('/Users', userBody('bool.true', { active: 'True' }));
    expect([off.status, on.status]).toEqual([201, 201]);
    expect(off.body).toMatchObject({ active: false });
    expect(on.body).toMatchObject({ active: true });
  });

  it('stores the enterprise extension with a manager and returns its schema URN', async () => {
    const manager = await createUser(scim, 'the.manager');
    const res = await scim.post(
      '/Users',
      userBody('the.report', {
        schemas: [USER_SCHEMA, ENTERPRISE],
        [ENTERPRISE]: {
          employeeNumber: '701984',
          department: 'Tour Operations',
          manager: {
            value: manager.id,
            $ref: `https://scim.example.test${BASE}/Users/${manager.id}`,
          },
        },
      }),
    );
    expect(res.status).toBe(201);
    const managerRef = `https://scim.example.test${BASE}/Users/${manager.id}`;
    expect(res.body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE],
      [ENTERPRISE]: {
        employeeNumber: '701984',
        department: 'Tour Operations',
        manager: { value: manager.id, $ref: managerRef },
      },
    });
    const read = await scim.get(`/Users/${String(bodyOf(res).id)}`);
    expect(read.body).toMatchObject({
      [ENTERPRISE]: { manager: { value: manager.id, $ref: managerRef } },
    });
  });

  it('never returns the password, not even when asked for it', async () => {
    const created = await scim.post(
      '/Users',
      userBody('with.password', { password: 'Sup3r-secret!' }),
    );
    expect(created.status).toBe(201);
    const id = String(bodyOf(created).id);
    for (const res of [
      created,
      await scim.get(`/Users/${id}`),
      await scim.get(`/Users/${id}?attributes=password,userName`),
      await scim.get(`/Users?${q('userName eq "with.password"')}`),
    ]) {
      expect(res.text).not.toContain('Sup3r-secret!');
      expect(res.text).not.toMatch(/"password"/);
    }
  });

  it('ignores the read-only groups attribute on create', async () => {
    const group = await createGroup(scim, 'Read-only groups');
    const res = await scim.post(
      '/Users',
      userBody('no.self.join', { groups: [{ value: group.id }] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('groups');
    const read = await scim.get(`/Groups/${group.id}`);
    expect(read.body).not.toHaveProperty('members');
  });

  it('applies attributes to the created representation', async () => {
    const res = await scim.post('/Users?attributes=userName', userBody('projected.create'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), userName: 'projected.create' });
    expect(res.body).not.toHaveProperty('emails');
    expect(res.headers.location).toContain(String(bodyOf(res).id));
  });
});

describe('GET /Users/{id}', () => {
  let user: Json & { id: string };
  beforeAll(async () => {
    user = await createUser(scim, 'read.me', {
      displayName: 'Read Me',
      title: 'Reader',
      name: { givenName: 'Read', familyName: 'Me', formatted: 'Read Me' },
    });
  });

  it('answers 200 with the resource and its ETag', async () => {
    const res = await scim.get(`/Users/${user.id}`); // Accept: application/scim+json
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json; charset=utf-8$/);
    expect(res.body).toMatchObject({ id: user.id, userName: 'read.me', displayName: 'Read Me' });
    expect(res.headers.etag).toBe((bodyOf(res).meta as Json).version);
  });

  it.each([
    ['an unknown UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['a short number', '0'],
    ['a non-UUID word', 'not-an-id'],
    ['a 5000-character id', 'x'.repeat(5000)],
    ['an operator-looking id', '%24where'],
    ['an object-looking id', '%7B%22%24gt%22%3A%22%22%7D'],
    ['a dotted id', '..'],
    ['an id with spaces', 'a%20b'],
  ])('answers 404, never 400 or 500, for %s', async (_label, id) => {
    expectScimError(await scim.get(`/Users/${id}`), 404);
  });

  it('returns only id, schemas and the named attributes with attributes=', async () => {
    const res = await scim.get(`/Users/${user.id}?attributes=userName,name.givenName`);
    expect(res.status).toBe(200);
    expect(Object.keys(bodyOf(res)).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    expect(res.body).toMatchObject({ name: { givenName: 'Read' } });
    expect(bodyOf(res).name).not.toHaveProperty('familyName');
  });

  it('matches attributes= case-insensitively and with the core URN prefix', async () => {
    const res = await scim.get(`/Users/${user.id}?attributes=USERNAME,${USER_SCHEMA}:displayName`);
    expect(res.body).toMatchObject({ userName: 'read.me', displayName: 'Read Me' });
    expect(res.body).not.toHaveProperty('title');
  });

  it('leaves out excludedAttributes but always keeps id', async () => {
    const res = await scim.get(
      `/Users/${user.id}?excludedAttributes=emails,name.familyName,title,id`,
    );
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('emails');
    expect(res.body).not.toHaveProperty('title');
    expect(res.body).toMatchObject({
      id: user.id,
      userName: 'read.me',
      name: { givenName: 'Read' },
    });
    expect(bodyOf(res).name).not.toHaveProperty('familyName');
  });
});
