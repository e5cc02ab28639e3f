import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  BASE,
  bodyOf,
  createUser,
  ENTERPRISE,
  expectScimError,
  q,
  resourcesOf,
  scimClient,
  USER_SCHEMA,
  type Json,
  type ScimClient,
} from './scim-client';

/** RFC 7643 requirements the matrix (docs/scim-compliance.md) found without a protocol test. */

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('rfc7643');
  scim = scimClient(t, await scimToken(t));
});
afterAll(async () => t.close());

interface AttributeJson {
  name: string;
  type: string;
  description?: string;
  subAttributes?: AttributeJson[];
}

describe('discovery (RFC 7643 §5, §6, §7; RFC 7644 §3.1, §4)', () => {
  it('serves the ServiceProviderConfig with its authenticationSchemes without a bearer token', async () => {
    const res = await t.http().get(`${BASE}/ServiceProviderConfig`);
    expect(res.status).toBe(200);
    expect(bodyOf(res).authenticationSchemes).toEqual([
      expect.objectContaining({ type: 'oauthbearertoken' }),
    ]);
    expectScimError(await t.http().get(`${BASE}/Schemas`), 401);
  });

  it('ignores sorting and paging parameters on /Schemas and /ResourceTypes', async () => {
    for (const [path, total] of [
      ['/Schemas', 6],
      ['/ResourceTypes', 2],
    ] as const) {
      const res = await scim.get(`${path}?count=1&startIndex=2&sortBy=id&sortOrder=descending`);
      expect(res.status).toBe(200);
      expect(resourcesOf(res)).toHaveLength(total);
    }
  });

  it('does not list SCIM message schemas at /Schemas', async () => {
    const ids = resourcesOf(await scim.get('/Schemas')).map((s) => String(s.id));
    expect(ids.filter((id) => id.startsWith('urn:ietf:params:scim:api:'))).toEqual([]);
  });

  it('names and describes every schema, resource type and attribute, as the schema rules require', async () => {
    const schemas = resourcesOf(await scim.get('/Schemas'));
    const ids = schemas.map((s) => s.id);
    // §7: only the "Schema" schema itself may nest a complex attribute in a complex one.
    const check = (attribute: AttributeJson, nested: boolean, nestable: boolean) => {
      expect(attribute.description).toEqual(expect.any(String));
      // §2.1 ATTRNAME, except "$ref", which §2.4 itself defines.
      // ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA.
      if (attribute.name !== '$ref') expect(attribute.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
      if (attribute.type === 'complex') expect(attribute.subAttributes?.length).toBeGreaterThan(0);
      if (nested && !nestable) expect(attribute.type).not.toBe('complex');
      for (const sub of attribute.subAttributes ?? []) check(sub, true, nestable);
    };
    for (const schema of schemas) {
      expect(schema).toMatchObject({ name: expect.any(String), description: expect.any(String) });
      const nestable = String(schema.id).endsWith(':core:2.0:Schema');
      for (const attribute of schema.attributes as AttributeJson[])
        check(attribute, false, nestable);
    }
    for (const rt of resourcesOf(await scim.get('/ResourceTypes'))) {
      expect(rt).toMatchObject({ name: expect.any(String), description: expect.any(String) });
      expect(ids).toContain(rt.schema);
      for (const ext of rt.schemaExtensions as Json[]) expect(ids).toContain(ext.schema);
    }
  });
});

describe('resources (RFC 7643 §2.4, §3, §3.1)', () => {
  it('stores a repeated (type, value) once, keeping the one marked primary', async () => {
    const user = await createUser(scim, 'repeats', {
      emails: [
        { value: 'same@x.test', type: 'work' },
        { value: 'other@x.test', type: 'home' },
        { value: 'SAME@x.test', type: 'work', primary: true },
      ],
      phoneNumbers: [
        { value: '+1 555', type: 'work' },
        { value: '+1 555', type: 'mobile' },
      ],
    });
    expect(user.emails).toEqual([
      { value: 'SAME@x.test', type: 'work', primary: true },
      { value: 'other@x.test', type: 'home' },
    ]);
    expect(user.phoneNumbers).toHaveLength(2);
  });

  it('assigns id and meta itself, never an externalId, with lastModified equal to created', async () => {
    const user = await createUser(scim, 'fresh.one');
    const meta = user.meta as Json;
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user).not.toHaveProperty('externalId');
    expect(meta.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(meta.lastModified).toBe(meta.created);
  });

  it('sets meta.resourceType to the resource type of the endpoint', async () => {
    expect((await createUser(scim, 'typed.user')).meta).toMatchObject({ resourceType: 'User' });
    const group = await scim.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Typed group',
      meta: { resourceType: 'User' },
    });
    expect(bodyOf(group).meta).toMatchObject({ resourceType: 'Group' });
  });

  it('keeps schemas to the resource type’s own schemas, each once', async () => {
    const user = await createUser(scim, 'schemas.once', {
      schemas: [USER_SCHEMA, USER_SCHEMA, 'urn:example:unknown:2.0:Thing'],
    });
    expect(user.schemas).toEqual([USER_SCHEMA]);
    // Never empty, and the order a client lists them in changes nothing.
    const bare = await scim.post('/Users', { userName: 'schemas.none' });
    expect(bodyOf(bare).schemas).toEqual([USER_SCHEMA]);
    const department = { [ENTERPRISE]: { department: 'Sales' } };
    const inOrder = await scim.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      userName: 'schemas.in.order',
      ...department,
    });
    const reversed = await scim.post('/Users', {
      schemas: [ENTERPRISE, USER_SCHEMA],
      userName: 'schemas.reversed',
      ...department,
    });
    expect([inOrder.status, reversed.status]).toEqual([201, 201]);
    for (const res of [inOrder, reversed]) {
      expect(bodyOf(res)).toMatchObject({ schemas: [USER_SCHEMA, ENTERPRISE], ...department });
    }
  });

  it('never stores a SCIM password in cleartext', async () => {
    const user = await createUser(scim, 'has.password', { password: 'Correct-Horse-42!' });
    const stored = await t.ctx.directory.users.collection.findOne({ _id: user.id } as never);
    expect(JSON.stringify(stored)).not.toContain('Correct-Horse-42!');
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe('string preparation (RFC 7644 §5, §7.8; RFC 7613)', () => {
  it('treats fullwidth and decomposed forms of a userName as the same userName', async () => {
    await createUser(scim, 'jos\u00e9.b');
    const clash = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'JOSE\u0301.B' });
    expectScimError(clash, 409, 'uniqueness');
    const wide = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'ｊｏｓé.ｂ' });
    expectScimError(wide, 409, 'uniqueness');
    const found = await scim.get(`/Users?${q('userName eq "JOSE\u0301.B"')}`);
    expect(resourcesOf(found).map((r) => r.userName)).toEqual(['jos\u00e9.b']);
  });
});
