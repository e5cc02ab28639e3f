import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createGroup,
  createUser,
  expectScimError,
  groupBody,
  patchOp,
  resourcesOf,
  scimClient,
  userBody,
  versionOf,
  type Json,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('scimetags');
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => t.close());

const WEAK = /^W\/"[^"]+"$/;

describe('weak ETags (RFC 7644 §3.14)', () => {
  it('every resource response carries ETag = meta.version, a weak tag', async () => {
    const user = await createUser(scim, 'etag.everywhere');
    const group = await createGroup(scim, 'ETag group');
    const responses = [
      await scim.post('/Users', userBody('etag.created')),
      await scim.get(`/Users/${user.id}`),
      await scim.put(`/Users/${user.id}`, userBody('etag.everywhere', { title: 'x' })),
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'y' })),
      await scim.post('/Groups', groupBody('ETag created group')),
      await scim.get(`/Groups/${group.id}`),
      await scim.put(`/Groups/${group.id}`, groupBody('ETag group')),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(300);
      expect(res.headers.etag).toMatch(WEAK);
      expect(res.headers.etag).toBe(versionOf(bodyOf(res)));
    }
  });

  it('every listed resource has meta.version', async () => {
    for (const path of ['/Users', '/Groups']) {
      const listed = resourcesOf(await scim.get(path));
      expect(listed.length).toBeGreaterThan(0);
      for (const r of listed) expect(versionOf(r)).toMatch(WEAK);
    }
  });

  it('changes the version on every write and keeps it on reads', async () => {
    const user = await createUser(scim, 'etag.moves');
    const v1 = versionOf(user);
    expect(versionOf(bodyOf(await scim.get(`/Users/${user.id}`)))).toBe(v1);
    const patched = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'title', value: 'a' }),
    );
    const v2 = versionOf(bodyOf(patched));
    const put = await scim.put(`/Users/${user.id}`, userBody('etag.moves'));
    const v3 = versionOf(bodyOf(put));
    expect(new Set([v1, v2, v3]).size).toBe(3);
  });
});

describe('If-None-Match on GET', () => {
  it('answers 304 without a body when the client copy is current, 200 when stale', async () => {
    const user = await createUser(scim, 'etag.cached');
    const etag = versionOf(user);
    const fresh = await scim.get(`/Users/${user.id}`).set('If-None-Match', etag);
    expect(fresh.status).toBe(304);
    expect(fresh.text ?? '').toBe('');
    expect(fresh.headers.etag).toBe(etag);
    await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'new' }));
    const stale = await scim.get(`/Users/${user.id}`).set('If-None-Match', etag);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ title: 'new' });
  });

  it('answers 304 for a group, also when the tag is given strong or in a list', async () => {
    const group = await createGroup(scim, 'Cached group');
    const etag = versionOf(group);
    expect((await scim.get(`/Groups/${group.id}`).set('If-None-Match', etag)).status).toBe(304);
    const strong = etag.replace(/^W\//, '');
    expect((await scim.get(`/Groups/${group.id}`).set('If-None-Match', strong)).status).toBe(304);
    const listed = `W/"nope", ${etag}`;
    expect((await scim.get(`/Groups/${group.id}`).set('If-None-Match', listed)).status).toBe(304);
  });
});

