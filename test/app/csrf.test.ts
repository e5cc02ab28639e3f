import type { Test } from 'supertest';
import { fromOwnPage, TEST_ORIGIN } from '../support/same-origin';
import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';

let t: TestApp;
let session: string;
let userId: string;
let tokenId: string;

beforeAll(async () => {
  t = await createTestApp('csrf');
  session = await adminSession(t);
  const scim = await scimToken(t);
  const created = await t
    .http()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${scim}`)
    .send({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'victim@example.test',
      emails: [{ value: 'victim@example.test', type: 'work', primary: true }],
    });
  userId = (created.body as { id: string }).id;
  tokenId = (await t.ctx.tenants.createScimToken('default', 'Okta')).view.id;
});
afterAll(async () => t.close());

interface Write {
  method: 'post' | 'patch' | 'delete';
  path: () => string;
  body?: Record<string, unknown>;
  /** What the write answers when it is allowed. */
  ok: number;
}

let planted = 0;

/** Every write the administration API accepts with the session cookie. */
const WRITES: Array<[string, Write]> = [
  [
    'POST welcome-email',
    { method: 'post', path: () => `/api/admin/users/${userId}/welcome-email`, ok: 202 },
  ],
  [
    'POST resend-pending',
    { method: 'post', path: () => '/api/admin/welcome-emails/resend-pending', ok: 202 },
  ],
  [
    'PATCH preferences',
    {
      method: 'patch',
      path: () => '/api/admin/preferences',
      body: { sendLoginEmailsToNewUsers: true },
      ok: 200,
    },
  ],
  [
    'PATCH identity-manager settings',
    {
      method: 'patch',
      path: () => '/api/identity-manager/settings',
      body: { sendWelcomeEmail: true },
      ok: 200,
    },
  ],
  [
    'POST users',
    {
      method: 'post',
      path: () => '/api/admin/users',
      // A new userName each time it is sent, so an allowed create is never a 409.
      get body() {
        planted += 1;
        return {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `planted${planted}@example.test`,
        };
      },
      ok: 201,
    },
  ],
  [
    'POST password-reset',
    { method: 'post', path: () => `/api/admin/users/${userId}/password-reset`, ok: 202 },
  ],
  [
    'POST scim-tokens',
    { method: 'post', path: () => '/api/admin/scim-tokens', body: { label: 'Attacker' }, ok: 201 },
  ],
  [
    'DELETE scim-token',
    { method: 'delete', path: () => `/api/admin/scim-tokens/${tokenId}`, ok: 204 },
  ],
  ['POST sign-ins', { method: 'post', path: () => `/api/users/${userId}/sign-ins`, ok: 201 }],
];

const withCookie = (write: Write): Test =>
  t.http()[write.method](write.path()).set('Cookie', `__Host-sid=${session}`);

/** Every stored document but the rate-limit counters, to show that nothing changed. */
async function snapshot(): Promise<string> {
  const db = t.ctx.conn.db!;
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const dump: Record<string, unknown> = {};
  for (const name of names.filter((n) => n !== 'rate_limits')) {
    dump[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
  }
  return JSON.stringify(dump);
}

const PROVENANCE: Array<[string, Record<string, string>]> = [
  ['a foreign Origin', { Origin: 'https://evil.example' }],
  ['Origin: null', { Origin: 'null' }],
  ['no Origin and no Referer', {}],
  ['no Origin and a foreign Referer', { Referer: 'https://evil.example/page' }],
  ['our host over http', { Origin: 'http://scim.example.test' }],
  ['a sibling subdomain', { Origin: 'https://evil.scim.example.test' }],
  ['another port of our host', { Origin: 'https://scim.example.test:8443' }],
  ['Sec-Fetch-Site: same-site', { Origin: TEST_ORIGIN, 'Sec-Fetch-Site': 'same-site' }],
  ['Sec-Fetch-Site: cross-site', { Origin: TEST_ORIGIN, 'Sec-Fetch-Site': 'cross-site' }],
];

describe('writes with the session cookie from anywhere but our own origin', () => {
  it.each(WRITES)(
    '%s is refused with 403 for every foreign provenance, and nothing changes',
    async (_name, write) => {
      const before = await snapshot();
      for (const [label, headers] of PROVENANCE) {
        const res = await withCookie(write).set(headers).send(write.body);
        expect({ label, status: res.status, code: res.body?.error?.code }).toEqual({
          label,
          status: 403,
          code: 'cross_origin_request',
        });
        expect(res.body.error.message).toMatch(/must come from this application's own pages/);
      }
      expect(await snapshot()).toBe(before);
    },
  );
});

describe('writes with the session cookie in a body a form can send', () => {
  const BODIES: Array<[string, string, string]> = [
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'label=Attacker'],
    ['text/plain', 'text/plain', '{"sendWelcomeEmail": true, "label": "Attacker"}'],
    [
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="label"\r\n\r\nAttacker\r\n--x--\r\n',
    ],
    ['application/scim+json', 'application/scim+json', '{"sendWelcomeEmail": true}'],
    ['text/plain without a body', 'text/plain', ''],
  ];
  it.each(WRITES)(
    '%s answers 415 to every type but application/json, and nothing changes',
    async (_name, write) => {
      const before = await snapshot();
      for (const [label, type, body] of BODIES) {
        const res = await fromOwnPage(withCookie(write)).set('Content-Type', type).send(body);
        expect({ label, status: res.status, code: res.body?.error?.code }).toEqual({
          label,
          status: 415,
          code: 'unsupported_media_type',
        });
      }
      expect(await snapshot()).toBe(before);
    },
  );
});

describe('the same writes when they may go through', () => {
  it('with the cookie from our own origin (Origin, or only a Referer of ours), a write works', async () => {
    const switchOn = await fromOwnPage(
      t.http().patch('/api/identity-manager/settings').set('Cookie', `__Host-sid=${session}`),
    ).send({ sendWelcomeEmail: false });
    expect(switchOn.status).toBe(200);
    const byReferer = await t
      .http()
      .patch('/api/admin/preferences')
      .set('Cookie', `__Host-sid=${session}`)
      .set('Referer', `${TEST_ORIGIN}/admin/preferences`)
      .send({ sendLoginEmailsToNewUsers: false });
    expect(byReferer.status).toBe(200);
  });

  it.each(WRITES)(
    '%s works with a bearer token and no Origin, or a foreign one: it is not cookie-borne',
    async (_name, write) => {
      const bearer = (origin?: string) => {
        const req = t.http()[write.method](write.path()).set('Authorization', `Bearer ${session}`);
        return (origin ? req.set('Origin', origin) : req).send(write.body);
      };
      const plain = await bearer();
      expect({ status: plain.status, body: plain.body as unknown }).toMatchObject({
        status: write.ok,
      });
      if (write.method === 'delete') return; // the token is gone now
      const foreign = await bearer('https://evil.example');
      expect(foreign.status).toBe(write.ok);
    },
  );

  it('a bearer write with a form body is still 415', async () => {
    const res = await t
      .http()
      .post('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${session}`)
      .type('form')
      .send({ label: 'Form' });
    expect(res.status).toBe(415);
  });
});

describe('the public forms', () => {
  const FORMS = ['/sign-in', '/sign-out', '/reset-password', `/welcome/${'a'.repeat(43)}`];

  it.each(FORMS)(
    'POST %s from a foreign, null or missing origin is 403 and sets no cookie',
    async (path) => {
      for (const [label, headers] of PROVENANCE) {
        const res = await t
          .http()
          .post(path)
          .set(headers)
          .type('form')
          .send({ email: 'admin@default.test', password: 'correct horse battery staple' });
        expect({ label, status: res.status }).toEqual({ label, status: 403 });
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toContain('This form was not sent from a page of this site');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    },
  );

  it.each(FORMS)('POST %s in any type but a urlencoded form is 415', async (path) => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/json']) {
      const res = await fromOwnPage(t.http().post(path)).set('Content-Type', type).send('');
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('a sign-in form from our own page signs in and sets the __Host- cookie', async () => {
    const res = await fromOwnPage(t.http().post('/sign-in'))
      .type('form')
      .send({ email: 'admin@default.test', password: 'correct horse battery staple' });
    expect(res.status).toBe(303);
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-sid=[^;]+; Path=\/; .*Secure/);
  });
});
