import { adminSession, createTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/welcome-harness';

interface AuditEntry {
  at: string;
  actor: string;
  actorEmail: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}
interface Page {
  entries: AuditEntry[];
  next: string | null;
}

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp('auditlog');
  admin = await adminSession(t);
});
afterAll(() => t.close());

async function read(query = ''): Promise<Page> {
  const res = await t
    .http()
    .get(`/api/admin/audit-log${query}`)
    .set('Authorization', `Bearer ${admin}`)
    .expect(200);
  return res.body as Page;
}

describe('the audit log', () => {
  it('shows switch changes with old → new, token creation and revocation, and sign-ins, newest first', async () => {
    await t
      .http()
      .patch('/api/identity-manager/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ sendWelcomeEmail: true })
      .expect(200);
    const created = await t
      .http()
      .post('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${admin}`)
      .send({ label: 'Okta' })
      .expect(201);
    const tokenId = (created.body as { id: string }).id;
    await t
      .http()
      .delete(`/api/admin/scim-tokens/${tokenId}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    await t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'admin@default.test', password: 'not the password', tenant: 'default' })
      .expect(401);

    // Sign-in outcomes are written without delaying the answer (no timing difference to probe).
    const { entries } = await waitFor(
      () => read(),
      (page) => page.entries.some((e) => e.action === 'admin.sign-in-failed'),
    );
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'identity-manager.sendWelcomeEmail',
        'scim-token.create',
        'scim-token.revoke',
        'admin.sign-in',
        'admin.sign-in-failed',
      ]),
    );
    const change = entries.find((e) => e.action === 'identity-manager.sendWelcomeEmail')!;
    expect(JSON.stringify(change.before)).toContain('false');
    expect(JSON.stringify(change.after)).toContain('true');
    expect(entries.find((e) => e.action === 'scim-token.revoke')!.target).toBe(tokenId);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by action family, actor and time, and pages', async () => {
    const tokens = await read('?action=scim-token.');
    expect(tokens.entries.map((e) => e.action).sort()).toEqual([
      'scim-token.create',
      'scim-token.revoke',
    ]);
    const exact = await read('?action=scim-token.create');
    expect(exact.entries).toHaveLength(1);
    const actor = exact.entries[0]!.actor;
    expect((await read(`?actor=${encodeURIComponent(actor)}`)).entries.length).toBeGreaterThan(1);
    expect((await read(`?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).entries).toEqual([]);
    const first = await read('?limit=2');
    expect(first.entries).toHaveLength(2);
    const second = await read(`?limit=2&cursor=${encodeURIComponent(first.next!)}`);
    expect(second.entries[0]!.at <= first.entries[1]!.at).toBe(true);
  });

  it("shows each administrator's email beside the id, and filters by email in any case", async () => {
    const second = await adminSession(t, 'default', 'second.admin@default.test');
    await t
      .http()
      .post('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${second}`)
      .send({ label: 'Entra' })
      .expect(201);
    const all = await read('?action=scim-token.create');
    const byEmail = Object.fromEntries(all.entries.map((e) => [e.actorEmail, e.actor]));
    expect(Object.keys(byEmail).sort()).toEqual([
      'admin@default.test',
      'second.admin@default.test',
    ]);
    expect(byEmail['admin@default.test']).toMatch(/^[0-9a-f-]{36}$/);
    const mine = await read(`?actor=${encodeURIComponent('Second.Admin@default.test')}`);
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(new Set(mine.entries.map((e) => e.actorEmail))).toEqual(
      new Set(['second.admin@default.test']),
    );
    expect((await read(`?actor=${encodeURIComponent('nobody@default.test')}`)).entries).toEqual([]);
  });

  it('is read-only and for administrators of the tenant only', async () => {
    await t
      .http()
      .post('/api/admin/audit-log')
      .set('Authorization', `Bearer ${admin}`)
      .send({})
      .expect(404);
    await t
      .http()
      .delete('/api/admin/audit-log')
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
    await t.http().get('/api/admin/audit-log').expect(401);
    const other = await adminSession(t, 'other-tenant');
    const res = await t
      .http()
      .get('/api/admin/audit-log?action=scim-token.')
      .set('Authorization', `Bearer ${other}`)
      .expect(200);
    expect((res.body as Page).entries).toEqual([]);
  });
});
