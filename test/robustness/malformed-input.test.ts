import type { Response, Test } from 'supertest';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';
import { BASE, ERROR, createUser, scimClient, type ScimClient } from '../scim/routes/scim-client';

let t: TestApp;
let token: string;
let scim: ScimClient;
let userId: string;

beforeAll(async () => {
  t = await createTestApp('malformed');
  token = await scimToken(t);
  scim = scimClient(t, token);
  userId = String((await createUser(scim, 'malformed.target')).id);
});
afterAll(async () => t.close());

const authed = (req: Test): Test => req.set('Authorization', `Bearer ${token}`);

function expectScimErrorBody(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toMatchObject({ schemas: [ERROR], status: String(status) });
  expect(typeof body.detail).toBe('string');
}

describe('malformed JSON bodies on SCIM writes', () => {
  const bodies: Array<[string, string | Buffer]> = [
    ['truncated JSON', '{"userName": "x"'],
    ['a trailing comma', '{"userName": "x",}'],
    ['a bare string', '"just a string"'],
    [
      'invalid UTF-8 bytes',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    ],
    ['a NUL byte outside strings', '{"userName":\u0000"x"}'],
  ];
  it.each(bodies)('answers 400 invalidSyntax as a SCIM Error for %s', async (_name, body) => {
    const res = await authed(t.http().post(`${BASE}/Users`))
      .set('Content-Type', 'application/scim+json')
      .serialize((raw: unknown) => raw as string) // bytes as given, not JSON.stringify(Buffer)
      .send(body);
    expectScimErrorBody(res, 400);
    expect(res.body).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('answers 415 for an unsupported charset rather than 500', async () => {
    const res = await authed(t.http().post(`${BASE}/Users`))
      .set('Content-Type', 'application/scim+json; charset=koi8-r')
      .send('{"userName":"x"}');
    expect(res.status).toBe(415);
    expectScimErrorBody(res, 415);
  });
});

describe('content types on SCIM writes', () => {
  it.each([
    ['POST', '/Users'],
    ['PUT', '/Users/ID'],
    ['PATCH', '/Users/ID'],
    ['POST', '/Groups'],
    ['POST', '/Bulk'],
    ['POST', '/.search'],
  ])('answers 415 as a SCIM Error for a text/plain %s %s', async (method, path) => {
    const url = BASE + path.replace('ID', userId);
    const req = t.http()[method.toLowerCase() as 'post' | 'put' | 'patch'](url);
    const res = await authed(req).set('Content-Type', 'text/plain').send('{"userName":"x"}');
    expectScimErrorBody(res, 415);
  });

  it('answers 415 for a body sent without any Content-Type', async () => {
    const req = authed(t.http().post(`${BASE}/Users`));
    req.unset('Content-Type');
    const res = await req.send(Buffer.from('{"userName":"x"}'));
    expectScimErrorBody(res, 415);
  });

  it('accepts a DELETE and a GET without a Content-Type', async () => {
    const res = await authed(t.http().get(`${BASE}/Users/${userId}`));
    expect(res.status).toBe(200);
  });
});

describe('bad percent-encoding in the URL', () => {
  it.each([
    ['a path segment', `${BASE}/Users/%E0%A4%A`],
    ['an id that is not UTF-8', `${BASE}/Users/%ff%fe`],
    ['a filter value', `${BASE}/Users?filter=userName%20eq%20%22%E0%A4%A%22`],
    ['an attributes list', `${BASE}/Users?attributes=%zz`],
  ])('answers a SCIM Error for %s, never text or HTML', async (_name, url) => {
    const res = await authed(t.http().get(url));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectScimErrorBody(res, res.status);
  });

  it('answers a JSON error on the administration API for a malformed path', async () => {
    const res = await t.http().get('/api/admin/users/%E0%A4%A');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('hostile filter values', () => {
  const filters = [
    'userName eq "100%"',
    'userName eq "%00%ff"',
    'userName eq "quote \\" inside"',
    'userName eq "back\\\\slash"',
    'userName eq "ctl \u0001\u0007\u001f"',
    'userName eq "line\nbreak"',
    'userName co ".*"',
    'userName sw "^(a+)+$"',
    'userName eq "$where"',
    'userName eq "unterminated',
    "userName eq 'single'",
    'emails[value co "\u0000"]',
  ];
  it.each(filters)('never answers 5xx for the filter %j', async (filter) => {
    const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(res.status === 200 || res.status === 400).toBe(true);
    if (res.status === 400) expect(res.body).toMatchObject({ schemas: [ERROR] });
  });
});

describe('wrong JSON types for attributes', () => {
  const bodies: Array<[string, unknown]> = [
    [
      'userName as a number',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 42 },
    ],
    [
      'emails as an object',
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'wt.1',
        emails: { value: 'a@b' },
      },
    ],
    [
      'name as a string',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'wt.2', name: 'x' },
    ],
    [
      'active as an array',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'wt.3', active: [true] },
    ],
    ['a top-level array', [{ userName: 'wt.5' }]],
    ['null', null],
  ];
  it.each(bodies)('answers 400 for a User with %s', async (_name, body) => {
    const res = await scim.post('/Users', body);
    expectScimErrorBody(res, 400);
  });

  it.each([
    [
      'Operations as an object',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: {} },
    ],
    [
      'an op that is a number',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 1, path: 'title', value: 'x' }],
      },
    ],
    [
      'a path that is an object',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: {}, value: 'x' }],
      },
    ],
  ])('answers 400 for a PATCH with %s', async (_name, body) => {
    const res = await scim.patch(`/Users/${userId}`, body);
    expectScimErrorBody(res, 400);
  });

  it.each([
    [
      'Operations as a string',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: 'x' },
    ],
    [
      'an operation without method',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ path: '/Users', data: 1 }],
      },
    ],
  ])('never answers 5xx for a Bulk request with %s', async (_name, body) => {
    const res = await scim.post('/Bulk', body);
    expect(res.status).toBeLessThan(500);
  });
});

describe('unexpected errors', () => {
  it('answer a generic 500 with the request id and log the stack', async () => {
    const { scimErrorHandler } = await import('../../src/app/error-handlers');
    const express = (await import('express')).default;
    const supertest = (await import('supertest')).default;
    const app = express();
    app.use((req, _res, next) => {
      req.requestId = 'req-test-1';
      next();
    });
    app.get('/boom', () => {
      throw new Error('secret detail');
    });
    app.use(scimErrorHandler(t.ctx.logger));
    const before = t.logText().length;
    const res = await supertest(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.text).toContain('req-test-1');
    expect(res.text).not.toContain('secret detail');
    const logged = t.logText().slice(before);
    expect(logged).toContain('unexpected error');
    expect(logged).toContain('req-test-1');
    expect(logged).toMatch(/"stack":"Error: secret detail\\n\s+at /);
  });
});
