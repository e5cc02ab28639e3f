import { ScimError, toScimErrorBody } from '../../../src/platform/errors/scim-error';
import { normalizeResource } from '../../../src/scim/schemas/normalize-resource';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';
import entraCreateGroup from './fixtures/entra-create-group.json';
import entraCreateUser from './fixtures/entra-create-user.json';
import oktaCreateGroup from './fixtures/okta-create-group.json';
import oktaCreateUser from './fixtures/okta-create-user.json';
import rfcEnterpriseUser from './fixtures/rfc7643-enterprise-user.json';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const registry = createSchemaRegistry();
const normalizeUser = (body: unknown) => normalizeResource(registry, 'User', body, 'create');

function invalid(run: () => unknown): ScimError {
  try {
    run();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error('expected a ScimError');
}

describe('normalizeResource: identity providers’ create bodies', () => {
  it('keeps Entra’s user, drops meta and the empty roles, and lists only the core schema', () => {
    const { resource, password } = normalizeUser(entraCreateUser);
    expect(resource).toEqual({
      schemas: [CORE_USER],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      active: true,
      emails: [
        {
          value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com',
          type: 'work',
          primary: true,
        },
      ],
    });
    expect(password).toBeUndefined();
  });

  it('accepts Entra’s "True" and "False" strings for booleans, in any case', () => {
    expect(normalizeUser({ ...entraCreateUser, active: 'True' }).resource.active).toBe(true);
    expect(normalizeUser({ ...entraCreateUser, active: 'FALSE' }).resource.active).toBe(false);
    const emails = [{ value: 'a@example.com', primary: 'true' }];
    expect(normalizeUser({ userName: 'a', emails }).resource.emails).toEqual([
      { value: 'a@example.com', primary: true },
    ]);
  });

  it('splits Okta’s password out of the user and ignores its empty groups', () => {
    const { resource, password } = normalizeUser(oktaCreateUser);
    expect(password).toBe('1mz050nq');
    expect(resource).not.toHaveProperty('password');
    expect(resource).not.toHaveProperty('groups');
    expect(resource).toMatchObject({
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      emails: [{ value: 'test.user@okta.local', type: 'work', primary: true }],
    });
  });

  it('normalizes Entra’s and Okta’s group bodies, dropping unknown schemas and empty members', () => {
    expect(normalizeResource(registry, 'Group', entraCreateGroup, 'create').resource).toEqual({
      schemas: [CORE_GROUP],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
    });
    expect(normalizeResource(registry, 'Group', oktaCreateGroup, 'replace').resource).toEqual({
      schemas: [CORE_GROUP],
      displayName: 'Test SCIMv2',
    });
  });

  it('keeps the RFC 7643 §8.3 enterprise user, without its readOnly parts', () => {
    const { resource, password } = normalizeUser(rfcEnterpriseUser);
    expect(password).toBe('t1meMa$heen');
    expect(resource.schemas).toEqual([CORE_USER, ENTERPRISE]);
    expect(resource).not.toHaveProperty('id');
    expect(resource).not.toHaveProperty('meta');
    expect(resource).not.toHaveProperty('groups');
    expect(resource[ENTERPRISE]).toEqual({
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: {
        value: '26118915-6090-4610-87e4-49d8ca9f808d',
        $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d',
      },
    });
  });
});

describe('normalizeResource: canonical names', () => {
  it('maps attribute names to their canonical case, also inside complex values', () => {
    const { resource } = normalizeUser({
      USERNAME: 'bjensen',
      Name: { GIVENNAME: 'Barbara' },
      eMails: [{ VALUE: 'b@example.com', Type: 'work' }],
      [ENTERPRISE.toUpperCase()]: { EmployeeNumber: '7', MANAGER: { Value: 'm-1' } },
    });
    expect(resource).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'b@example.com', type: 'work' }],
      [ENTERPRISE]: { employeeNumber: '7', manager: { value: 'm-1' } },
    });
  });

  it('accepts URN-qualified top-level keys for core and extension attributes', () => {
    const { resource } = normalizeUser({
      [`${CORE_USER}:userName`]: 'bjensen',
      [`${ENTERPRISE}:employeeNumber`]: '1',
      [`${ENTERPRISE}:Department`]: 'Sales',
    });
    expect(resource).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      userName: 'bjensen',
      [ENTERPRISE]: { employeeNumber: '1', department: 'Sales' },
    });
  });

  it('reads core attributes nested in an object keyed by the core schema URN', () => {
    const { resource } = normalizeUser({ [CORE_USER]: { userName: 'bjensen', active: 'true' } });
    expect(resource).toEqual({ schemas: [CORE_USER], userName: 'bjensen', active: true });
  });

  it('drops unknown attributes and sub-attributes (RFC 7644 §3.3)', () => {
    const { resource } = normalizeUser({
      userName: 'bjensen',
      shoeSize: 44,
      name: { givenName: 'B', nickname: 'x' },
      emails: [{ value: 'b@example.com', label: 'x' }, { label: 'only unknown' }],
      'urn:example:custom:2.0:User': { badge: 1 },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize': 44,
    });
    expect(resource).toEqual({
      schemas: [CORE_USER],
      userName: 'bjensen',
      name: { givenName: 'B' },
      emails: [{ value: 'b@example.com' }],
    });
  });

  it('treats null and [] as unassigned, and an extension left empty as absent', () => {
    const { resource } = normalizeUser({
      userName: 'bjensen',
      displayName: null,
      phoneNumbers: [],
      name: { givenName: null },
      [ENTERPRISE]: { department: null },
    });
    expect(resource).toEqual({ schemas: [CORE_USER], userName: 'bjensen' });
  });

  it('drops readOnly attributes and readOnly sub-attributes even when malformed', () => {
    const { resource } = normalizeUser({
      id: 'chosen-by-client',
      meta: 'nonsense',
      groups: 'nonsense',
      userName: 'bjensen',
      [ENTERPRISE]: { manager: { value: 'm-1', displayName: 42 } },
    });
    expect(resource).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      userName: 'bjensen',
      [ENTERPRISE]: { manager: { value: 'm-1' } },
    });
  });
});

