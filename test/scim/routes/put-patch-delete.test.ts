import { verifyPassword } from '../../../src/platform/crypto/secrets';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createGroup,
  createUser,
  ENTERPRISE,
  expectScimError,
  groupBody,
  idsOf,
  patchOp,
  q,
  scimClient,
  USER_SCHEMA,
  userBody,
  versionOf,
  type Json,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('scimwrite');
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => t.close());

describe('PUT /Users/{id}', () => {
  it('replaces the whole resource: attributes left out are removed', async () => {
    const user = await createUser(scim, 'put.replace', { title: 'Boss', nickName: 'Putty' });
    const res = await scim.put(`/Users/${user.id}`, {
      schemas: [USER_SCHEMA],
      userName: 'put.replace',
      displayName: 'Put Replace',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: user.id,
      userName: 'put.replace',
      displayName: 'Put Replace',
    });
    for (const gone of ['title', 'nickName', 'emails', 'name'])
      expect(res.body).not.toHaveProperty(gone);
    expect((await scim.get(`/Users/${user.id}`)).body).not.toHaveProperty('title');
  });

  it('ignores read-only attributes: id, meta and groups in the body change nothing', async () => {
    const user = await createUser(scim, 'put.readonly');
    const group = await createGroup(scim, 'PUT read-only group');
    const res = await scim.put(
      `/Users/${user.id}`,
      userBody('put.readonly', {
        id: 'another-id',
        meta: { created: '1999-01-01T00:00:00Z', version: 'W/"77"' },
        groups: [{ value: group.id }],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, meta: { created: (user.meta as Json).created } });
    // The body repeats what is stored, so the PUT writes nothing (RFC 7644 §3.5.1).
    expect(versionOf(bodyOf(res))).toBe('W/"1"');
    expect(res.body).not.toHaveProperty('groups');
    expectScimError(await scim.get('/Users/another-id'), 404);
  });

  it('replaces the write-only password with the one the PUT gives', async () => {
    const user = await createUser(scim, 'put.password', { password: 'First-pass-1' });
    const res = await scim.put(
      `/Users/${user.id}`,
      userBody('put.password', { password: 'Second-pass-2' }),
    );
    expect(res.status).toBe(200);
    const stored = (await t.ctx.directory.users.collection.findOne({ _id: user.id } as never)) as {
      passwordHash?: string;
    } | null;
    const hash = String(stored?.passwordHash);
    expect(await verifyPassword('Second-pass-2', hash)).toBe(true);
    expect(await verifyPassword('First-pass-1', hash)).toBe(false);
  });

  it('answers 409 uniqueness when the new userName belongs to another user in another case', async () => {
    await createUser(scim, 'Taken.Name');
    const user = await createUser(scim, 'put.rename');
    expectScimError(await scim.put(`/Users/${user.id}`, userBody('TAKEN.name')), 409, 'uniqueness');
    expect((await scim.get(`/Users/${user.id}`)).body).toMatchObject({ userName: 'put.rename' });
  });

  it('lets a user change the case of its own userName', async () => {
    const user = await createUser(scim, 'own.case');
    const res = await scim.put(`/Users/${user.id}`, userBody('OWN.Case'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userName: 'OWN.Case' });
  });

  it('answers 400 invalidValue without userName and 404 for an unknown id', async () => {
    const user = await createUser(scim, 'put.invalid');
    expectScimError(
      await scim.put(`/Users/${user.id}`, { schemas: [USER_SCHEMA] }),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim.put('/Users/0f8fad5b-d9cb-469f-a165-70867728950e', userBody('ghost')),
      404,
    );
  });
});

describe('PUT never creates (RFC 7644 §3.2, §3.5.1)', () => {
  it('answers 404 to a PUT of an unknown id and stores nothing under that id or name', async () => {
    const userId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expectScimError(await scim.put(`/Users/${userId}`, userBody('put.ghost')), 404);
    expectScimError(await scim.get(`/Users/${userId}`), 404);
    expect(idsOf(await scim.get(`/Users?${q('userName eq "put.ghost"')}`))).toEqual([]);
    const groupId = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expectScimError(await scim.put(`/Groups/${groupId}`, groupBody('PUT ghost group')), 404);
    expectScimError(await scim.get(`/Groups/${groupId}`), 404);
    expect(idsOf(await scim.get(`/Groups?${q('displayName eq "PUT ghost group"')}`))).toEqual([]);
  });
});

describe('PATCH /Users/{id}', () => {
  it('applies RFC 7644 add, replace and remove operations and answers 200 with the resource', async () => {
    const user = await createUser(scim, 'patch.rfc', {
      emails: [
        { type: 'work', value: 'work@rfc.test', primary: true },
        { type: 'home', value: 'home@rfc.test' },
      ],
    });
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp(
        { op: 'add', path: 'emails', value: [{ type: 'other', value: 'other@rfc.test' }] },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'new-work@rfc.test' },
        { op: 'remove', path: 'emails[type eq "home"]' },
        { op: 'add', value: { title: 'Tester', 'name.middleName': 'Q' } },
        { op: 'replace', path: `${ENTERPRISE}:department`, value: 'QA' },
        { op: 'remove', path: 'name.givenName' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(versionOf(bodyOf(res)));
    const patched = bodyOf(res);
    expect(patched).toMatchObject({
      id: user.id,
      title: 'Tester',
      name: { familyName: 'Family', middleName: 'Q' },
      [ENTERPRISE]: { department: 'QA' },
    });
    expect(patched.name).not.toHaveProperty('givenName');
    expect((patched.emails as Json[]).map((e) => [e.type, e.value]).sort()).toEqual([
      ['other', 'other@rfc.test'],
      ['work', 'new-work@rfc.test'],
    ]);
    expect(patched.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
  });

  it('is all-or-nothing: one failing operation leaves the resource and its version untouched', async () => {
    const user = await createUser(scim, 'patch.atomic', { displayName: 'Before' });
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp(
        { op: 'replace', path: 'displayName', value: 'After' },
        { op: 'replace', path: 'active', value: 'not-a-boolean' },
      ),
    );
    expectScimError(res, 400);
    const read = await scim.get(`/Users/${user.id}`);
    expect(read.body).toMatchObject({ displayName: 'Before' });
    expect(versionOf(bodyOf(read))).toBe(versionOf(user));
  });

  it.each<[string, Json, string]>([
    ['a remove without path', { op: 'remove' }, 'noTarget'],
    ['a malformed path', { op: 'replace', path: 'emails[type eq', value: 'x' }, 'invalidPath'],
    ['a change of the read-only id', { op: 'replace', path: 'id', value: 'mine' }, 'mutability'],
    ['an unknown op', { op: 'merge', path: 'title', value: 'x' }, 'invalidSyntax'],
  ])('answers 400 %s', async (_label, operation, scimType) => {
    const user = await createUser(scim, `patch.error.${scimType}`);
    expectScimError(await scim.patch(`/Users/${user.id}`, patchOp(operation)), 400, scimType);
  });

  it('answers 400 invalidSyntax to a body that is not a PatchOp', async () => {
    const user = await createUser(scim, 'patch.nobody');
    expectScimError(
      await scim.patch(`/Users/${user.id}`, {
        Operations: [{ op: 'replace', path: 'title', value: 'x' }],
      }),
      400,
      'invalidSyntax',
    );
    expectScimError(await scim.patch(`/Users/${user.id}`, patchOp()), 400, 'invalidSyntax');
  });

  it('answers 409 uniqueness when a PATCH takes another user’s userName', async () => {
    await createUser(scim, 'patch.taken');
    const user = await createUser(scim, 'patch.mover');
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'userName', value: 'PATCH.TAKEN' }),
    );
    expectScimError(res, 409, 'uniqueness');
  });

  it('accepts Entra ID’s dialect: capitalised ops, "False" strings and dotted keys in a path-less value', async () => {
    const user = await createUser(scim, 'entra.dialect');
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp(
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: 'nickName', value: 'Babs' },
        {
          op: 'Replace',
          value: { 'name.givenName': 'Kkom', [`${ENTERPRISE}:employeeNumber`]: 'Aklq' },
        },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      active: false,
      nickName: 'Babs',
      name: { givenName: 'Kkom' },
      [ENTERPRISE]: { employeeNumber: 'Aklq' },
    });
  });

  it('adds a manager the way Entra ID sends it and removes it again', async () => {
    const manager = await createUser(scim, 'entra.manager');
    const user = await createUser(scim, 'entra.report');
    const added = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'Add', path: 'manager', value: [{ $ref: null, value: manager.id }] }),
    );
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ [ENTERPRISE]: { manager: { value: manager.id } } });
    const removed = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'Remove', path: `${ENTERPRISE}:manager` }),
    );
    expect(removed.status).toBe(200);
    expect(removed.body).not.toHaveProperty(ENTERPRISE);
    expect(removed.body).toMatchObject({ schemas: [USER_SCHEMA] });
  });

  it('adds a whole extension object at its URN path, ignoring a schemas key echoed inside it', async () => {
    const user = await createUser(scim, 'patch.extension');
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp({
        op: 'add',
        path: ENTERPRISE,
        value: { schemas: [ENTERPRISE], employeeNumber: '42', costCenter: 'CC-1' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE],
      [ENTERPRISE]: { employeeNumber: '42', costCenter: 'CC-1' },
    });
    expect(bodyOf(res)[ENTERPRISE]).not.toHaveProperty('schemas');
  });

  it('accepts Okta’s dialect: a path-less replace of active', async () => {
    const user = await createUser(scim, 'okta.dialect');
    const off = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', value: { active: false } }),
    );
    expect(off.body).toMatchObject({ active: false });
    const on = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', value: { active: true } }),
    );
    expect(on.body).toMatchObject({ active: true });
  });

  it('ignores a PATCH of the read-only groups attribute', async () => {
    const user = await createUser(scim, 'patch.groups');
    const group = await createGroup(scim, 'PATCH read-only group');
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'add', path: 'groups', value: [{ value: group.id }] }),
    );
    expect([200, 400]).toContain(res.status);
    expect((await scim.get(`/Users/${user.id}`)).body).not.toHaveProperty('groups');
  });

  it('answers 404 for an unknown id', async () => {
    expectScimError(
      await scim.patch(
        '/Users/0f8fad5b-d9cb-469f-a165-70867728950e',
        patchOp({ op: 'replace', path: 'title', value: 'x' }),
      ),
      404,
    );
  });
});

