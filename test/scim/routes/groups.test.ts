import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  BASE,
  bodyOf,
  createGroup,
  createUser,
  expectScimError,
  GROUP_SCHEMA,
  groupBody,
  idsOf,
  patchOp,
  q,
  scimClient,
  versionOf,
  type Json,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('scimgroups');
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => {
  jest.restoreAllMocks();
  await t.close();
});

const memberValues = (resource: Json): string[] =>
  ((resource.members as Json[] | undefined) ?? []).map((m) => String(m.value)).sort();

async function members(groupId: string): Promise<string[]> {
  const res = await scim.get(`/Groups/${groupId}`);
  expect(res.status).toBe(200);
  return memberValues(bodyOf(res));
}

describe('POST /Groups', () => {
  it('creates a group with members and answers 201 with Location, ETag and member references', async () => {
    const user = await createUser(scim, 'member.one');
    const res = await scim.post(
      '/Groups',
      groupBody('Engineers', { members: [{ value: user.id }] }),
    );
    expect(res.status).toBe(201);
    const group = bodyOf(res);
    expect(res.headers.location).toBe((group.meta as Json).location);
    expect(res.headers.etag).toBe(versionOf(group));
    expect(group).toMatchObject({
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineers',
      meta: { resourceType: 'Group' },
      members: [
        { value: user.id, type: 'User', $ref: `https://scim.example.test${BASE}/Users/${user.id}` },
      ],
    });
  });

  it('a second group with the same displayName in another case answers 409 uniqueness', async () => {
    await createGroup(scim, 'Sales Team');
    expectScimError(await scim.post('/Groups', groupBody('SALES team')), 409, 'uniqueness');
  });

  it('a group without displayName answers 400 invalidValue', async () => {
    expectScimError(await scim.post('/Groups', { schemas: [GROUP_SCHEMA] }), 400, 'invalidValue');
  });

  it('a member id that is no user or group answers 400 invalidValue and creates nothing', async () => {
    const res = await scim.post(
      '/Groups',
      groupBody('Ghost members', { members: [{ value: '0f8fad5b-d9cb-469f-a165-70867728950e' }] }),
    );
    expectScimError(res, 400, 'invalidValue');
    expect(idsOf(await scim.get(`/Groups?${q('displayName eq "Ghost members"')}`))).toEqual([]);
  });
});

describe('PATCH /Groups/{id}', () => {
  it('answers 204 with the new ETag', async () => {
    const group = await createGroup(scim, 'Patched 204');
    const res = await scim.patch(
      `/Groups/${group.id}`,
      patchOp({ op: 'replace', path: 'displayName', value: 'Patched 204 renamed' }),
    );
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const read = await scim.get(`/Groups/${group.id}`);
    expect(read.body).toMatchObject({ displayName: 'Patched 204 renamed' });
    expect(res.headers.etag).toBe(versionOf(bodyOf(read)));
  });

  it('adding an existing member is idempotent', async () => {
    const user = await createUser(scim, 'idempotent.member');
    const group = await createGroup(scim, 'Idempotent', { members: [{ value: user.id }] });
    for (let i = 0; i < 2; i++) {
      const res = await scim.patch(
        `/Groups/${group.id}`,
        patchOp({ op: 'add', path: 'members', value: [{ value: user.id }, { value: user.id }] }),
      );
      expect(res.status).toBe(204);
    }
    expect(await members(group.id)).toEqual([user.id]);
  });

  it('removing a member that is not there is not an error', async () => {
    const user = await createUser(scim, 'absent.member');
    const group = await createGroup(scim, 'Absent member');
    const byFilter = await scim.patch(
      `/Groups/${group.id}`,
      patchOp({ op: 'remove', path: `members[value eq "${user.id}"]` }),
    );
    const byValue = await scim.patch(
      `/Groups/${group.id}`,
      patchOp({ op: 'remove', path: 'members', value: [{ value: user.id }] }),
    );
    expect([byFilter.status, byValue.status]).toEqual([204, 204]);
    expect(await members(group.id)).toEqual([]);
  });

  it('replaces all members with a replace of members, and removes all with a remove of members', async () => {
    const [a, b, c] = await Promise.all(
      ['replace.a', 'replace.b', 'replace.c'].map((name) => createUser(scim, name)),
    );
    const group = await createGroup(scim, 'Replaced', {
      members: [{ value: a!.id }, { value: b!.id }],
    });
    await scim
      .patch(
        `/Groups/${group.id}`,
        patchOp({ op: 'replace', path: 'members', value: [{ value: c!.id }] }),
      )
      .expect(204);
    expect(await members(group.id)).toEqual([c!.id]);
    await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'remove', path: 'members' })).expect(204);
    expect(await members(group.id)).toEqual([]);
  });

  it('refuses a member of no known resource with 400 invalidValue and changes nothing', async () => {
    const user = await createUser(scim, 'kept.member');
    const group = await createGroup(scim, 'All or nothing', { members: [{ value: user.id }] });
    const res = await scim.patch(
      `/Groups/${group.id}`,
      patchOp(
        { op: 'replace', path: 'displayName', value: 'Should not stick' },
        { op: 'add', path: 'members', value: [{ value: 'no-such-member' }] },
      ),
    );
    expectScimError(res, 400, 'invalidValue');
    const read = await scim.get(`/Groups/${group.id}`);
    expect(read.body).toMatchObject({ displayName: 'All or nothing' });
    expect(memberValues(bodyOf(read))).toEqual([user.id]);
  });

  it('renaming to another group’s displayName answers 409 uniqueness', async () => {
    await createGroup(scim, 'Occupied');
    const group = await createGroup(scim, 'Wants to move');
    const patch = await scim.patch(
      `/Groups/${group.id}`,
      patchOp({ op: 'replace', path: 'displayName', value: 'OCCUPIED' }),
    );
    expectScimError(patch, 409, 'uniqueness');
    expectScimError(
      await scim.put(`/Groups/${group.id}`, groupBody('occupied')),
      409,
      'uniqueness',
    );
  });
});