describe('normalizeResource: refusals', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the key %s anywhere in the body',
    (key) => {
      const nested = JSON.parse(`{"userName":"b","name":{"${key}":{"polluted":true}}}`) as unknown;
      const deep = JSON.parse(`{"userName":"b","x":[{"y":{"${key}":1}}]}`) as unknown;
      for (const body of [nested, deep]) {
        expect(invalid(() => normalizeUser(body))).toMatchObject({
          status: 400,
          scimType: 'invalidValue',
        });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it.each([
    ['userName given as a number', { userName: 42 }, "'userName' must be a string"],
    ['userName given as an object', { userName: { value: 'b' } }, "'userName' must be a string"],
    ['emails not an array', { userName: 'b', emails: { value: 'x' } }, "'emails' must be an array"],
    ['emails of strings', { userName: 'b', emails: ['b@x'] }, "'emails[0]' must be an object"],
    ['a null element', { userName: 'b', emails: [null] }, "'emails[0]' must not be null"],
    ['a boolean as "maybe"', { userName: 'b', active: 'maybe' }, "'active' must be a boolean"],
    ['a boolean as 1', { userName: 'b', active: 1 }, "'active' must be a boolean"],
    ['name as a string', { userName: 'b', name: 'Barbara' }, "'name' must be an object"],
    [
      'an extension as a string',
      { userName: 'b', [ENTERPRISE]: 'x' },
      `'${ENTERPRISE}' must be an object`,
    ],
    [
      'an extension attribute of the wrong type',
      { userName: 'b', [ENTERPRISE]: { manager: { value: 7 } } },
      `'${ENTERPRISE}:manager.value' must be a string`,
    ],
  ])('refuses %s with invalidValue naming the attribute', (_case, body, message) => {
    const err = invalid(() => normalizeUser(body));
    expect(err).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(err.message).toContain(message);
  });

  it('renders a refusal as an RFC 7644 §3.12 error body', () => {
    expect(toScimErrorBody(invalid(() => normalizeUser({ userName: 42 })))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidValue',
      detail: "Attribute 'userName' must be a string",
    });
  });

  it('refuses a body that is not an object with invalidSyntax', () => {
    expect(invalid(() => normalizeUser([{ userName: 'b' }]))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
    });
  });

  it('refuses a user without userName and a group without displayName', () => {
    expect(invalid(() => normalizeUser({ displayName: 'B' })).message).toBe(
      "Attribute 'userName' is required to create a User",
    );
    expect(invalid(() => normalizeUser({ userName: null })).scimType).toBe('invalidValue');
    const group = invalid(() => normalizeResource(registry, 'Group', { members: [] }, 'replace'));
    expect(group.message).toBe("Attribute 'displayName' is required to replace a Group");
  });

  it('refuses an empty userName and a member without value', () => {
    expect(invalid(() => normalizeUser({ userName: '' })).message).toContain("'userName'");
    const body = { displayName: 'G', members: [{ display: 'Babs' }] };
    const err = invalid(() => normalizeResource(registry, 'Group', body, 'create'));
    expect(err.message).toBe("Attribute 'members[0].value' is required");
  });

  it('refuses more than one primary value in a multi-valued attribute (RFC 7643 §2.4)', () => {
    const emails = [
      { value: 'a@example.com', primary: true },
      { value: 'b@example.com', primary: 'True' },
    ];
    const err = invalid(() => normalizeUser({ userName: 'b', emails }));
    expect(err).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(err.message).toContain("'emails'");
  });

  it('refuses an attribute given twice under different cases', () => {
    const err = invalid(() => normalizeUser({ userName: 'a', USERNAME: 'b' }));
    expect(err.message).toContain('more than once');
  });

  it('bounds string lengths and the number of values, naming the path', () => {
    const long = invalid(() =>
      normalizeUser({ userName: 'b', name: { givenName: 'x'.repeat(70_000) } }),
    );
    expect(long.message).toBe(
      "Attribute 'name.givenName' must NOT have more than 65536 characters",
    );
    const emails = Array.from({ length: 1001 }, (_, i) => ({ value: `u${i}@example.com` }));
    expect(invalid(() => normalizeUser({ userName: 'b', emails })).message).toBe(
      "Attribute 'emails' must NOT have more than 1000 items",
    );
    const manager = { value: 'm'.repeat(70_000) };
    expect(invalid(() => normalizeUser({ userName: 'b', [ENTERPRISE]: { manager } })).message).toBe(
      `Attribute '${ENTERPRISE}:manager.value' must NOT have more than 65536 characters`,
    );
  });

  it('refuses an x509 certificate that is not base64', () => {
    const err = invalid(() =>
      normalizeUser({ userName: 'b', x509Certificates: [{ value: '%%' }] }),
    );
    expect(err.message).toContain("'x509Certificates[0].value'");
  });
});
