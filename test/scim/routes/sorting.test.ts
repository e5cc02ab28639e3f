import { backfillSortKeys } from '../../../src/directory/backfill-sort-keys';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  createGroup,
  createUser,
  patchOp,
  resourcesOf,
  scimClient,
  USER_SCHEMA,
  type ScimClient,
} from './scim-client';

let t: TestApp;
let scim: ScimClient;

beforeAll(async () => {
  t = await createTestApp('scimsort');
  scim = scimClient(t, await scimToken(t));
  const user = (userName: string, extra: Record<string, unknown>) =>
    createUser(scim, userName, { schemas: [USER_SCHEMA], ...extra });
  await user('sort.b', {
    name: { givenName: 'B', familyName: 'bravo' },
    emails: [
      { value: 'zulu@x.test', type: 'home' },
      { value: 'alpha@x.test', type: 'work', primary: true },
    ],
  });
  await user('sort.nofamily', {
    name: { givenName: 'No family' },
    emails: [{ value: 'mike@x.test', type: 'work' }],
  });
  await user('sort.a', {
    name: { givenName: 'A', familyName: 'Alpha' },
    emails: [
      { value: 'yankee@x.test', type: 'work' },
      { value: 'bravo@x.test', type: 'home' },
    ],
  });
  await user('sort.c', { name: { givenName: 'C', familyName: 'Charlie' }, emails: [] });
  await createGroup(scim, 'G-two', { externalId: 'ext-2' });
  await createGroup(scim, 'G-none');
  await createGroup(scim, 'G-one', { externalId: 'ext-1' });
});
afterAll(async () => t.close());

async function order(endpoint: string, query: string, key = 'userName'): Promise<string[]> {
  const res = await scim.get(`/${endpoint}?${query}`);
  expect(res.status).toBe(200);
  return resourcesOf(res).map((r) => String(r[key]));
}

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it('puts users without a value for sortBy last ascending', async () => {
    expect(await order('Users', 'sortBy=name.familyName')).toEqual([
      'sort.a',
      'sort.b',
      'sort.c',
      'sort.nofamily',
    ]);
  });

  it('puts users without a value for sortBy first descending', async () => {
    expect(await order('Users', 'sortBy=name.familyName&sortOrder=descending')).toEqual([
      'sort.nofamily',
      'sort.c',
      'sort.b',
      'sort.a',
    ]);
  });

  it('sorts a multi-valued attribute by the primary value, else the first value', async () => {
    // Keys: sort.b → alpha (primary), sort.nofamily → mike, sort.a → yankee (first), sort.c none.
    expect(await order('Users', 'sortBy=emails.value')).toEqual([
      'sort.b',
      'sort.nofamily',
      'sort.a',
      'sort.c',
    ]);
    expect(await order('Users', 'sortBy=emails.value&sortOrder=descending')).toEqual([
      'sort.c',
      'sort.a',
      'sort.nofamily',
      'sort.b',
    ]);
    expect(await order('Users', 'sortBy=emails')).toEqual(
      await order('Users', 'sortBy=emails.value'),
    );
  });

  it('keeps the order across pages, the same through POST /.search', async () => {
    const pages = [
      ...(await order('Users', 'sortBy=name.familyName&sortOrder=descending&count=2')),
      ...(await order('Users', 'sortBy=name.familyName&sortOrder=descending&startIndex=3&count=2')),
    ];
    expect(pages).toEqual(['sort.nofamily', 'sort.c', 'sort.b', 'sort.a']);
    const res = await scim.post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      sortBy: 'name.familyName',
    });
    expect(resourcesOf(res).map((r) => r.userName)).toEqual([
      'sort.a',
      'sort.b',
      'sort.c',
      'sort.nofamily',
    ]);
  });

  it('follows a PATCH that gives a user the value it lacked, or takes it away', async () => {
    const [nofamily] = resourcesOf(await scim.get('/Users?filter=userName eq "sort.nofamily"'));
    const [charlie] = resourcesOf(await scim.get('/Users?filter=userName eq "sort.c"'));
    const patch = (id: unknown, body: unknown) => scim.patch(`/Users/${String(id)}`, body);
    expect(
      (await patch(nofamily!.id, patchOp({ op: 'add', path: 'name.familyName', value: 'aaron' })))
        .status,
    ).toBe(200);
    expect(
      (await patch(charlie!.id, patchOp({ op: 'remove', path: 'name.familyName' }))).status,
    ).toBe(200);
    expect(await order('Users', 'sortBy=name.familyName')).toEqual([
      'sort.nofamily',
      'sort.a',
      'sort.b',
      'sort.c',
    ]);
  });

  it('puts groups without a value last ascending and first descending', async () => {
    expect(await order('Groups', 'sortBy=externalId', 'displayName')).toEqual([
      'G-one',
      'G-two',
      'G-none',
    ]);
    expect(await order('Groups', 'sortBy=externalId&sortOrder=descending', 'displayName')).toEqual([
      'G-none',
      'G-two',
      'G-one',
    ]);
    expect(await order('Groups', 'sortBy=displayName&sortOrder=descending', 'displayName')).toEqual(
      ['G-two', 'G-one', 'G-none'],
    );
  });
});

describe('sort keys of documents written before they existed', () => {
  it('are written once at start, after which sortBy places them by value', async () => {
    const user = await createUser(scim, 'sort.legacy', { name: { familyName: 'Aardvark' } });
    const users = t.ctx.directory.users.collection;
    await users.updateOne({ _id: user.id } as never, { $unset: { _sort: '', _sortPresent: '' } });
    const query = `filter=${encodeURIComponent('userName eq "sort.legacy" or userName eq "sort.a"')}&sortBy=name.familyName`;
    expect(await order('Users', query)).toEqual(['sort.a', 'sort.legacy']);
    expect(await backfillSortKeys(t.ctx.directory, t.ctx.registry)).toBe(1);
    expect(await order('Users', query)).toEqual(['sort.legacy', 'sort.a']);
    expect(await backfillSortKeys(t.ctx.directory, t.ctx.registry)).toBe(0);
  });
});
