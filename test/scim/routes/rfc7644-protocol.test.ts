import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import {
  BASE,
  bodyOf,
  createGroup,
  createUser,
  ENTERPRISE,
  expectScimError,
  LIST_RESPONSE,
  patchOp,
  q,
  resourcesOf,
  scimClient,
  USER_SCHEMA,
  type Json,
  type ScimClient,
} from './scim-client';

/** RFC 7644 requirements the matrix (docs/scim-compliance.md) found without a protocol test. */

let t: TestApp;
let scim: ScimClient;
let token: string;

beforeAll(async () => {
  t = await createTestApp('rfc7644');
  token = await scimToken(t);
  scim = scimClient(t, token);
});
afterAll(async () => t.close());

describe('responses (RFC 7644 §3.1, §3.4, §3.8, §3.11)', () => {
  it('answers GET, PUT and PATCH with a Content-Location equal to meta.location', async () => {
    const user = await createUser(scim, 'content.location');
    const path = `/Users/${user.id}`;
    const answers = [
      await scim.get(path),
      await scim.put(path, { schemas: [USER_SCHEMA], userName: 'content.location' }),
      await scim.patch(path, patchOp({ op: 'add', path: 'title', value: 'Guide' })),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      const meta = bodyOf(res).meta as Json;
      expect(res.headers['content-location']).toBe(meta.location);
    }
  });

  it('answers /Me, which it does not support, with 501 Not Implemented', async () => {
    expectScimError(await scim.get('/Me'), 501);
    expectScimError(
      await scim.patch('/Me', patchOp({ op: 'add', path: 'title', value: 'x' })),
      501,
    );
  });

  it('ignores query parameters it does not recognize', async () => {
    await createUser(scim, 'unknown.params');
    const res = await scim.get(`/Users?${q('userName eq "unknown.params"')}&shoeSize=44&v=2`);
    expect(res.status).toBe(200);
    expect(resourcesOf(res).map((r) => r.userName)).toEqual(['unknown.params']);
  });

  it('answers a query that matches nothing with 200 and totalResults 0', async () => {
    const res = await scim.get(`/Users?${q('userName eq "nobody.at.all"')}`);
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 0 });
  });

  it('accepts application/json as Content-Type and Accept', async () => {
    const res = await t
      .http()
      .post(`${BASE}/Users`)
      .set('Authorization', `Bearer ${token}`)
      .set('Accept', 'application/json')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ schemas: [USER_SCHEMA], userName: 'plain.json' }));
    expect(res.status).toBe(201);
    expect(bodyOf(res).userName).toBe('plain.json');
  });

  it('reads a UTF-8 body and answers in UTF-8: non-ASCII values come back as sent', async () => {
    const userName = 'zoë.ünïcødé.日本';
    const displayName = 'Zoë 🙂';
    const res = await t
      .http()
      .post(`${BASE}/Users`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/scim+json')
      .serialize((raw: unknown) => raw as string) // the UTF-8 bytes as given
      .send(Buffer.from(JSON.stringify({ schemas: [USER_SCHEMA], userName, displayName }), 'utf8'));
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    expect(bodyOf(res)).toMatchObject({ userName, displayName });
    const read = await scim.get(`/Users/${String(bodyOf(res).id)}`);
    expect(read.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    expect(bodyOf(read)).toMatchObject({ userName, displayName });
  });

  it('answers 401 with WWW-Authenticate naming the Bearer scheme', async () => {
    const res = await t.http().get(`${BASE}/Users`);
    expectScimError(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('omits a deleted resource from later query results', async () => {
    const user = await createUser(scim, 'gone.from.lists');
    expect((await scim.delete(`/Users/${user.id}`)).status).toBe(204);
    const res = await scim.get(`/Users?${q('userName eq "gone.from.lists"')}`);
    expect(bodyOf(res).totalResults).toBe(0);
  });
});

describe('PATCH errors and primary (RFC 7644 §3.5.2)', () => {
  let path: string;
  beforeAll(async () => {
    const user = await createUser(scim, 'patch.rules', {
      emails: [
        { value: 'work@x.test', type: 'work', primary: true },
        { value: 'home@x.test', type: 'home' },
      ],
    });
    path = `/Users/${user.id}`;
  });

  it('sets primary false on every other value when a PATCH makes one primary', async () => {
    const res = await scim.patch(
      path,
      patchOp({ op: 'replace', path: 'emails[type eq "home"].primary', value: true }),
    );
    expect(res.status).toBe(200);
    const emails = bodyOf(res).emails as Json[];
    expect(emails.filter((e) => e.primary === true).map((e) => e.value)).toEqual(['home@x.test']);
  });

  it('answers a remove without path with 400 noTarget', async () => {
    expectScimError(await scim.patch(path, patchOp({ op: 'remove' })), 400, 'noTarget');
  });

  it('answers a remove of the required userName with 400 mutability', async () => {
    const res = await scim.patch(path, patchOp({ op: 'remove', path: 'userName' }));
    expectScimError(res, 400, 'mutability');
  });

  it('answers a PATCH of a read-only attribute with 400 mutability', async () => {
    const res = await scim.patch(path, patchOp({ op: 'replace', path: 'id', value: 'mine' }));
    expectScimError(res, 400, 'mutability');
  });

  it('answers an add without value with 400 invalidValue', async () => {
    const res = await scim.patch(path, patchOp({ op: 'add', path: 'title' }));
    expectScimError(res, 400, 'invalidValue');
  });
});

describe('filters on attribute types (RFC 7644 §3.4.2.2)', () => {
  it.each(['gt', 'ge', 'lt', 'le'])('refuses %s on boolean and binary attributes', async (op) => {
    for (const attribute of ['active', 'x509Certificates.value']) {
      const value = attribute === 'active' ? 'true' : '"TUlJQw=="';
      const res = await scim.get(`/Users?${q(`${attribute} ${op} ${value}`)}`);
      expectScimError(res, 400, 'invalidFilter');
    }
  });

  it('refuses an operator it does not recognize with 400 invalidFilter', async () => {
    expectScimError(await scim.get(`/Users?${q('userName regex "a.*"')}`), 400, 'invalidFilter');
  });
});

describe('sorting by case (RFC 7644 §3.4.2.3)', () => {
  it('sorts a case-exact attribute case-sensitively and a case-insensitive one without regard to case', async () => {
    for (const [userName, externalId] of [
      ['case.b', 'b'],
      ['CASE.A', 'a'],
      ['case.c', 'B'],
      ['Case.D', 'A'],
    ]) {
      await createUser(scim, userName!, { externalId });
    }
    const filter = q('userName sw "case."');
    const by = async (sortBy: string, key: string) =>
      resourcesOf(await scim.get(`/Users?${filter}&sortBy=${sortBy}`)).map((r) => r[key]);
    expect(await by('externalId', 'externalId')).toEqual(['A', 'B', 'a', 'b']);
    expect(await by('userName', 'userName')).toEqual(['CASE.A', 'case.b', 'case.c', 'Case.D']);
  });
});

describe('Bulk references in extensions (RFC 7644 §3.7.2)', () => {
  it('replaces a bulkId in the enterprise manager with the id of the created user', async () => {
    const res = await scim.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'boss',
          data: { schemas: [USER_SCHEMA], userName: 'bulk.boss' },
        },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'report',
          data: {
            schemas: [USER_SCHEMA, ENTERPRISE],
            userName: 'bulk.report',
            [ENTERPRISE]: { manager: { value: 'bulkId:boss' } },
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    const [boss, report] = (bodyOf(res).Operations as Json[]).map((o) => String(o.location));
    const read = await scim.get(report!.slice(report!.indexOf('/Users')));
    const manager = (bodyOf(read)[ENTERPRISE] as Json).manager as Json;
    expect(boss).toContain(String(manager.value));
  });
});

describe('Bulk responses (RFC 7644 §3.7.3)', () => {
  it('gives a location for every operation but a failed POST, and the limit in a 413', async () => {
    const user = await createUser(scim, 'bulk.located');
    const res = await scim.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER_SCHEMA] } },
        { method: 'DELETE', path: '/Users/no-such-user' },
        { method: 'DELETE', path: `/Users/${user.id}` },
      ],
    });
    const [failedPost, failedDelete, deleted] = bodyOf(res).Operations as Json[];
    expect(failedPost).toMatchObject({ status: '400' });
    expect(failedPost).not.toHaveProperty('location');
    expect(failedDelete).toMatchObject({ status: '404', response: { status: '404' } });
    expect(String(failedDelete!.location)).toMatch(/\/Users\/no-such-user$/);
    expect(deleted).toMatchObject({ status: '204', location: expect.stringContaining(user.id) });
    const many = Array.from({ length: 1001 }, () => ({ method: 'DELETE', path: '/Users/x' }));
    const tooMany = await scim.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: many,
    });
    expectScimError(tooMany, 413);
    expect(String(bodyOf(tooMany).detail)).toMatch(/maxOperations/);
  });
});

