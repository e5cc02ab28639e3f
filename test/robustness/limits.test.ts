import type { Response } from 'supertest';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';
import {
  ERROR,
  PATCH_OP,
  USER_SCHEMA,
  createUser,
  q,
  scimClient,
  userBody,
  type ScimClient,
} from '../scim/routes/scim-client';

/** Small limits so each can be crossed cheaply; the defaults are in the README's Limits table. */
const LIMITS = {
  BODY_LIMIT_BYTES: '262144',
  JSON_MAX_DEPTH: '8',
  URL_MAX_LENGTH: '1024',
  SCIM_FILTER_MAX_LENGTH: '200',
  SCIM_FILTER_MAX_DEPTH: '4',
  SCIM_PATCH_MAX_OPERATIONS: '5',
  SCIM_BULK_MAX_OPERATIONS: '3',
};

let t: TestApp;
let scim: ScimClient;
let userId: string;

beforeAll(async () => {
  t = await createTestApp('limits', LIMITS);
  scim = scimClient(t, await scimToken(t));
  userId = String((await createUser(scim, 'limits.target')).id);
});
afterAll(async () => t.close());

function expectLimitError(res: Response, status: number, detail: RegExp, scimType?: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  if (scimType) expect(res.body).toMatchObject({ scimType });
  expect(String((res.body as { detail: string }).detail)).toMatch(detail);
}

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('request limits, each answered before any work', () => {
  it('a body larger than BODY_LIMIT_BYTES answers 413 naming the limit', async () => {
    const res = await scim.post('/Users', userBody('too.big', { title: 'x'.repeat(300_000) }));
    expectLimitError(res, 413, /BODY_LIMIT_BYTES \(262144 bytes\)/);
  });

  it('a body nested deeper than JSON_MAX_DEPTH answers 400 invalidSyntax', async () => {
    const body = `{"schemas":["${USER_SCHEMA}"],"userName":"deep","x":${nested(8)}}`;
    const res = await scim.post('/Users', JSON.parse(body) as unknown);
    expectLimitError(res, 400, /JSON_MAX_DEPTH \(8\)/, 'invalidSyntax');
  });

  it('a body at exactly JSON_MAX_DEPTH is accepted', async () => {
    const body = `{"schemas":["${USER_SCHEMA}"],"userName":"shallow","x":${nested(7)}}`;
    const res = await scim.post('/Users', JSON.parse(body) as unknown);
    expect(res.status).toBe(201);
  });

  it('brackets inside strings do not count towards the depth', async () => {
    const res = await scim.post('/Users', userBody('brackets', { title: '[[[[[[[[[[{{{{{{{{{{' }));
    expect(res.status).toBe(201);
  });

  it('a deeply nested body is refused on the administration API as well', async () => {
    const res = await t
      .http()
      .post('/api/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send(nested(5000));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/JSON_MAX_DEPTH/);
  });

  it('a URL longer than URL_MAX_LENGTH answers 414 as a SCIM Error', async () => {
    const res = await scim.get(`/Users?${q(`userName eq "${'a'.repeat(1100)}"`)}`);
    expectLimitError(res, 414, /URL_MAX_LENGTH \(1024 characters\)/);
  });

  it('a filter longer than SCIM_FILTER_MAX_LENGTH answers 400 invalidFilter', async () => {
    const res = await scim.get(`/Users?${q(`userName eq "${'a'.repeat(200)}"`)}`);
    expectLimitError(res, 400, /200 characters/, 'invalidFilter');
  });

  it('a filter nested deeper than SCIM_FILTER_MAX_DEPTH answers 400 invalidFilter', async () => {
    const filter = `${'not ('.repeat(6)}userName pr${')'.repeat(6)}`;
    const res = await scim.get(`/Users?${q(filter)}`);
    expectLimitError(res, 400, /4 levels/, 'invalidFilter');
  });

  it('the filter limits apply to POST /.search too', async () => {
    const res = await scim.post('/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: `${'not ('.repeat(6)}userName pr${')'.repeat(6)}`,
    });
    expectLimitError(res, 400, /4 levels/, 'invalidFilter');
  });

  it('more PATCH operations than SCIM_PATCH_MAX_OPERATIONS answer 400 tooMany', async () => {
    const Operations = Array.from({ length: 6 }, (_, i) => ({
      op: 'replace',
      path: 'title',
      value: `t${i}`,
    }));
    const res = await scim.patch(`/Users/${userId}`, { schemas: [PATCH_OP], Operations });
    expectLimitError(res, 400, /5/, 'tooMany');
    const ok = await scim.patch(`/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: Operations.slice(0, 5),
    });
    expect(ok.status).toBe(200);
  });

  it('more Bulk operations than SCIM_BULK_MAX_OPERATIONS answer 413', async () => {
    const Operations = Array.from({ length: 4 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `b${i}`,
      data: userBody(`bulk.limit.${i}`),
    }));
    const res = await scim.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations,
    });
    expectLimitError(res, 413, /at most 3 operations/);
  });

  it('ServiceProviderConfig announces the configured Bulk limits', async () => {
    const res = await scim.get('/ServiceProviderConfig');
    expect(res.body).toMatchObject({ bulk: { maxOperations: 3, maxPayloadSize: 262144 } });
  });

  it('more than 100 names in attributes answer 400 invalidValue', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `a${i}`).join(',');
    const res = await scim.get(`/Users?attributes=${names}`);
    expectLimitError(res, 400, /more than 100 attributes/, 'invalidValue');
  });

  it('more than 1000 values of a multi-valued attribute answer 400', async () => {
    const emails = Array.from({ length: 1001 }, (_, i) => ({ value: `e${i}@x.test` }));
    const res = await scim.post('/Users', userBody('many.emails', { emails }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
  });

  it('a string longer than 64 KiB answers 400', async () => {
    const res = await scim.post('/Users', userBody('long.title', { title: 'x'.repeat(65_537) }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
  });

  it('a filter just inside both filter limits is answered', async () => {
    const res = await scim.get(`/Users?${q('not (not (userName pr))')}&attributes=userName`);
    expect(res.status).toBe(200);
  });
});
