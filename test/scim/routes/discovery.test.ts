import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createUser,
  ENTERPRISE,
  expectScimError,
  GROUP_SCHEMA,
  LIST_RESPONSE,
  patchOp,
  resourcesOf,
  scimClient,
  USER_SCHEMA,
  type Json,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('scimdiscovery', { SCIM_MAX_RESULTS: '250' });
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => t.close());

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

interface AttributeDef {
  name: string;
  mutability?: string;
  returned?: string;
  uniqueness?: string;
  caseExact?: boolean;
  subAttributes?: AttributeDef[];
}

async function schema(id: string): Promise<{ attributes: AttributeDef[] } & Json> {
  const res = await scim.get(`/Schemas/${id}`);
  expect(res.status).toBe(200);
  return res.body as { attributes: AttributeDef[] } & Json;
}

const attribute = (s: { attributes: AttributeDef[] }, name: string) =>
  s.attributes.find((a) => a.name === name);

describe('GET /ServiceProviderConfig', () => {
  let spc: Json;
  beforeAll(async () => {
    const res = await scim.get('/ServiceProviderConfig');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    spc = bodyOf(res);
  });

  it('declares its schema and a location under the SCIM base', () => {
    expect(spc.schemas).toEqual([SPC_SCHEMA]);
    expect(spc.meta).toMatchObject({
      resourceType: 'ServiceProviderConfig',
      location: 'https://scim.example.test/scim/v2/ServiceProviderConfig',
    });
  });

  it('advertises patch, sort, etag, changePassword and filtering with the configured maxResults', () => {
    expect(spc).toMatchObject({
      patch: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: true },
      filter: { supported: true, maxResults: 250 },
    });
  });

  it('gives bulk limits as numbers', () => {
    const bulk = spc.bulk as Json;
    expect(typeof bulk.supported).toBe('boolean');
    expect(Number.isInteger(bulk.maxOperations)).toBe(true);
    expect(Number.isInteger(bulk.maxPayloadSize)).toBe(true);
  });

  it('advertises RFC 9865 cursor and index pagination within maxResults', () => {
    expect(spc.pagination).toMatchObject({
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
    });
    const pagination = spc.pagination as { maxPageSize?: number; cursorTimeout?: number };
    expect(pagination.maxPageSize).toBeLessThanOrEqual(250);
    expect(pagination.cursorTimeout).toBeGreaterThan(0);
  });

  it('lists the bearer-token authentication scheme', () => {
    expect(spc.authenticationSchemes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'oauthbearertoken',
          name: expect.any(String),
          description: expect.any(String),
        }),
      ]),
    );
  });

  it('tells the truth about bulk: /Bulk answers as advertised', async () => {
    const res = await scim
      .post('/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [],
      })
      .ok(() => true);
    if ((spc.bulk as Json).supported) expect([200, 400]).toContain(res.status);
    else expect([404, 501]).toContain(res.status);
  });

  it('tells the truth about changePassword: a PATCH of password is accepted and never echoed', async () => {
    const user = await createUser(scim, 'spc.change');
    const res = await scim.patch(
      `/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'password', value: 'n3w-Secret-pass' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('password');
    expect(JSON.stringify(res.body)).not.toContain('n3w-Secret');
    const stored = (await t.ctx.directory.users.collection.findOne({ _id: user.id } as never)) as {
      passwordHash?: string;
    } | null;
    expect(stored?.passwordHash).toEqual(expect.any(String));
  });
});

describe('GET /ResourceTypes', () => {
  it('lists User (with the enterprise extension) and Group as a ListResponse', async () => {
    const res = await scim.get('/ResourceTypes');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2 });
    const byName = new Map(resourcesOf(res).map((rt) => [rt.name, rt]));
    expect(byName.get('User')).toMatchObject({
      id: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [expect.objectContaining({ schema: ENTERPRISE, required: false })],
      meta: {
        resourceType: 'ResourceType',
        location: expect.stringMatching(/\/ResourceTypes\/User$/),
      },
    });
    expect(byName.get('Group')).toMatchObject({
      id: 'Group',
      endpoint: '/Groups',
      schema: GROUP_SCHEMA,
    });
  });

  it('answers GET /ResourceTypes/User and 404 for an unknown resource type', async () => {
    expect((await scim.get('/ResourceTypes/User')).body).toMatchObject({ id: 'User' });
    expectScimError(await scim.get('/ResourceTypes/Printer'), 404);
  });
});

describe('GET /Schemas', () => {
  it('lists the User, Group and EnterpriseUser schemas', async () => {
    const res = await scim.get('/Schemas');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE] });
    expect(resourcesOf(res).map((s) => s.id)).toEqual(
      expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE]),
    );
  });

  it('describes userName as unique and case-insensitive, id as read-only, password as never returned', async () => {
    const user = await schema(USER_SCHEMA);
    expect(attribute(user, 'userName')).toMatchObject({ uniqueness: 'server', caseExact: false });
    expect(attribute(user, 'password')).toMatchObject({
      returned: 'never',
      mutability: 'writeOnly',
    });
    expect(attribute(user, 'groups')).toMatchObject({ mutability: 'readOnly' });
    expect(user.meta).toMatchObject({ resourceType: 'Schema' });
  });

  it('describes the enterprise manager as a complex attribute with a value', async () => {
    const enterprise = await schema(ENTERPRISE);
    const manager = attribute(enterprise, 'manager');
    expect(manager?.subAttributes?.map((a) => a.name)).toEqual(expect.arrayContaining(['value']));
  });

  it('answers 404 for an unknown schema id', async () => {
    expectScimError(await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Printer'), 404);
  });
});

describe('discovery endpoints are read-only and unfilterable', () => {
  const endpoints = [
    '/ServiceProviderConfig',
    '/ResourceTypes',
    '/ResourceTypes/User',
    '/Schemas',
    `/Schemas/${USER_SCHEMA}`,
  ];

  it.each(endpoints)(
    'answers 405 with an Allow header to POST, PUT, PATCH and DELETE on %s',
    async (path) => {
      for (const res of [
        await scim.post(path, {}),
        await scim.put(path, {}),
        await scim.patch(path, patchOp({ op: 'replace', path: 'x', value: 1 })),
        await scim.delete(path),
      ]) {
        expectScimError(res, 405);
        expect(res.headers.allow).toMatch(/GET/);
      }
    },
  );

  it.each(['/ServiceProviderConfig', '/ResourceTypes', '/Schemas'])(
    'answers 403 to a filter on %s',
    async (path) => {
      expectScimError(await scim.get(`${path}?filter=${encodeURIComponent('id eq "User"')}`), 403);
    },
  );
});