describe('cursor pages (RFC 9865 §2)', () => {
  it('answers an empty cursor with count 0 or a negative count with totals only', async () => {
    await createUser(scim, 'cursor.counted');
    for (const count of ['0', '-3']) {
      const res = await scim.get(`/Users?cursor=&count=${count}`);
      expect(res.status).toBe(200);
      expect(resourcesOf(res)).toEqual([]);
      expect(bodyOf(res).totalResults).toBeGreaterThan(0);
    }
  });
});

describe('protocol version (RFC 7644 §3.13)', () => {
  it('rejects a request for another SCIM protocol version in the URL', async () => {
    const res = await t.http().get('/scim/v1/Users').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
  });
});

describe('group member references (RFC 7643 §2.3.7, §4.2)', () => {
  it('gives each member a $ref that a GET resolves to the member', async () => {
    const user = await createUser(scim, 'ref.member');
    const group = await createGroup(scim, 'Ref group', { members: [{ value: user.id }] });
    const [member] = (bodyOf(await scim.get(`/Groups/${group.id}`)).members as Json[]) ?? [];
    const ref = String(member?.$ref);
    const res = await scim.get(ref.slice(ref.indexOf('/Users')));
    expect(res.status).toBe(200);
    expect(bodyOf(res).id).toBe(user.id);
  });
});