describe('deactivation and DELETE /Users/{id}', () => {
  it('keeps a user with active false readable and filterable', async () => {
    const user = await createUser(scim, 'soft.deleted');
    await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
    expect((await scim.get(`/Users/${user.id}`)).body).toMatchObject({ active: false });
    expect(idsOf(await scim.get(`/Users?${q('userName eq "soft.deleted"')}`))).toEqual([user.id]);
    expect(idsOf(await scim.get(`/Users?${q('active eq false')}`))).toContain(user.id);
    expect(idsOf(await scim.get('/Users?count=1000'))).toContain(user.id);
  });

  it('answers 204, then 404 to GET, PUT, PATCH and a second DELETE', async () => {
    const user = await createUser(scim, 'hard.deleted');
    const res = await scim.delete(`/Users/${user.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectScimError(await scim.get(`/Users/${user.id}`), 404);
    expectScimError(await scim.put(`/Users/${user.id}`, userBody('hard.deleted')), 404);
    expectScimError(
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'x' })),
      404,
    );
    expectScimError(await scim.delete(`/Users/${user.id}`), 404);
    expect(idsOf(await scim.get(`/Users?${q('userName eq "hard.deleted"')}`))).toEqual([]);
  });

  it('frees the userName of a deleted user', async () => {
    const user = await createUser(scim, 'reused.name');
    await scim.delete(`/Users/${user.id}`).expect(204);
    expect((await scim.post('/Users', userBody('REUSED.name'))).status).toBe(201);
  });

  it('a deleted user leaves its groups', async () => {
    const user = await createUser(scim, 'leaving.member');
    const stays = await createUser(scim, 'staying.member');
    const group = await createGroup(scim, 'Left behind', {
      members: [{ value: user.id }, { value: stays.id }],
    });
    await scim.delete(`/Users/${user.id}`).expect(204);
    const read = await scim.get(`/Groups/${group.id}`);
    expect((read.body as { members?: Json[] }).members?.map((m) => m.value)).toEqual([stays.id]);
    expect(idsOf(await scim.get(`/Groups?${q(`members.value eq "${user.id}"`)}`))).toEqual([]);
  });
});
