import {
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
  f = await startPagesFixture('pubreset');
});
afterAll(async () => f.close());

const get = (path: string) => f.t.http().get(path).set('X-Forwarded-For', f.client());
const post = (path: string, form: Record<string, string>) =>
  fromOwnPage(f.t.http().post(path)).set('X-Forwarded-For', f.client()).type('form').send(form);

describe('requesting a reset link', () => {
  it('GET /reset-password shows a form asking only for the email address', async () => {
    const res = await get('/reset-password');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<form method="post" action="/reset-password">');
    expect(res.text).toContain('<label for="email">Email address</label>');
    expect(res.text).toContain('Never signed in? Ask your administrator');
  });

  it("known and unknown addresses get byte-identical answers, in the browser's language only", async () => {
    await f.createUser('known@example.test', { preferredLanguage: 'da' });
    const known = await post('/reset-password', { email: 'known@example.test' });
    const unknown = await post('/reset-password', { email: 'unknown@example.test' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.text).toBe(unknown.text);
    expect(known.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(known.text).toContain('Check your email');
    expect(known.text).toContain('The link is valid for 30 minutes');
    expect(known.text).toContain('<html lang="en"');
  });

  it('an empty address shows the form again with 400', async () => {
    const res = await post('/reset-password', { email: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('action="/reset-password"');
  });
});

describe('using a reset link', () => {
  it('end to end: the emailed link sets a new password, signs the user in and closes the welcome window', async () => {
    const id = await f.createUser('resetter@example.test');
    const welcomeToken = await f.welcomeToken(id);
    const older = await f.insertLink(id, 'password-reset');
    expect((await post('/reset-password', { email: 'resetter@example.test' })).status).toBe(200);
    const [email] = await runOutboxUntil(
      f.t,
      () => outboxMessagesTo(f.t, 'resetter@example.test'),
      (m) => m.some((x) => x.text.includes('/reset-password/')),
    ).then((messages) => messages.filter((m) => m.text.includes('/reset-password/')));
    const token = tokenInText(email!.text, 'reset-password');

    const confirm = await get(`/reset-password/${token}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Choose a new password for resetter@example.test at Default.');
    expect(confirm.headers['referrer-policy']).toBe('same-origin');
    expect((await f.link(token))?.usedAt).toBeUndefined();

    const weak = await post(`/reset-password/${token}`, {
      password: 'resetter',
      confirmPassword: 'resetter',
    });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('at least 12 characters');
    expect((await f.link(token))?.usedAt).toBeUndefined();

    const done = await post(`/reset-password/${token}`, {
      password: STRONG_PASSWORD,
      confirmPassword: STRONG_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your password has been changed');
    expect(sessionCookieIn(done.headers['set-cookie'])).toBeDefined();
    const user = await f.user(id);
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.firstSignInAt).toBeInstanceOf(Date);
    expect(user.firstSignInMethod).toBe('password-reset');
    expect((await f.link(older))?.revokedAt).toBeInstanceOf(Date);
    expect((await f.link(welcomeToken))?.revokedReason).toBe('signed-in');

    const again = await post(`/reset-password/${token}`, {
      password: STRONG_PASSWORD,
      confirmPassword: STRONG_PASSWORD,
    });
    expect(again.status).toBe(410);
    expect(again.text).toContain('This link has already been used');
    expect(again.text).toContain('Request a new link to reset your password');
    const signIn = await f.t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'resetter@example.test', password: STRONG_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(f.t.logText()).not.toContain(token);
  });

  it('an expired reset link gets 410 and the way to a new one', async () => {
    const id = await f.createUser('late@example.test');
    const token = await f.insertLink(id, 'password-reset', {
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const res of [
      await get(`/reset-password/${token}`),
      await post(`/reset-password/${token}`, {
        password: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      }),
    ]) {
      expect(res.status).toBe(410);
      expect(res.text).toContain('This link has expired');
      expect(res.text).toContain('href="/reset-password"');
    }
    expect((await f.user(id)).passwordHash).toBeUndefined();
  });

  it('a revoked reset link gets 410', async () => {
    const id = await f.createUser('superseded@example.test');
    const token = await f.insertLink(id, 'password-reset', {
      revokedAt: new Date(),
      revokedReason: 'superseded',
    });
    const res = await get(`/reset-password/${token}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link is no longer valid');
  });

  it('a malformed token, or a welcome token used as a reset link, gets 404', async () => {
    const id = await f.createUser('crossed@example.test');
    const welcome = await f.welcomeToken(id);
    for (const token of ['short', welcome]) {
      const res = await get(`/reset-password/${token}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('This link doesn&#39;t work');
    }
    expect((await f.link(welcome))?.usedAt).toBeUndefined();
  });

  it("pages are in the user's language, or the one ?lang= asks for", async () => {
    const id = await f.createUser('nederlands@example.test', { preferredLanguage: 'nl' });
    const token = await f.insertLink(id, 'password-reset');
    expect((await get(`/reset-password/${token}`)).text).toContain('<html lang="nl"');
    const sv = await get(`/reset-password/${token}?lang=sv`);
    expect(sv.text).toContain('<html lang="sv"');
    expect(sv.text).toContain('name="lang" value="sv"');
  });
});
