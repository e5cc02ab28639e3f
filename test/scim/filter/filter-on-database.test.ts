import mongoose, { type Connection } from 'mongoose';
import { parseFilter } from '../../../src/scim/filter/parse-filter';
import { translateSort, type SortSpec } from '../../../src/scim/filter/sort';
import {
  resolveMemberPlaceholders,
  translateFilter,
  type MongoQuery,
} from '../../../src/scim/filter/translate-filter';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';
import { sortKeysOf } from '../../../src/scim/schemas/sort-keys';
import { toStoredDocument } from '../../../src/scim/schemas/storage-mapping';

/**
 * Translated filters run against the test database (the embedded engine, or MONGODB_URI), on
 * documents stored by the real storage mapping, to prove the operators mean what we think.
 */
const registry = createSchemaRegistry();
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const TENANT = 'tenant-a';

const USERS: Array<Record<string, unknown>> = [
  {
    id: 'u1',
    externalId: 'BJ-1',
    userName: 'bjensen@example.com',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    title: 'Tour Guide',
    userType: 'Employee',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    [ENTERPRISE]: { employeeNumber: '701984', manager: { value: 'm1' } },
  },
  {
    id: 'u2',
    userName: 'Kevin.OMalley',
    name: { familyName: "O'Malley" },
    userType: 'Intern',
    active: false,
    emails: [{ value: 'kevin@example.org', type: 'home' }],
  },
  {
    id: 'u3',
    userName: 'JSmith',
    userType: 'Employee',
    active: true,
    // A work email and an example.com email, but not one work email at example.com.
    emails: [
      { value: 'js@other.net', type: 'work' },
      { value: 'js@example.com', type: 'home' },
    ],
    ims: [{ value: 'js@foo.com', type: 'xmpp' }],
  },
  { id: 'u4', userName: '.*', userType: 'Contractor' },
  { id: 'u5', userName: 'DOMAIN\\Admin', externalId: 'ext-5', active: true },
];
const MODIFIED: Record<string, string> = {
  u1: '2011-05-13T04:42:34Z',
  u2: '2011-05-13T04:42:35Z',
  u3: '2012-01-01T00:00:00Z',
  u4: '2010-01-01T00:00:00Z',
  u5: '2013-06-01T12:00:00Z',
};
const GROUPS = [
  { id: 'g1', displayName: 'Admins' },
  { id: 'g2', displayName: 'Tour Guides' },
];
const MEMBERSHIPS: Record<string, string[]> = { u1: ['g1', 'g2'], u3: ['g1'] };

let conn: Connection;

function stored(
  resourceType: 'User' | 'Group',
  resource: Record<string, unknown>,
  tenantId: string,
): Record<string, unknown> {
  const date = new Date(MODIFIED[String(resource.id)] ?? '2011-01-01T00:00:00Z');
  const attributes = toStoredDocument(registry, resourceType, resource);
  return {
    ...attributes,
    ...sortKeysOf(registry, resourceType, attributes),
    tenantId,
    meta: { created: date, lastModified: date, version: 1 },
  };
}

function database(): NonNullable<Connection['db']> {
  if (conn.db === undefined) throw new Error('not connected');
  return conn.db;
}

beforeAll(async () => {
  const uri = process.env.TEST_MONGODB_URI;
  if (uri === undefined)
    throw new Error('TEST_MONGODB_URI is not set (test/support/global-setup.ts)');
  conn = await mongoose
    .createConnection(uri, { dbName: `filter_${Date.now()}_${process.pid}` })
    .asPromise();
  await database()
    .collection('users')
    .insertMany([
      ...USERS.map((u) => stored('User', u, TENANT)),
      // Another tenant's user that every filter would match: the caller's tenant scope keeps it out.
      stored('User', { ...USERS[0], id: 'other-tenant-user' }, 'tenant-b'),
    ] as never[]);
  await database()
    .collection('groups')
    .insertMany(GROUPS.map((g) => stored('Group', g, TENANT)) as never[]);
});

afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

async function find(
  collection: string,
  query: MongoQuery,
  sort: SortSpec = { _id: 1 },
): Promise<string[]> {
  const docs = await database()
    .collection(collection)
    .find({ $and: [{ tenantId: TENANT }, query] })
    .sort(sort)
    .toArray();
  return docs.map((d) => String(d._id));
}

async function users(filter: string): Promise<string[]> {
  const ast = parseFilter(filter, { maxLength: 4096, maxDepth: 32 });
  return find('users', translateFilter(ast, { registry, resourceType: 'User' }));
}

