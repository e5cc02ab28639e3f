import type { Test } from 'supertest';
import { fromOwnPage } from '../support/same-origin';
import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';
import {
  BASE,
  GROUP_SCHEMA,
  PATCH_OP,
  USER_SCHEMA,
  createGroup,
  createUser,
  scimClient,
  type Json,
  type ScimClient,
} from '../scim/routes/scim-client';

let t: TestApp;
let token: string;
let session: string;
let scim: ScimClient;
let userId: string;
let groupId: string;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  t = await createTestApp('pollution');
  token = await scimToken(t);
  session = await adminSession(t);
  scim = scimClient(t, token);
  userId = String((await createUser(scim, 'pollution.target')).id);
  groupId = String((await createGroup(scim, 'Pollution target')).id);
});
afterAll(async () => t.close());

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.toString.call({})).toBe('[object Object]');
}

/** JSON texts with a poison key at the top, nested, in an array and spelled with escapes. */
const POISONED_JSON = [
  '{"__proto__": {"polluted": "yes"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"prototype": {"polluted": "yes"}}',
  '{"userName": "p", "name": {"__proto__": {"polluted": "yes"}}}',
  '{"Operations": [{"op": "add", "value": {"constructor": {"prototype": {"polluted": 1}}}}]}',
  '{"a": [{"b": [{"__proto__": {"polluted": "yes"}}]}]}',
  '{"\\u005f_proto__": {"polluted": "yes"}}',
  '{"\\u0063onstructor": {"prototype": {"polluted": "yes"}}}',
];

type Method = 'post' | 'put' | 'patch';
interface Route {
  method: Method;
  path: () => string;
  auth: (req: Test) => Test;
}
const scimAuth = (req: Test) => req.set('Authorization', `Bearer ${token}`);
const sessionAuth = (req: Test) => req.set('Authorization', `Bearer ${session}`);
const noAuth = (req: Test) => req;

const JSON_ROUTES: Array<[string, Route]> = [
  ['POST /Users', { method: 'post', path: () => `${BASE}/Users`, auth: scimAuth }],
  ['PUT /Users/{id}', { method: 'put', path: () => `${BASE}/Users/${userId}`, auth: scimAuth }],
  ['PATCH /Users/{id}', { method: 'patch', path: () => `${BASE}/Users/${userId}`, auth: scimAuth }],
  ['POST /Groups', { method: 'post', path: () => `${BASE}/Groups`, auth: scimAuth }],
  ['PUT /Groups/{id}', { method: 'put', path: () => `${BASE}/Groups/${groupId}`, auth: scimAuth }],
  [
    'PATCH /Groups/{id}',
    { method: 'patch', path: () => `${BASE}/Groups/${groupId}`, auth: scimAuth },
  ],
  ['POST /Bulk', { method: 'post', path: () => `${BASE}/Bulk`, auth: scimAuth }],
  ['POST /.search', { method: 'post', path: () => `${BASE}/.search`, auth: scimAuth }],
  ['POST /Users/.search', { method: 'post', path: () => `${BASE}/Users/.search`, auth: scimAuth }],
  ['POST /api/admin/users', { method: 'post', path: () => '/api/admin/users', auth: sessionAuth }],
  [
    'POST /api/admin/scim-tokens',
    { method: 'post', path: () => '/api/admin/scim-tokens', auth: sessionAuth },
  ],
  [
    'PATCH /api/admin/preferences',
    { method: 'patch', path: () => '/api/admin/preferences', auth: sessionAuth },
  ],
  [
    'PATCH /api/identity-manager/settings',
    { method: 'patch', path: () => '/api/identity-manager/settings', auth: sessionAuth },
  ],
  [
    'POST /api/admin/users/{id}/welcome-email',
    { method: 'post', path: () => `/api/admin/users/${userId}/welcome-email`, auth: sessionAuth },
  ],
  [
    'POST /api/admin/users/{id}/password-reset',
    { method: 'post', path: () => `/api/admin/users/${userId}/password-reset`, auth: sessionAuth },
  ],
  [
    'POST /api/admin/welcome-emails/resend-pending',
    { method: 'post', path: () => '/api/admin/welcome-emails/resend-pending', auth: sessionAuth },
  ],
  [
    'POST /api/users/{id}/sign-ins',
    { method: 'post', path: () => `/api/users/${userId}/sign-ins`, auth: sessionAuth },
  ],
  ['POST /api/password-reset', { method: 'post', path: () => '/api/password-reset', auth: noAuth }],
  ['POST /api/auth/sign-in', { method: 'post', path: () => '/api/auth/sign-in', auth: noAuth }],
  [
    'POST /webhooks/sendgrid/events',
    { method: 'post', path: () => '/webhooks/sendgrid/events', auth: noAuth },
  ],
];

