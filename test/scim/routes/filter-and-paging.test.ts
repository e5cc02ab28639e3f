import fc from 'fast-check';
import { hmac } from '../../../src/platform/crypto/secrets';
import { createCursorCodec } from '../../../src/scim/query/cursor';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  bodyOf,
  createGroup,
  createUser,
  ENTERPRISE,
  expectScimError,
  idsOf,
  q,
  resourcesOf,
  scimClient,
  SEARCH_REQUEST,
  USER_SCHEMA,
  type Json,
  type ScimClient,
} from './scim-client';
import { propertyRuns } from '../../support/property-runs';

const MAX_RESULTS = 10;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp('scimfilter', { SCIM_MAX_RESULTS: String(MAX_RESULTS) });
});
afterAll(async () => t.close());

describe('filtering users (RFC 7644 §3.4.2.2)', () => {
  let scim: ScimClient;
  const id: Record<string, string> = {};
  const created: Record<string, string> = {};

  beforeAll(async () => {
    scim = scimClient(t, await scimToken(t, 'filters'));
    const people: Array<[string, Json]> = [
      [
        'alice@alpha.test',
        {
          displayName: 'Alice Alpha',
          title: 'Engineer',
          externalId: 'EXT-Alice',
          name: { givenName: 'Alice', familyName: 'Alpha' },
          emails: [
            { type: 'work', value: 'alice@x.com', primary: true },
            { type: 'home', value: 'alice@home.test' },
          ],
          schemas: [USER_SCHEMA, ENTERPRISE],
          [ENTERPRISE]: { department: 'Sales', employeeNumber: '100' },
        },
      ],
      [
        'bob@beta.test',
        {
          displayName: 'Bob Beta',
          title: 'Manager',
          active: false,
          name: { givenName: 'Bob', familyName: 'Beta' },
          emails: [
            { type: 'work', value: 'bob@y.com' },
            { type: 'home', value: 'bob@x.com' },
          ],
        },
      ],
      [
        'carol@gamma.test',
        {
          displayName: 'Carol Gamma',
          title: null,
          nickName: 'CJ',
          name: { givenName: 'Carol', familyName: 'Gamma' },
          emails: [{ type: 'work', value: 'carol@x.com' }],
          [ENTERPRISE]: { department: 'sales' },
        },
      ],
      [
        'dave@delta.test',
        {
          displayName: 'Dave Delta',
          title: 'Engineer',
          name: { givenName: 'Dave', familyName: 'Delta' },
          emails: [{ type: 'other', value: 'dave@x.com' }],
        },
      ],
      [
        'erin@epsilon.test',
        {
          displayName: 'Erin Epsilon',
          title: 'Intern',
          active: false,
          userType: 'Contractor',
          name: { givenName: 'Erin', familyName: 'Epsilon' },
          emails: null,
        },
      ],
    ];
    for (const [userName, extra] of people) {
      const user = await createUser(scim, userName, extra);
      const key = userName.split('@')[0]!;
      id[key] = user.id;
      created[key] = String((user.meta as Json).created);
    }
    const manager = { value: id.alice };
    const res = await scim.patch(`/Users/${id.bob}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: manager }],
    });
    expect(res.status).toBe(200);
  });

  async function matching(filter: string): Promise<string[]> {
    const res = await scim.get(`/Users?${q(filter)}`);
    expect({ filter, status: res.status, detail: bodyOf(res).detail }).toMatchObject({
      filter,
      status: 200,
    });
    const byId = new Map(Object.entries(id).map(([name, value]) => [value, name]));
    return idsOf(res)
      .map((i) => byId.get(i) ?? i)
      .sort();
  }

  it.each([
    ['userName eq "alice@alpha.test"', ['alice']],
    ['userName eq "ALICE@Alpha.TEST"', ['alice']],
    ['USERNAME Eq "alice@alpha.test"', ['alice']],
    ['userName ne "alice@alpha.test"', ['bob', 'carol', 'dave', 'erin']],
    ['displayName co "ALPHA"', ['alice']],
    ['userName sw "B"', ['bob']],
    ['userName ew "gamma.test"', ['carol']],
    ['title pr', ['alice', 'bob', 'dave', 'erin']],
    ['nickName pr', ['carol']],
    ['userName gt "c"', ['carol', 'dave', 'erin']],
    ['userName ge "carol@gamma.test"', ['carol', 'dave', 'erin']],
    ['userName lt "bob@beta.test"', ['alice']],
    ['userName le "BOB@BETA.TEST"', ['alice', 'bob']],
  ])('compares strings: %s', async (filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });

  it.each([
    ['active eq false', ['bob', 'erin']],
    ['active ne false', ['alice', 'carol', 'dave']],
    ['active eq true', ['alice', 'carol', 'dave']],
  ])('compares booleans with eq and ne: %s', async (filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });

  it.each([
    ['active eq false or userName sw "a" and title eq "Manager"', ['bob', 'erin']],
    ['(active eq false or userName sw "a") and title eq "Engineer"', ['alice']],
    ['not (active eq true) and title pr', ['bob', 'erin']],
    ['not(title pr)', ['carol']],
    ['userName sw "a" OR userName sw "d"', ['alice', 'dave']],
    ['((userName sw "a"))', ['alice']],
  ])(
    'gives "and" precedence over "or" and honours not and parentheses: %s',
    async (filter, expected) => {
      expect(await matching(filter)).toEqual(expected);
    },
  );

  it.each([
    ['emails[type eq "work" and value co "@x.com"]', ['alice', 'carol']],
    ['emails[type eq "work"]', ['alice', 'bob', 'carol']],
    ['emails[not (type eq "work")]', ['alice', 'bob', 'dave']],
    ['emails.value co "@x.com"', ['alice', 'bob', 'carol', 'dave']],
    ['emails pr', ['alice', 'bob', 'carol', 'dave']],
    ['name.familyName eq "Gamma"', ['carol']],
    ['NAME.FAMILYNAME eq "gamma"', ['carol']],
  ])('filters on value paths and sub-attributes: %s', async (filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });

  it('reads a value without primary as not primary (RFC 7643 §2.4: unspecified is false)', async () => {
    expect(await matching('emails[primary eq true]')).toEqual(['alice']);
    const notPrimary = ['alice', 'bob', 'carol', 'dave'];
    expect(await matching('emails[primary eq false]')).toEqual(notPrimary);
    expect(await matching('emails.primary eq false')).toEqual(notPrimary);
    expect(await matching('emails[primary ne false]')).toEqual(['alice']);
    expect(await matching('emails[type eq "home" and primary eq false]')).toEqual(['alice', 'bob']);
    expect(await matching('not (emails[primary eq false])')).toEqual(['erin']);
  });

  it('filters on URN-qualified core and extension attributes', async () => {
    expect(await matching(`${ENTERPRISE}:department eq "Sales"`)).toEqual(['alice', 'carol']);
    expect(await matching(`${ENTERPRISE}:manager.value eq "${id.alice}"`)).toEqual(['bob']);
    expect(await matching(`${ENTERPRISE}:employeeNumber pr`)).toEqual(['alice']);
    expect(await matching(`${USER_SCHEMA}:userName eq "bob@beta.test"`)).toEqual(['bob']);
  });

  it('honours caseExact: id and externalId compare exactly, userName does not', async () => {
    expect(await matching(`id eq "${id.alice}"`)).toEqual(['alice']);
    expect(await matching(`id eq "${id.alice!.toUpperCase()}"`)).toEqual([]);
    expect(await matching('externalId eq "EXT-Alice"')).toEqual(['alice']);
    expect(await matching('externalId eq "ext-alice"')).toEqual([]);
    expect(await matching('userName eq "ALICE@ALPHA.TEST"')).toEqual(['alice']);
    expect(await matching('displayName eq "alice ALPHA"')).toEqual(['alice']);
  });

  it('compares dates as instants, whatever their textual form', async () => {
    const alice = new Date(created.alice!);
    const sameInstantInParis = new Date(alice.getTime() + 3_600_000)
      .toISOString()
      .replace('Z', '+01:00');
    expect(await matching(`meta.created eq "${sameInstantInParis}"`)).toEqual(['alice']);
    expect(await matching('meta.created gt "2000-01-01T00:00:00Z"')).toHaveLength(5);
    expect(await matching('meta.created lt "2000-01-01T00:00:00+05:00"')).toEqual([]);
    expect(await matching(`meta.created ge "${created.alice}"`)).toHaveLength(5);
    expect(await matching(`meta.created le "${created.erin}"`)).toHaveLength(5);
    expect(await matching(`meta.created gt "${created.erin}"`)).toEqual([]);
    expect(await matching(`meta.lastModified ge "${created.alice}"`)).toHaveLength(5);
  });

  it.each(
    [
      'userName eq',
      'userName zz "x"',
      '(userName eq "x"',
      'userName eq "x" and',
      'userName eq "unterminated',
      'emails[type eq "work"',
      'active gt false',
      'active co "t"',
      'meta.created gt "yesterday"',
      'userName eq "x" userName eq "y"',
      'and',
      '',
    ].filter(Boolean),
  )('answers 400 invalidFilter to %s', async (filter) => {
    expectScimError(await scim.get(`/Users?${q(filter)}`), 400, 'invalidFilter');
  });

  it('never answers 500 to an arbitrary filter string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc
            .tuple(
              fc.constantFrom(
                'userName',
                'emails[type',
                'name.familyName',
                '(',
                'not',
                'meta.created',
              ),
              fc.constantFrom(' eq ', ' co ', ' pr', ' gt ', ' and ', ' or ', ']', ')'),
              fc.string({ maxLength: 20 }),
            )
            .map((parts) => parts.join('')),
        ),
        async (filter) => {
          const res = await scim.get(`/Users?${q(filter)}`);
          expect([200, 400]).toContain(res.status);
          if (res.status === 400) expect(bodyOf(res).scimType).toBe('invalidFilter');
        },
      ),
      propertyRuns(60),
    );
  });

  it('sorts by sortBy and sortOrder, attribute names case-insensitive', async () => {
    const names = async (query: string) =>
      resourcesOf(await scim.get(`/Users?${query}`)).map((r) => String(r.userName).split('@')[0]);
    expect(await names('sortBy=userName')).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(await names('sortBy=USERNAME&sortOrder=descending')).toEqual([
      'erin',
      'dave',
      'carol',
      'bob',
      'alice',
    ]);
    expect(await names('sortBy=name.familyName&sortOrder=descending')).toEqual([
      'carol',
      'erin',
      'dave',
      'bob',
      'alice',
    ]);
    const byCreated = resourcesOf(await scim.get('/Users?sortBy=meta.created')).map((r) =>
      Date.parse(String((r.meta as Json).created)),
    );
    expect(byCreated).toEqual([...byCreated].sort((a, b) => a - b));
  });

  it('filters, sorts and projects the same through POST /Users/.search', async () => {
    const res = await scim.post('/Users/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'title eq "Engineer" or active eq false',
      attributes: ['userName', 'active'],
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 1,
      count: 3,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 4, itemsPerPage: 3, startIndex: 1 });
    expect(resourcesOf(res).map((r) => r.userName)).toEqual([
      'erin@epsilon.test',
      'dave@delta.test',
      'bob@beta.test',
    ]);
    for (const r of resourcesOf(res)) {
      expect(Object.keys(r).sort()).toEqual(['active', 'id', 'schemas', 'userName']);
    }
  });

  it('answers a malformed filter in a /.search body with 400 invalidFilter', async () => {
    const res = await scim.post('/Users/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'userName eq',
    });
    expectScimError(res, 400, 'invalidFilter');
  });

  it('applies attributes and excludedAttributes to every listed resource', async () => {
    const only = await scim.get('/Users?attributes=userName');
    for (const r of resourcesOf(only))
      expect(Object.keys(r).sort()).toEqual(['id', 'schemas', 'userName']);
    const without = await scim.get('/Users?excludedAttributes=emails,name');
    expect(resourcesOf(without)).toHaveLength(5);
    for (const r of resourcesOf(without)) {
      expect(r).not.toHaveProperty('emails');
      expect(r).not.toHaveProperty('name');
      expect(r).toHaveProperty('userName');
    }
  });
});

describe('pagination (RFC 7644 §3.4.2.4 and RFC 9865)', () => {
  const TOTAL = 23;
  let scim: ScimClient;
  let all: string[];

  beforeAll(async () => {
    scim = scimClient(t, await scimToken(t, 'paging'));
    for (let i = 0; i < TOTAL; i++) {
      await createUser(scim, `page-user-${String(i).padStart(2, '0')}`, {
        displayName: i % 2 ? 'Team B' : 'Team A',
      });
    }
    await createGroup(scim, 'Team A group');
    all = [];
    for (let start = 1; start <= TOTAL; start += MAX_RESULTS) {
      all.push(...idsOf(await scim.get(`/Users?startIndex=${start}&count=${MAX_RESULTS}`)));
    }
    expect(new Set(all).size).toBe(TOTAL);
  });

  const list = (query: string) => scim.get(`/Users?${query}`);

  it('pages by the server maximum by default and caps a larger count', async () => {
    for (const res of [await list(''), await list('count=100000')]) {
      expect(res.body).toMatchObject({
        totalResults: TOTAL,
        itemsPerPage: MAX_RESULTS,
        startIndex: 1,
      });
      expect(resourcesOf(res)).toHaveLength(MAX_RESULTS);
    }
  });

  it('advertises as defaultPageSize the page a list without count gets', async () => {
    const spc = bodyOf(await scim.get('/ServiceProviderConfig'));
    const pagination = spc.pagination as { defaultPageSize: number; maxPageSize: number };
    expect(pagination).toMatchObject({ defaultPageSize: MAX_RESULTS, maxPageSize: MAX_RESULTS });
    expect(resourcesOf(await list(''))).toHaveLength(pagination.defaultPageSize);
  });

  it('treats a startIndex below 1 as 1', async () => {
    for (const start of ['0', '-7']) {
      const res = await list(`startIndex=${start}&count=3`);
      expect(res.body).toMatchObject({ startIndex: 1, itemsPerPage: 3 });
      expect(idsOf(res)).toEqual(all.slice(0, 3));
    }
  });

  it('answers count=0 and a negative count with totals only', async () => {
    for (const count of ['0', '-1']) {
      const res = await list(`count=${count}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ totalResults: TOTAL, itemsPerPage: 0, Resources: [] });
    }
  });

  it('answers a startIndex past the end with no resources and the total', async () => {
    const last = await list(`startIndex=${TOTAL - 1}&count=10`);
    expect(idsOf(last)).toEqual(all.slice(TOTAL - 2));
    const past = await list(`startIndex=${TOTAL + 5}&count=10`);
    expect(past.body).toMatchObject({ totalResults: TOTAL, itemsPerPage: 0, Resources: [] });
  });

  it('answers a non-numeric startIndex or count with 400 invalidValue', async () => {
    expectScimError(await list('startIndex=first'), 400, 'invalidValue');
    expectScimError(await list('count=ten'), 400, 'invalidValue');
  });

  it('keeps a stable order: any page size walks every user exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: MAX_RESULTS }), async (size) => {
        const seen: string[] = [];
        for (let start = 1; start <= TOTAL; start += size) {
          seen.push(...idsOf(await list(`startIndex=${start}&count=${size}`)));
        }
        expect(seen).toEqual(all);
      }),
      propertyRuns(6),
    );
  });

  it('keeps a stable order when sorting on a value many users share', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= TOTAL; start += 4) {
      const res = await list(`sortBy=displayName&startIndex=${start}&count=4`);
      seen.push(...resourcesOf(res).map((r) => `${String(r.displayName)}|${String(r.id)}`));
    }
    expect(new Set(seen).size).toBe(TOTAL);
    expect(seen.map((s) => s.split('|')[0])).toEqual([
      ...Array<string>(12).fill('Team A'),
      ...Array<string>(11).fill('Team B'),
    ]);
  });

  async function walkCursor(query: string): Promise<{ ids: string[]; pages: Json[] }> {
    const ids: string[] = [];
    const pages: Json[] = [];
    let cursor = '';
    for (let i = 0; i < 50; i++) {
      const res = await list(`${query}&cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(200);
      pages.push(bodyOf(res));
      ids.push(...idsOf(res));
      const next = bodyOf(res).nextCursor;
      if (typeof next !== 'string') break;
      cursor = next;
    }
    return { ids, pages };
  }

  it('walks every user once with cursor pagination started by an empty cursor', async () => {
    const { ids, pages } = await walkCursor('count=5');
    expect(ids).toEqual(all);
    expect(pages).toHaveLength(5);
    expect(pages[0]).toMatchObject({ totalResults: TOTAL, itemsPerPage: 5 });
    expect(pages[0]).not.toHaveProperty('previousCursor');
    expect(pages[4]).not.toHaveProperty('nextCursor');
  });

  it('walks a filtered and sorted list with cursors as index pagination does', async () => {
    const query = `${q('displayName eq "Team B"')}&sortBy=userName&sortOrder=descending`;
    const byIndex = idsOf(await list(`${query}&count=${MAX_RESULTS}`)).concat(
      idsOf(await list(`${query}&count=${MAX_RESULTS}&startIndex=${MAX_RESULTS + 1}`)),
    );
    const { ids } = await walkCursor(`${query}&count=4`);
    expect(ids).toEqual(byIndex);
    expect(ids).toHaveLength(11);
  });

  it('goes back a page with previousCursor', async () => {
    const first = await list('cursor=&count=6');
    const second = await list(
      `cursor=${encodeURIComponent(String(bodyOf(first).nextCursor))}&count=6`,
    );
    const back = bodyOf(second).previousCursor;
    expect(typeof back).toBe('string');
    const again = await list(`cursor=${encodeURIComponent(String(back))}&count=6`);
    expect(idsOf(again)).toEqual(idsOf(first));
  });

  it('caps the cursor page size at the server maximum', async () => {
    const res = await list('cursor=&count=5000');
    expect(resourcesOf(res)).toHaveLength(MAX_RESULTS);
  });

  it('answers a tampered, made-up or foreign-query cursor with 400 invalidCursor', async () => {
    const next = String(bodyOf(await list('cursor=&count=5')).nextCursor);
    const flipped = next.slice(0, 3) + (next[3] === 'A' ? 'B' : 'A') + next.slice(4);
    expectScimError(
      await list(`cursor=${encodeURIComponent(flipped)}&count=5`),
      400,
      'invalidCursor',
    );
    expectScimError(await list('cursor=not-a-cursor&count=5'), 400, 'invalidCursor');
    const otherQuery = `${q('displayName eq "Team A"')}&cursor=${encodeURIComponent(next)}&count=5`;
    expectScimError(await list(otherQuery), 400, 'invalidCursor');
  });

  it('answers a cursor older than cursorTimeout with 400 expiredCursor', async () => {
    // A cursor issued two hours ago: the same secret, a clock two hours behind (the codec the
    // SCIM routes were built with, its methods swapped for the request).
    const current = { ...t.ctx.cursors };
    Object.assign(
      t.ctx.cursors,
      createCursorCodec(
        hmac(t.ctx.appSecret, 'scim-cursor'),
        3600,
        () => Date.now() - 2 * 3600 * 1000,
      ),
    );
    let next: unknown;
    try {
      next = bodyOf(await list('cursor=&count=5')).nextCursor;
    } finally {
      Object.assign(t.ctx.cursors, current);
    }
    expectScimError(
      await list(`cursor=${encodeURIComponent(String(next))}&count=5`),
      400,
      'expiredCursor',
    );
  });

  it('pages with a cursor in a POST /Users/.search body', async () => {
    const first = await scim.post('/Users/.search', {
      schemas: [SEARCH_REQUEST],
      cursor: '',
      count: 7,
    });
    expect(first.status).toBe(200);
    expect(idsOf(first)).toEqual(all.slice(0, 7));
    const second = await scim.post('/Users/.search', {
      schemas: [SEARCH_REQUEST],
      cursor: bodyOf(first).nextCursor,
      count: 7,
    });
    expect(idsOf(second)).toEqual(all.slice(7, 14));
  });

  it('searches users and groups together with POST /.search at the root', async () => {
    const res = await scim.post('/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'displayName sw "Team A"',
      count: MAX_RESULTS,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 13, itemsPerPage: MAX_RESULTS, startIndex: 1 });
    const secondPage = await scim.post('/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'displayName sw "Team A"',
      startIndex: MAX_RESULTS + 1,
      count: MAX_RESULTS,
    });
    const types = [...resourcesOf(res), ...resourcesOf(secondPage)].map(
      (r) => (r.meta as Json).resourceType,
    );
    expect(types.filter((type) => type === 'User')).toHaveLength(12);
    expect(types.filter((type) => type === 'Group')).toHaveLength(1);
  });

  it('at the root, treats an attribute one resource type lacks as having no value there, negations too (RFC 7644 §3.4.2.1)', async () => {
    const total = async (path: string) =>
      Number(bodyOf(await scim.get(`${path}?count=0`)).totalResults);
    const [users, groups] = [await total('/Users'), await total('/Groups')];
    expect(groups).toBeGreaterThan(0);
    const search = async (filter: string) => {
      const res = await scim.post('/.search', { schemas: [SEARCH_REQUEST], filter, count: 0 });
      expect({ filter, status: res.status }).toEqual({ filter, status: 200 });
      return Number(bodyOf(res).totalResults);
    };
    // Groups have no userName: "no value" is not present, equals null and differs from "x".
    expect(await search('not (userName pr)')).toBe(groups);
    expect(await search('userName eq null')).toBe(groups);
    expect(await search('userName ne "nobody@example.test"')).toBe(users + groups);
    expect(await search('userName pr')).toBe(users);
    // Users have no members; an attribute neither type has is still refused.
    expect(await search('not (members pr)')).toBeGreaterThanOrEqual(users);
    expectScimError(
      await scim.post('/.search', { schemas: [SEARCH_REQUEST], filter: 'nosuchthing pr' }),
      400,
      'invalidFilter',
    );
  });

  it('answers a root /.search on a User-only attribute with users only, and refuses what it cannot do', async () => {
    const users = await scim.post('/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'userName sw "page-user-0"',
      attributes: ['userName'],
    });
    expect(users.status).toBe(200);
    expect(users.body).toMatchObject({ totalResults: 10 });
    for (const r of resourcesOf(users))
      expect(Object.keys(r).sort()).toEqual(['id', 'schemas', 'userName']);
    const syntax = await scim.post('/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'userName eq',
    });
    expectScimError(syntax, 400, 'invalidFilter');
    const sorted = await scim.post('/.search', {
      schemas: [SEARCH_REQUEST],
      sortBy: 'displayName',
    });
    expectScimError(sorted, 400, 'invalidValue');
  });
});