describe('translated filters on the database', () => {
  it.each([
    ['userName eq "BJENSEN@example.com"', ['u1']],
    ['name.familyName co "O\'Malley"', ['u2']],
    ['userName sw "J"', ['u3']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "j"', ['u3']],
    ['title pr', ['u1']],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['u2', 'u3', 'u5']],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', ['u1', 'u2', 'u3', 'u5']],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', ['u4']],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', ['u1', 'u4']],
    ['title pr and userType eq "Employee"', ['u1']],
    ['title pr or userType eq "Intern"', ['u1', 'u2']],
    [`schemas eq "${ENTERPRISE}"`, ['u1']],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      ['u1', 'u3'],
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      ['u4', 'u5'],
    ],
    ['userType eq "Employee" and (emails.type eq "work")', ['u1', 'u3']],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ['u1']],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      ['u1', 'u3'],
    ],
  ])('RFC 7644 §3.4.2.2: %s', async (filter, expected) => {
    expect(await users(filter)).toEqual(expected);
  });

  it.each([
    ['userName co ".*"', ['u4']],
    ['userName eq "domain\\\\admin"', ['u5']],
    ['externalId eq "BJ-1"', ['u1']],
    ['externalId eq "bj-1"', []],
    ['emails.type ne "work"', ['u2', 'u4', 'u5']],
    ['emails[type ne "work"]', ['u1', 'u2', 'u3']],
    ['emails[not (type eq "work")]', ['u1', 'u2', 'u3']],
    ['emails[type eq "work" or type eq "home"]', ['u1', 'u2', 'u3']],
    ['emails[type eq "home" and primary eq true]', []],
    ['emails pr', ['u1', 'u2', 'u3']],
    ['emails.value pr', ['u1', 'u2', 'u3']],
    ['not (emails pr)', ['u4', 'u5']],
    ['emails.primary pr', ['u1']],
    ['title eq null', ['u2', 'u3', 'u4', 'u5']],
    ['active eq false', ['u2']],
    ['active ne true', ['u2', 'u4']],
    ['userName gt "k" and userName lt "l"', ['u2']],
    ['name[givenName eq "barbara" and familyName eq "JENSEN"]', ['u1']],
    [`${ENTERPRISE}:employeeNumber eq "701984"`, ['u1']],
    [`${ENTERPRISE}:manager[value eq "m1"]`, ['u1']],
    ['userName ew "OMALLEY"', ['u2']],
  ])('%s', async (filter, expected) => {
    expect(await users(filter)).toEqual(expected);
  });

  it('a value path needs one element to satisfy it whole ($elemMatch), plain paths any element', async () => {
    // u3 has a work email and an example.com email, but no work email at example.com.
    expect(await users('emails[type eq "work" and value co "@example.com"]')).toEqual(['u1']);
    expect(await users('emails.type eq "work" and emails.value co "@example.com"')).toEqual([
      'u1',
      'u3',
    ]);
  });

  it('Group filters: displayName, and members through the membership lookup', async () => {
    const lookup = async (member: string): Promise<string[]> => MEMBERSHIPS[member] ?? [];
    const groups = async (filter: string): Promise<string[]> => {
      const query = translateFilter(parseFilter(filter, { maxLength: 4096, maxDepth: 32 }), {
        registry,
        resourceType: 'Group',
      });
      return find('groups', await resolveMemberPlaceholders(query, lookup));
    };
    expect(await groups('displayName eq "ADMINS"')).toEqual(['g1']);
    expect(await groups('id eq "g2" and members eq "u1"')).toEqual(['g2']);
    expect(await groups('id eq "g2" and members eq "u3"')).toEqual([]);
    expect(await groups('members[value eq "u3"]')).toEqual(['g1']);
    expect(await groups('not (members.value eq "u3")')).toEqual(['g2']);
  });

  it('sorts case-insensitively on the stored sort key, with _id breaking ties in the same direction', async () => {
    const ctx = { registry, resourceType: 'User' as const };
    expect(await find('users', {}, translateSort('userName', 'ascending', ctx))).toEqual([
      'u4',
      'u1',
      'u5',
      'u3',
      'u2',
    ]);
    // u5 has no userType: first when descending (RFC 7644 §3.4.2.3); the u1/u3 tie reverses too.
    expect(await find('users', {}, translateSort('userType', 'descending', ctx))).toEqual([
      'u5',
      'u2',
      'u3',
      'u1',
      'u4',
    ]);
  });
});
