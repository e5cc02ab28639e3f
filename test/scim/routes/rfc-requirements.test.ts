import entraUsers from '../../fixtures/entra/users.json';
import { adminSession, createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createGroup,
  createUser,
  patchOp,
  scimClient,
  USER_SCHEMA,
  type Json,
  type ScimClient,
} from './scim-client';

/** Matrix rows (docs/scim-compliance.md) whose earlier test did not show the requirement. */

let t: TestApp;
let scim: ScimClient;
beforeAll(async () => {
  t = await createTestApp('rfcreqs');
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => t.close());

/** The same JSON with the keys of every object in reverse order (arrays keep their order). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Json)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

const withoutIdentity = (resource: Json) => {
  const { id: _id, meta: _meta, userName: _userName, ...rest } = resource;
  return rest;
};

describe('RFC 7643 §2.3.8: attributes in any order', () => {
  it("stores and returns a user alike whether its attributes, and their sub-attributes, come in Entra's order or reversed", async () => {
    const entra = entraUsers.steps.find((s) => s.name === 'Create User')!.body as Json;
    expect(Object.keys(entra)[0]).toBe('schemas');
    const ordered = await scim.post('/Users', { ...entra, userName: 'ordered@example.test' });
    const reversed = await scim.post(
      '/Users',
      reversedKeys({ ...entra, userName: 'reversed@example.test' }),
    );
    expect([ordered.status, reversed.status]).toEqual([201, 201]);
    expect(withoutIdentity(bodyOf(reversed))).toEqual(withoutIdentity(bodyOf(ordered)));
    const [a, b] = [bodyOf(ordered).id, bodyOf(reversed).id];
    const read = async (id: unknown) => withoutIdentity(bodyOf(await scim.get(`/Users/${id}`)));
    expect(await read(b)).toEqual(await read(a));
    expect(await read(b)).toMatchObject({
      name: { givenName: 'givenName', familyName: 'familyName' },
      emails: [expect.objectContaining({ type: 'work', primary: true })],
    });
  });
});

describe('RFC 7643 §3.1: id', () => {
  it('gives every resource a non-empty id of its own that survives every write and is never given to another, even after a delete', async () => {
    const users = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUser(scim, `idstable${i}@example.test`)),
    );
    const group = await createGroup(scim, 'Id stability', { members: [{ value: users[0]!.id }] });
    const ids = [...users.map((u) => String(u.id)), String(group.id)];
    expect(ids.every((id) => id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    const first = `/Users/${users[0]!.id}`;
    await scim.put(first, { schemas: [USER_SCHEMA], userName: 'idstable0@example.test' });
    await scim.patch(first, patchOp({ op: 'replace', path: 'active', value: false }));
    expect(bodyOf(await scim.get(first)).id).toBe(users[0]!.id);

    expect((await scim.delete(first)).status).toBe(204);
    const again = await createUser(scim, 'idstable0@example.test');
    expect(again.id).not.toBe(users[0]!.id);
    expect((await scim.get(first)).status).toBe(404);
    expect(ids).not.toContain(again.id);
  });
});

describe('RFC 7644 §2: no bearer tokens issued on weak or no authentication', () => {
  it('issues a SCIM token only to a signed-in administrator: no session, a SCIM token, a forged session or a failed sign-in get 401 and nothing is issued', async () => {
    const issue = (authorization?: string) => {
      const req = t.http().post('/api/admin/scim-tokens');
      return (authorization ? req.set('Authorization', authorization) : req).send({ label: 'x' });
    };
    const before = await t.ctx.tenantModels.ScimToken.countDocuments({});
    const admin = await adminSession(t);
    const failedSignIn = await t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'admin@default.test', password: 'not the password at all' });
    expect(failedSignIn.status).toBe(401);
    expect(failedSignIn.body.token).toBeUndefined();
    const [header, payload] = admin.split('.');
    for (const authorization of [
      undefined,
      `Bearer ${await scimToken(t)}`,
      `Bearer ${header}.${payload}.${'A'.repeat(43)}`,
    ]) {
      expect((await issue(authorization)).status).toBe(401);
    }
    expect(await t.ctx.tenantModels.ScimToken.countDocuments({})).toBe(before + 1);
    expect((await issue(`Bearer ${admin}`)).status).toBe(201);
  });
});

describe('RFC 7644 §7.4: bearer tokens hard to guess', () => {
  it('issues every bearer token from 256 fresh random bits: no two alike, and every bit varies across tokens', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 64; i++) {
      tokens.push((await t.ctx.tenants.createScimToken('default', `entropy ${i}`)).token);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    const bytes = tokens.map((token) => Buffer.from(token.replace(/^scim_/, ''), 'base64url'));
    expect(bytes.every((b) => b.length === 32)).toBe(true);
    // Each of the 256 bits is set in some tokens and clear in others (a fixed or counting
    // token fails; for random bits, fewer than 8 of 64 alike has odds below 1e-9 per bit).
    for (let bit = 0; bit < 256; bit++) {
      const set = bytes.filter((b) => (b[bit >> 3]! >> (bit & 7)) & 1).length;
      expect([bit, set >= 8 && set <= 56]).toEqual([bit, true]);
    }
  });
});

describe('RFC 9865 §5.2: authorization on every page', () => {
  it('refuses the next page of a cursor walk with 401 once its token is revoked, and serves it to another valid token of the tenant', async () => {
    const token = await scimToken(t, 'default', 'Walker');
    const walker = scimClient(t, token);
    for (let i = 0; i < 3; i++) await createUser(scim, `walk${i}@example.test`);
    const first = await walker.get('/Users?cursor=&count=1');
    expect(first.status).toBe(200);
    const next = String(bodyOf(first).nextCursor);
    expect(next.length).toBeGreaterThan(0);
    const id = (await t.ctx.tenants.listScimTokens('default')).find(
      (k) => k.label === 'Walker',
    )!.id;
    await t.ctx.tenants.revokeScimToken('default', id);
    const refused = await walker.get(`/Users?cursor=${encodeURIComponent(next)}&count=1`);
    expect(refused.status).toBe(401);
    expect(refused.body.Resources).toBeUndefined();
    expect((await scim.get(`/Users?cursor=${encodeURIComponent(next)}&count=1`)).status).toBe(200);
  });
});
