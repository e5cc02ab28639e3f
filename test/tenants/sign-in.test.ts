import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('signin');
  await t.ctx.tenants.ensureAdministrator('default', 'ops@example.test', 'the right passphrase');
});
afterAll(async () => t.close());

const signIn = (email: string, password: string, ip: string) =>
  t.http().post('/api/auth/sign-in').set('X-Forwarded-For', ip).send({ email, password });

describe('administrator sign-in', () => {
  it('returns a session token and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await signIn('OPS@example.test', 'the right passphrase', '10.2.0.1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'admin', tenant: 'default' });
    expect(res.headers['set-cookie']?.[0]).toMatch(
      /^__Host-sid=.+; Path=\/; .*HttpOnly; Secure; SameSite=Strict$/i,
    );
    const me = await t
      .http()
      .get('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
  });

  it('answers an unknown email and a wrong password with the same status and body', async () => {
    const unknown = await signIn('nobody@example.test', 'whatever it is', '10.2.0.2');
    const wrong = await signIn('ops@example.test', 'not the passphrase', '10.2.0.3');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const { requestId: _a, ...a } = unknown.body as Record<string, unknown>;
    const { requestId: _b, ...b } = wrong.body as Record<string, unknown>;
    expect(a).toEqual(b);
  });

  it('limits attempts per account, from any client, with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await signIn('target@example.test', 'guess', `10.3.0.${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await signIn('target@example.test', 'guess', '10.3.1.1');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('limits attempts per client across accounts, without locking out other clients', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await signIn(`spray${i}@example.test`, 'guess', '10.4.0.1')).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await signIn('ops@example.test', 'the right passphrase', '10.4.0.2')).status).toBe(200);
  });

  it('refuses a malformed body with 400', async () => {
    const res = await t.http().post('/api/auth/sign-in').send({ email: 42 });
    expect(res.status).toBe(400);
  });
});