describe('If-Match on PUT, PATCH and DELETE', () => {
  it('PUT with a stale If-Match answers 412 and changes nothing; with the current one it succeeds', async () => {
    const user = await createUser(scim, 'etag.put');
    const stale = versionOf(user);
    const moved = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'title', value: 'v2' }),
    );
    const current = versionOf(bodyOf(moved));
    const refused = await scim
      .put(`/Users/${user.id}`, userBody('etag.put', { title: 'lost' }))
      .set('If-Match', stale);
    expectScimError(refused, 412);
    expect((await scim.get(`/Users/${user.id}`)).body).toMatchObject({ title: 'v2' });
    const ok = await scim
      .put(`/Users/${user.id}`, userBody('etag.put', { title: 'v3' }))
      .set('If-Match', current);
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).not.toBe(current);
  });

  it('PATCH with a stale If-Match answers 412; with the current one or * it succeeds', async () => {
    const user = await createUser(scim, 'etag.patch');
    const v1 = versionOf(user);
    const first = await scim
      .patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'one' }))
      .set('If-Match', v1);
    expect(first.status).toBe(200);
    const again = await scim
      .patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'two' }))
      .set('If-Match', v1);
    expectScimError(again, 412);
    const star = await scim
      .patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'three' }))
      .set('If-Match', '*');
    expect(star.status).toBe(200);
    expect(star.body).toMatchObject({ title: 'three' });
  });

  it('DELETE with a stale If-Match answers 412 and keeps the user; with the current one it deletes', async () => {
    const user = await createUser(scim, 'etag.delete');
    const stale = versionOf(user);
    const moved = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'title', value: 'x' }),
    );
    expectScimError(await scim.delete(`/Users/${user.id}`).set('If-Match', stale), 412);
    expect((await scim.get(`/Users/${user.id}`)).status).toBe(200);
    expect(
      (await scim.delete(`/Users/${user.id}`).set('If-Match', versionOf(bodyOf(moved)))).status,
    ).toBe(204);
  });

  it('groups honour If-Match on PUT, PATCH and DELETE', async () => {
    const group = await createGroup(scim, 'Guarded');
    const stale = versionOf(group);
    const renamed = await scim
      .patch(
        `/Groups/${group.id}`,
        patchOp({ op: 'replace', path: 'displayName', value: 'Guarded 2' }),
      )
      .set('If-Match', stale);
    expect(renamed.status).toBe(204);
    const current = String(renamed.headers.etag);
    expectScimError(
      await scim
        .patch(
          `/Groups/${group.id}`,
          patchOp({ op: 'replace', path: 'displayName', value: 'Lost' }),
        )
        .set('If-Match', stale),
      412,
    );
    expectScimError(
      await scim.put(`/Groups/${group.id}`, groupBody('Lost')).set('If-Match', stale),
      412,
    );
    expectScimError(await scim.delete(`/Groups/${group.id}`).set('If-Match', stale), 412);
    expect((await scim.get(`/Groups/${group.id}`)).body).toMatchObject({
      displayName: 'Guarded 2',
    });
    expect((await scim.delete(`/Groups/${group.id}`).set('If-Match', current)).status).toBe(204);
  });
});

describe('concurrent writes', () => {
  it.each([8, 32])('%i concurrent PATCHes on one user never lose an update', async (N) => {
    const user = await createUser(scim, `etag.concurrent${N}`, { emails: [] });
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        scim.patch(
          `/Users/${user.id}`,
          patchOp({
            op: 'add',
            path: 'emails',
            value: [{ type: 'other', value: `e${i}@concurrent.test` }],
          }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array<number>(N).fill(200));
    const read = bodyOf(await scim.get(`/Users/${user.id}`));
    expect(((read.emails as Json[]) ?? []).map((e) => e.value).sort()).toEqual(
      Array.from({ length: N }, (_, i) => `e${i}@concurrent.test`).sort(),
    );
    expect(versionOf(read)).toBe(`W/"${N + 1}"`);
    expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(N);
  });

  it('concurrent member additions to one group are all kept', async () => {
    const group = await createGroup(scim, 'Crowded');
    const users = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUser(scim, `crowd.${i}`)),
    );
    const responses = await Promise.all(
      users.map((u) =>
        scim.patch(
          `/Groups/${group.id}`,
          patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array<number>(users.length).fill(204));
    const read = bodyOf(await scim.get(`/Groups/${group.id}`));
    expect(((read.members as Json[]) ?? []).map((m) => m.value).sort()).toEqual(
      users.map((u) => u.id).sort(),
    );
  });

  it('two concurrent PATCHes with the same If-Match: one succeeds, the other answers 412', async () => {
    const user = await createUser(scim, 'etag.race');
    const tag = versionOf(user);
    const [a, b] = await Promise.all(
      ['left', 'right'].map((title) =>
        scim
          .patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: title }))
          .set('If-Match', tag),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
  });
});
