import { normalizeResource } from '../../../src/scim/schemas/normalize-resource';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';
import { fromStoredDocument, toStoredDocument } from '../../../src/scim/schemas/storage-mapping';
import rfcEnterpriseUser from './fixtures/rfc7643-enterprise-user.json';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const registry = createSchemaRegistry();

describe('toStoredDocument', () => {
  it('adds a lower-cased _lc shadow beside every case-insensitive string', () => {
    const stored = toStoredDocument(registry, 'User', {
      schemas: [CORE_USER, ENTERPRISE],
      id: 'a1b2',
      externalId: 'Ext-1',
      userName: 'BJensen@Example.com',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      active: true,
      emails: [{ value: 'BJensen@Example.com', type: 'Work', primary: true }],
      [ENTERPRISE]: { department: 'Tour Operations', manager: { value: 'M-1', displayName: 'Jo' } },
    });
    expect(stored).toEqual({
      _id: 'a1b2',
      externalId: 'Ext-1',
      userName: 'BJensen@Example.com',
      userName_lc: 'bjensen@example.com',
      name: {
        familyName: 'Jensen',
        familyName_lc: 'jensen',
        givenName: 'Barbara',
        givenName_lc: 'barbara',
      },
      active: true,
      emails: [
        {
          value: 'BJensen@Example.com',
          value_lc: 'bjensen@example.com',
          type: 'Work',
          type_lc: 'work',
          primary: true,
        },
      ],
      enterprise: {
        department: 'Tour Operations',
        department_lc: 'tour operations',
        manager: { value: 'M-1', displayName: 'Jo', displayName_lc: 'jo' },
      },
    });
  });

  it('never stores the password, schemas or meta', () => {
    const stored = toStoredDocument(registry, 'User', {
      schemas: [CORE_USER],
      userName: 'b',
      password: 'secret',
      meta: { created: '2020-01-01T00:00:00Z' },
    });
    expect(stored).toEqual({ userName: 'b', userName_lc: 'b' });
  });

  it('keeps member ids exact and shadows only the case-insensitive display', () => {
    const stored = toStoredDocument(registry, 'Group', {
      schemas: [CORE_GROUP],
      displayName: 'Tour Guides',
      members: [{ value: 'U-1', display: 'Babs', type: 'User' }],
    });
    expect(stored).toEqual({
      displayName: 'Tour Guides',
      displayName_lc: 'tour guides',
      members: [
        { value: 'U-1', display: 'Babs', display_lc: 'babs', type: 'User', type_lc: 'user' },
      ],
    });
  });
});

describe('fromStoredDocument', () => {
  it('strips shadows and internal fields and maps _id and the alias back', () => {
    const resource = fromStoredDocument(registry, 'User', {
      _id: 'a1b2',
      tenantId: 't-1',
      __v: 0,
      welcome: { state: 'queued' },
      meta: { created: new Date(), lastModified: new Date(), version: 3 },
      userName: 'BJensen',
      userName_lc: 'bjensen',
      passwordHash: 'x',
      password: 'never-returned',
      emails: [{ value: 'B@x.com', value_lc: 'b@x.com' }],
      enterprise: { employeeNumber: '7', employeeNumber_lc: '7', internal: 1 },
    });
    expect(resource).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      id: 'a1b2',
      userName: 'BJensen',
      emails: [{ value: 'B@x.com' }],
      [ENTERPRISE]: { employeeNumber: '7' },
    });
  });

  it('omits the extension schema when the alias holds nothing', () => {
    const resource = fromStoredDocument(registry, 'User', {
      _id: 'x',
      userName: 'b',
      enterprise: {},
    });
    expect(resource).toEqual({ schemas: [CORE_USER], id: 'x', userName: 'b' });
  });
});

describe('storage round trip', () => {
  it('gives back the normalized RFC 7643 §8.3 user, plus its id', () => {
    const { resource } = normalizeResource(registry, 'User', rfcEnterpriseUser, 'create');
    const stored = toStoredDocument(registry, 'User', { ...resource, id: 'u-1' });
    expect(stored.enterprise).toMatchObject({
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    });
    expect(fromStoredDocument(registry, 'User', { ...stored, tenantId: 't' })).toEqual({
      ...resource,
      id: 'u-1',
    });
  });

  it('gives back a group with its members', () => {
    const body = {
      displayName: 'Tour Guides',
      members: [
        { value: 'u-1', $ref: 'https://example.com/v2/Users/u-1', type: 'User' },
        { value: 'g-2', type: 'Group' },
      ],
    };
    const { resource } = normalizeResource(registry, 'Group', body, 'create');
    const stored = toStoredDocument(registry, 'Group', resource);
    expect(fromStoredDocument(registry, 'Group', stored)).toEqual(resource);
  });
});