describe('poison keys in JSON bodies', () => {
  it.each(JSON_ROUTES)('%s refuses every poisoned body with 400', async (_name, route) => {
    for (const body of POISONED_JSON) {
      const res = await route
        .auth(t.http()[route.method](route.path()))
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expectPrototypeUntouched();
  });
});

describe('poison names as PATCH paths', () => {
  const paths = [
    '__proto__',
    '__proto__.polluted',
    'constructor.prototype.polluted',
    'prototype',
    'name.__proto__',
    'name.constructor',
    'urn:ietf:params:scim:schemas:core:2.0:User:__proto__',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:constructor',
  ];
  it.each(paths)('a PATCH of the path %j changes nothing and pollutes nothing', async (path) => {
    const before = (await scim.get(`/Users/${userId}`)).body as Json;
    for (const op of ['add', 'replace', 'remove']) {
      const res = await scim.patch(`/Users/${userId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op, path, value: op === 'remove' ? undefined : 'yes' }],
      });
      expect(res.status).toBeLessThan(500);
      const groupRes = await scim.patch(`/Groups/${groupId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op, path, value: op === 'remove' ? undefined : 'yes' }],
      });
      expect(groupRes.status).toBeLessThan(500);
    }
    const after = (await scim.get(`/Users/${userId}`)).body as Json;
    expect(after).toEqual(before);
    expectPrototypeUntouched();
  });
});

describe('poison names as data', () => {
  it('a value filter on "__proto__" stores the string as a value, not a key', async () => {
    const res = await scim.patch(`/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'emails[type eq "__proto__"].value', value: 'p@x.test' }],
    });
    expect(res.status).toBe(200);
    const emails = (res.body as { emails: Json[] }).emails;
    expect(emails).toContainEqual({ type: '__proto__', value: 'p@x.test' });
    for (const email of emails) expect(Object.getPrototypeOf(email)).toBe(Object.prototype);
    expectPrototypeUntouched();
  });
});

describe('poison fields in the public forms', () => {
  const forms = [
    '__proto__[polluted]=yes&email=a%40b.test',
    '__proto__=x&email=a%40b.test',
    'constructor[prototype][polluted]=yes&email=a%40b.test',
    'prototype=x&password=p',
    '%5F%5Fproto%5F%5F=x&email=a%40b.test',
  ];
  it.each(['/sign-in', '/reset-password', '/reset-password/not-a-token', '/welcome/not-a-token'])(
    'POST %s refuses every poisoned form with 400',
    async (path) => {
      for (const form of forms) {
        const res = await fromOwnPage(t.http().post(path))
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send(form);
        expect({ form, status: res.status }).toEqual({ form, status: 400 });
      }
      expectPrototypeUntouched();
    },
  );
});

describe('after every attempt', () => {
  it('a new user carries exactly the attributes that were sent', async () => {
    const sent = {
      schemas: [USER_SCHEMA],
      userName: 'pollution.fresh',
      name: { givenName: 'Fresh', familyName: 'User' },
      emails: [{ value: 'fresh@example.test', type: 'work', primary: true }],
      active: true,
    };
    const res = await scim.post('/Users', sent);
    expect(res.status).toBe(201);
    const stored = (await scim.get(`/Users/${String((res.body as Json).id)}`)).body as Json;
    const { id, meta, groups, ...attributes } = stored;
    expect(typeof id).toBe('string');
    expect(meta).toBeDefined();
    expect(groups ?? []).toEqual([]);
    expect(attributes).toEqual(sent);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(stored).not.toHaveProperty('polluted');
  });

  it('a new group carries exactly the attributes that were sent', async () => {
    const sent = {
      schemas: [GROUP_SCHEMA],
      displayName: 'Pollution fresh group',
      members: [{ value: userId }],
    };
    const res = await scim.post('/Groups', sent);
    expect(res.status).toBe(201);
    const stored = (await scim.get(`/Groups/${String((res.body as Json).id)}`)).body as Json;
    const { id, meta, members, ...attributes } = stored;
    expect(typeof id).toBe('string');
    expect(meta).toBeDefined();
    expect(attributes).toEqual({ schemas: sent.schemas, displayName: sent.displayName });
    expect((members as Json[]).map((m) => m.value)).toEqual([userId]);
    expectPrototypeUntouched();
  });
});
