import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('logging');
});
afterAll(async () => t.close());

const lines = () =>
  t
    .logText()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request logging', () => {
  it('writes one JSON line per request with request id, method, route, status, duration and tenant', async () => {
    const token = await scimToken(t);
    const res = await t
      .http()
      .get('/scim/v2/Users')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'req-abc-123');
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    const line = lines().find((l) => l.requestId === 'req-abc-123');
    expect(line).toMatchObject({
      message: 'request',
      method: 'GET',
      route: '/scim/v2/Users',
      status: 200,
      tenantId: 'default',
    });
    expect(typeof line!.durationMs).toBe('number');
  });

  it('makes up a request id when none (or a malformed one) is given, and echoes it', async () => {
    const res = await t.http().get('/healthz').set('X-Request-Id', 'bad id with spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs bearer tokens, passwords, session tokens or one-time link tokens', async () => {
    const token = await scimToken(t);
    const session = await adminSession(t);
    const password = 'correct horse battery staple';
    const linkToken = 'A'.repeat(43);
    await t
      .http()
      .get('/scim/v2/Users?filter=userName%20eq%20%22x%22')
      .set('Authorization', `Bearer ${token}`);
    await t.http().get('/scim/v2/Nope').set('Authorization', `Bearer ${token}x`);
    await t.http().post('/api/auth/sign-in').send({ email: 'admin@default.test', password });
    await t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'admin@default.test', password: `${password}!wrong` });
    await t.http().get('/api/admin/scim-tokens').set('Authorization', `Bearer ${session}`);
    await t.http().get(`/welcome/${linkToken}`);
    await t.http().get(`/reset-password/${linkToken}`);
    const text = t.logText();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [token, session, password, linkToken]) expect(text).not.toContain(secret);
  });
});
