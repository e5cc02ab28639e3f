import { RESET_LIMITS } from '../../src/welcome/password-reset/request-password-reset';
import { fromOwnPage } from '../support/same-origin';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';

// README "Password reset" and "Security model → Rate limits": per address and per client.
let t: TestApp;
let scim: string;
beforeAll(async () => {
  t = await createTestApp('resetlimits');
  scim = await scimToken(t);
});
afterAll(async () => t.close());

const apiReset = (client: string, email: string) =>
  t.http().post('/api/password-reset').set('X-Forwarded-For', client).send({ email });
const formReset = (client: string, email: string) =>
  fromOwnPage(t.http().post('/reset-password'))
    .set('X-Forwarded-For', client)
    .type('form')
    .send({ email });

async function createUser(userName: string): Promise<string> {
  const res = await t
    .http()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${scim}`)
    .send({ userName, emails: [{ value: userName, primary: true }] });
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
}

const resetJobsFor = (userId: string) =>
  t.ctx.MailJob.countDocuments({ kind: 'password-reset', userId });

describe('password-reset limits', () => {
  it('per client: past the hourly limit the API and the form answer 429 with Retry-After; another client is still served', async () => {
    const client = '10.20.0.1';
    for (let i = 0; i < RESET_LIMITS.perClientPerHour; i++) {
      expect((await apiReset(client, `nobody${i}@example.test`)).status).toBe(202);
    }
    const refused = await apiReset(client, 'one-more@example.test');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const form = await formReset(client, 'one-more@example.test');
    expect(form.status).toBe(429);
    expect(Number(form.headers['retry-after'])).toBeGreaterThan(0);
    expect((await apiReset('10.20.0.2', 'someone@example.test')).status).toBe(202);
  });

  it('per address: requests from many clients queue at most the hourly number of emails, and every answer is the same 202', async () => {
    const id = await createUser('often-forgets@example.test');
    const tries = RESET_LIMITS.perAddressPerHour + 3;
    for (let i = 0; i < tries; i++) {
      const res = await apiReset(`10.21.0.${i + 1}`, 'Often-Forgets@example.test');
      expect(res.status).toBe(202);
    }
    expect(await resetJobsFor(id)).toBe(RESET_LIMITS.perAddressPerHour);
  });
});

describe('X-Forwarded-For with TRUST_PROXY narrowed to the real proxies', () => {
  let narrowed: TestApp;
  beforeAll(async () => {
    // Supertest connects from loopback, which is then not a trusted proxy.
    narrowed = await createTestApp('resettrust', { TRUST_PROXY: '10.0.0.0/8' });
  });
  afterAll(async () => narrowed.close());

  it('a client that forges a new X-Forwarded-For on every request keeps its own count and reaches 429', async () => {
    const send = (i: number) =>
      narrowed
        .http()
        .post('/api/password-reset')
        .set('X-Forwarded-For', `203.0.113.${i % 250}`)
        .send({ email: `spoof${i}@example.test` });
    for (let i = 0; i < RESET_LIMITS.perClientPerHour; i++) {
      expect((await send(i)).status).toBe(202);
    }
    expect((await send(RESET_LIMITS.perClientPerHour)).status).toBe(429);
  });
});