describe('PUT /Groups/{id}', () => {
  it('replaces displayName and the member list', async () => {
    const [a, b] = await Promise.all(['put.a', 'put.b'].map((name) => createUser(scim, name)));
    const group = await createGroup(scim, 'Put group', {
      members: [{ value: a!.id }],
      externalId: 'x1',
    });
    const res = await scim.put(
      `/Groups/${group.id}`,
      groupBody('Put group renamed', { members: [{ value: b!.id }], id: 'ignored' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: group.id, displayName: 'Put group renamed' });
    expect(res.body).not.toHaveProperty('externalId');
    expect(memberValues(bodyOf(res))).toEqual([b!.id]);
  });

  it("renames the group in its members' User.groups, for a member that stays (Okta renames with PUT)", async () => {
    const stays = await createUser(scim, 'put.stays');
    const group = await createGroup(scim, 'Before rename', { members: [{ value: stays.id }] });
    const res = await scim.put(
      `/Groups/${group.id}`,
      groupBody('After rename', { members: [{ value: stays.id }] }),
    );
    expect(res.status).toBe(200);
    const user = await scim.get(`/Users/${stays.id}`);
    expect(bodyOf(user).groups).toEqual([
      expect.objectContaining({ value: group.id, display: 'After rename' }),
    ]);
    const list = await scim.get(`/Users?${q(`userName eq "put.stays"`)}`);
    expect((bodyOf(list).Resources as Json[])[0]!.groups).toEqual([
      expect.objectContaining({ value: group.id, display: 'After rename' }),
    ]);
  });
});

describe('reading groups', () => {
  let user: Json & { id: string };
  let inner: Json & { id: string };
  let outer: Json & { id: string };

  beforeAll(async () => {
    user = await createUser(scim, 'nested.member');
    inner = await createGroup(scim, 'Inner', { members: [{ value: user.id }] });
    outer = await createGroup(scim, 'Outer', { members: [{ value: inner.id }] });
  });

  it('excludedAttributes=members answers without members and without reading them', async () => {
    const spy = jest.spyOn(t.ctx.directory.memberships, 'membersOf');
    const one = await scim.get(`/Groups/${inner.id}?excludedAttributes=members`);
    const list = await scim.get(
      `/Groups?excludedAttributes=members&${q('displayName eq "Inner"')}`,
    );
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('members');
    expect(one.body).toMatchObject({ id: inner.id, displayName: 'Inner' });
    expect(idsOf(list)).toEqual([inner.id]);
    expect(bodyOf(list).Resources).toEqual([
      expect.not.objectContaining({ members: expect.anything() }),
    ]);
  });

  it('a nested group is a member of type Group', async () => {
    const res = await scim.get(`/Groups/${outer.id}`);
    expect(res.body).toMatchObject({ members: [{ value: inner.id, type: 'Group' }] });
  });

  it('derives User.groups from memberships, direct and indirect', async () => {
    const res = await scim.get(`/Users/${user.id}`);
    const groups = (bodyOf(res).groups as Json[]).map((g) => [g.value, g.display, g.type]).sort();
    expect(groups).toEqual(
      [
        [inner.id, 'Inner', 'direct'],
        [outer.id, 'Outer', 'indirect'],
      ].sort(),
    );
    const entry = (bodyOf(res).groups as Json[]).find((g) => g.value === inner.id);
    expect(entry).toMatchObject({ $ref: `https://scim.example.test${BASE}/Groups/${inner.id}` });
  });

  it('finds groups by member with a members filter', async () => {
    expect(idsOf(await scim.get(`/Groups?${q(`members.value eq "${user.id}"`)}`))).toEqual([
      inner.id,
    ]);
    expect(idsOf(await scim.get(`/Groups?${q(`members[value eq "${inner.id}"]`)}`))).toEqual([
      outer.id,
    ]);
  });

  it('filters groups by displayName case-insensitively and lists them with POST /Groups/.search', async () => {
    expect(idsOf(await scim.get(`/Groups?${q('displayName eq "OUTER"')}`))).toEqual([outer.id]);
    const res = await scim.post('/Groups/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'displayName sw "inn"',
      excludedAttributes: ['members'],
    });
    expect(idsOf(res)).toEqual([inner.id]);
  });

  it('answers 404 for an unknown or malformed group id', async () => {
    for (const id of ['0f8fad5b-d9cb-469f-a165-70867728950e', 'nope', 'g'.repeat(3000)]) {
      expectScimError(await scim.get(`/Groups/${id}`), 404);
    }
  });
});

describe('DELETE /Groups/{id}', () => {
  it('answers 204, then 404, and the group leaves its members’ groups and its parent group', async () => {
    const user = await createUser(scim, 'orphaned.member');
    const child = await createGroup(scim, 'Doomed', { members: [{ value: user.id }] });
    const parent = await createGroup(scim, 'Doomed parent', { members: [{ value: child.id }] });
    await scim.delete(`/Groups/${child.id}`).expect(204);
    expectScimError(await scim.get(`/Groups/${child.id}`), 404);
    expectScimError(await scim.delete(`/Groups/${child.id}`), 404);
    expect((await scim.get(`/Users/${user.id}`)).body).not.toHaveProperty('groups');
    expect(await members(parent.id)).toEqual([]);
  });
});
