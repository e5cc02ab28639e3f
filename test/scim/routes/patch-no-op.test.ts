import type { Response } from 'supertest';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createGroup,
  createUser,
  patchOp,
  scimClient,
  type Json,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('scimnoop');
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => t.close());

const metaOf = (res: Response): Json => (bodyOf(res).meta ?? {}) as Json;

/** GET the resource: its meta and ETag as a client sees them. */
async function stamp(path: string) {
  const res = await scim.get(path);
  expect(res.status).toBe(200);
  const meta = metaOf(res);
  return { etag: res.headers.etag, lastModified: meta.lastModified, version: meta.version };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a PATCH add of a value already there (RFC 7644 §3.5.2.1)', () => {
  it('leaves a user meta.lastModified, meta.version and ETag unchanged', async () => {
    const user = await createUser(scim, 'noop.user', { title: 'Guide' });
    const path = `/Users/${user.id}`;
    const before = await stamp(path);
    await pause();
    const same = await scim.patch(
      path,
      patchOp(
        { op: 'add', path: 'title', value: 'Guide' },
        { op: 'add', value: { active: true } },
        { op: 'add', path: 'emails', value: user.emails },
      ),
    );
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe(before.etag);
    expect(metaOf(same)).toMatchObject({
      lastModified: before.lastModified,
      version: before.version,
    });
    expect(await stamp(path)).toEqual(before);
  });

  it('still moves the user timestamp when another operation of the request changes it', async () => {
    const user = await createUser(scim, 'noop.mixed', { title: 'Guide' });
    const path = `/Users/${user.id}`;
    const before = await stamp(path);
    await pause();
    const res = await scim.patch(
      path,
      patchOp(
        { op: 'add', path: 'title', value: 'Guide' },
        { op: 'add', path: 'nickName', value: 'Nick' },
      ),
    );
    expect(res.status).toBe(200);
    const after = await stamp(path);
    expect(after.etag).not.toBe(before.etag);
    expect(after.lastModified).not.toBe(before.lastModified);
  });

  it('leaves a group meta.lastModified and ETag unchanged when the member is already in it', async () => {
    const member = await createUser(scim, 'noop.member');
    const group = await createGroup(scim, 'No-op group', { members: [{ value: member.id }] });
    const path = `/Groups/${group.id}`;
    const before = await stamp(path);
    await pause();
    for (let cycle = 0; cycle < 2; cycle++) {
      const res = await scim.patch(
        path,
        patchOp({ op: 'Add', path: 'members', value: [{ value: member.id }] }),
      );
      expect(res.status).toBe(204);
      expect(res.headers.etag).toBe(before.etag);
    }
    expect(await stamp(path)).toEqual(before);
  });

  it('leaves a group unchanged when an absent member is removed', async () => {
    const stranger = await createUser(scim, 'noop.stranger');
    const group = await createGroup(scim, 'No-op removal');
    const path = `/Groups/${group.id}`;
    const before = await stamp(path);
    await pause();
    const res = await scim.patch(
      path,
      patchOp({ op: 'remove', path: `members[value eq "${stranger.id}"]` }),
    );
    expect(res.status).toBe(204);
    expect(await stamp(path)).toEqual(before);
  });

  it('moves the group timestamp and ETag when a new member is added', async () => {
    const [a, b] = [await createUser(scim, 'noop.a'), await createUser(scim, 'noop.b')];
    const group = await createGroup(scim, 'Growing group', { members: [{ value: a.id }] });
    const path = `/Groups/${group.id}`;
    const before = await stamp(path);
    await pause();
    const res = await scim.patch(
      path,
      patchOp({ op: 'add', path: 'members', value: [{ value: a.id }, { value: b.id }] }),
    );
    expect(res.status).toBe(204);
    const after = await stamp(path);
    expect(after.etag).not.toBe(before.etag);
    expect(after.lastModified).not.toBe(before.lastModified);
  });
});

describe('a PATCH with the attributes parameter (RFC 7644 §3.5.2)', () => {
  it('answers 200 with the requested attributes of a group', async () => {
    const group = await createGroup(scim, 'Asked for', { externalId: 'ext-asked' });
    const res = await scim.patch(
      `/Groups/${group.id}?attributes=displayName`,
      patchOp({ op: 'replace', path: 'displayName', value: 'Asked for, renamed' }),
    );
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id: group.id, displayName: 'Asked for, renamed' });
    expect(bodyOf(res).externalId).toBeUndefined();
  });

  it('answers 200 with the requested attributes of a user', async () => {
    const user = await createUser(scim, 'asked.user');
    const res = await scim.patch(
      `/Users/${user.id}?attributes=title`,
      patchOp({ op: 'add', path: 'title', value: 'Pilot' }),
    );
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id: user.id, title: 'Pilot' });
    expect(bodyOf(res).emails).toBeUndefined();
  });

  it('answers a group PATCH without attributes with 204 and no body', async () => {
    const group = await createGroup(scim, 'Not asked');
    const res = await scim.patch(
      `/Groups/${group.id}`,
      patchOp({ op: 'replace', path: 'displayName', value: 'Not asked, renamed' }),
    );
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });
});
