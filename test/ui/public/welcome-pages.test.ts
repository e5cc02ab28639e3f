import {
  grantIn,
  outboxMessagesTo,
  runOutboxUntil,
  sessionCookieIn,
  startPagesFixture,
  STRONG_PASSWORD,
  tokenInText,
  type PagesFixture,
} from './public-pages-support';
import { fromOwnPage } from '../../support/same-origin';

let f: PagesFixture;
beforeAll(async () => {
  f = await startPagesFixture('pubwelcome');
});
afterAll(async () => f.close());

const get = (path: string) => f.t.http().get(path).set('X-Forwarded-For', f.client());
const post = (path: string, form: Record<string, string> = {}, client = f.client()) =>
  fromOwnPage(f.t.http().post(path)).set('X-Forwarded-For', client).type('form').send(form);

/** Redeems a fresh user's welcome link and returns what the password step needs. */
async function redeemed(userName: string) {
  const id = await f.createUser(userName);
  const token = await f.welcomeToken(id);
  const res = await post(`/welcome/${token}`);
  expect(res.status).toBe(200);
  return { id, token, grant: grantIn(res.text), page: res.text };
}

describe('GET /welcome/{token}: the confirm page', () => {
  it('shows the invitation and a Continue form, and consumes nothing (mail scanners fetch links)', async () => {
    const id = await f.createUser('scanned@example.test');
    const token = await f.welcomeToken(id);
    for (let i = 0; i < 3; i++) {
      const res = await get(`/welcome/${token}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('You&#39;ve been invited to Default');
      expect(res.text).toContain('scanned@example.test');
      expect(res.text).toContain(`<form method="post" action="/welcome/${token}">`);
      expect(res.text).toContain('<html lang="en"');
    }
    expect(await f.t.http().head(`/welcome/${token}`)).toMatchObject({ status: 200 });
    expect((await f.link(token))?.usedAt).toBeUndefined();
    expect((await f.user(id)).firstSignInAt).toBeUndefined();
  });

  it('is never cached and never leaks the token through Referer', async () => {
    const id = await f.createUser('headers@example.test');
    const res = await get(`/welcome/${await f.welcomeToken(id)}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
    expect(res.text).not.toMatch(/<script/i);
  });

  it('a malformed or unknown token gets the "link doesn\'t work" page with 404, never an error dump', async () => {
    for (const token of ['nope', 'A'.repeat(43), '%E0%A4%A']) {
      const res = await get(`/welcome/${token}`);
      expect([404, 400]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).not.toMatch(/Error:|at .*\.ts:\d+|stack/);
    }
    const res = await get(`/welcome/${'A'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('This link doesn&#39;t work');
  });

  it('an expired link gets 410 and, before the first sign-in, offers to email a new link', async () => {
    const id = await f.createUser('expired@example.test');
    const token = await f.insertLink(id, 'welcome', { expiresAt: new Date(Date.now() - 60_000) });
    for (const res of [await get(`/welcome/${token}`), await post(`/welcome/${token}`)]) {
      expect(res.status).toBe(410);
      expect(res.text).toContain('This link has expired');
      expect(res.text).toContain(`action="/welcome/${token}/new-link"`);
      expect(res.text).toContain('href="/sign-in"');
    }
    expect((await f.link(token))?.usedAt).toBeUndefined();
  });

  it('a revoked link gets 410 with the "no longer valid" page', async () => {
    const id = await f.createUser('revoked@example.test');
    const token = await f.insertLink(id, 'welcome', {
      revokedAt: new Date(),
      revokedReason: 'superseded',
    });
    const res = await post(`/welcome/${token}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link is no longer valid');
  });

  it('a link of a deactivated user cannot be redeemed', async () => {
    const id = await f.createUser('inactive@example.test', { active: false });
    const token = await f.welcomeToken(id);
    expect((await post(`/welcome/${token}`)).status).toBe(410);
    expect((await f.link(token))?.usedAt).toBeUndefined();
  });
});

describe('POST /welcome/{token}: redeeming and choosing a password', () => {
  let weakUserId: string | undefined;

  it('redeeming shows the set-password form and counts as the first sign-in', async () => {
    const { id, token, page } = await redeemed('redeem@example.test');
    expect(page).toContain('Choose a password');
    expect(page).toContain(`action="/welcome/${token}/password"`);
    expect(page).toContain('autocomplete="new-password"');
    expect((await f.link(token))?.usedAt).toBeInstanceOf(Date);
    const user = await f.user(id);
    expect(user.firstSignInAt).toBeInstanceOf(Date);
    expect(user.firstSignInMethod).toBe('welcome-link');
    expect(user.passwordHash).toBeUndefined();
  });

  it.each([
    ['too short', 'short-1', 'at least 12 characters'],
    ['the user name', 'weak.name@example.test', 'must not be the same as your user name'],
    ['containing the user name', 'xx-weak.name-2024', 'must not be the same as your user name'],
    ['a common password', 'Password123456!', 'too common'],
  ])(
    'refuses a password that is %s and shows the form again with the grant kept',
    async (_case, password, message) => {
      const id = weakUserId ?? (weakUserId = await f.createUser('weak.name@example.test'));
      const token = await f.insertLink(id, 'welcome');
      const grant = grantIn((await post(`/welcome/${token}`)).text);
      const res = await post(`/welcome/${token}/password`, {
        grant,
        password,
        confirmPassword: password,
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain('role="alert"');
      expect(grantIn(res.text)).toBe(grant);
      expect(sessionCookieIn(res.headers['set-cookie'])).toBeUndefined();
      expect((await f.user(id)).passwordHash).toBeUndefined();
    },
  );

  it('refuses two different passwords', async () => {
    const { token, grant } = await redeemed('mismatch@example.test');
    const res = await post(`/welcome/${token}/password`, {
      grant,
      password: STRONG_PASSWORD,
      confirmPassword: `${STRONG_PASSWORD}x`,
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The two passwords don&#39;t match');
  });

  it('a good password is stored as a hash and signs the user in', async () => {
    const { id, token, grant } = await redeemed('good@example.test');
    const res = await post(`/welcome/${token}/password`, {
      grant,
      password: STRONG_PASSWORD,
      confirmPassword: STRONG_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your password is saved');
    expect(res.text).toContain('You are signed in to Default as good@example.test');
    expect(sessionCookieIn(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
    const user = await f.user(id);
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(STRONG_PASSWORD);
    expect(user.firstSignInAt).toBeInstanceOf(Date);
    const signIn = await f.t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'good@example.test', password: STRONG_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(f.t.logText()).not.toContain(STRONG_PASSWORD);
    expect(f.t.logText()).not.toContain(token);
  });

  it('a grant sets the password once; a replayed or forged grant gets the "form expired" page', async () => {
    const { token, grant } = await redeemed('replay@example.test');
    const form = { grant, password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD };
    expect((await post(`/welcome/${token}/password`, form)).status).toBe(200);
    const replay = await post(`/welcome/${token}/password`, {
      ...form,
      password: 'Another-strong-phrase-99',
      confirmPassword: 'Another-strong-phrase-99',
    });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This form has expired');
    const forged = await post(`/welcome/${token}/password`, {
      ...form,
      grant: `${grant.slice(0, -2)}xx`,
    });
    expect(forged.status).toBe(400);
    const other = await redeemed('replay2@example.test');
    const crossed = await post(`/welcome/${token}/password`, { ...form, grant: other.grant });
    expect(crossed.status).toBe(400);
  });

  it('using the link again after redeeming it gets the "already used" page with 410', async () => {
    const { token } = await redeemed('twice@example.test');
    const again = await post(`/welcome/${token}`);
    expect(again.status).toBe(410);
    expect(again.text).toContain('You have signed in already');
    expect(again.text).toContain('this one has already been used');
    expect((await get(`/welcome/${token}`)).status).toBe(410);
  });

  it('of 100 concurrent redemptions of one link exactly one gets the password form', async () => {
    const id = await f.createUser('race@example.test');
    const token = await f.welcomeToken(id);
    const results = await Promise.all(Array.from({ length: 100 }, () => post(`/welcome/${token}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(99);
    expect(results.filter((r) => r.text.includes('name="grant"'))).toHaveLength(1);
  });

  it('POSTs are limited per client, and the limit shows a friendly page', async () => {
    const client = f.client();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await post(`/welcome/${'B'.repeat(43)}/password`, {}, client)).status);
    expect(statuses.every((s) => s === 400)).toBe(true);
    const limited = await post(`/welcome/${'B'.repeat(43)}/password`, {}, client);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.text).toContain('Too many attempts');
    expect((await post(`/welcome/${'B'.repeat(43)}/password`, {}, f.client())).status).toBe(400);
  });
});

describe('the welcome email, end to end', () => {
  it('the link in the email sent by the outbox worker opens the confirm page and leads to a signed-in user', async () => {
    const id = await f.createUser('e2e@example.test');
    await runOutboxUntil(
      f.t,
      () => f.user(id),
      (u) => u.welcome.state === 'sent',
    );
    const [email] = await outboxMessagesTo(f.t, 'e2e@example.test');
    const token = tokenInText(email!.text, 'welcome');
    expect((await get(`/welcome/${token}`)).status).toBe(200);
    const form = await post(`/welcome/${token}`);
    const done = await post(`/welcome/${token}/password`, {
      grant: grantIn(form.text),
      password: STRONG_PASSWORD,
      confirmPassword: STRONG_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(sessionCookieIn(done.headers['set-cookie'])).toBeDefined();
    const resend = await f.t
      .http()
      .post(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${f.admin}`);
    expect(resend.status).toBe(409);
  });
});
