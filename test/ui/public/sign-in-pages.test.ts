import { hashPassword } from '../../../src/platform/crypto/secrets';
import {
  sessionCookieIn,
  startPagesFixture,
  STRONG_PASSWORD,
  type PagesFixture,
} from './public-pages-support';
import { fromOwnPage } from '../../support/same-origin';

const ADMIN = { email: 'admin@default.test', password: 'correct horse battery staple' };

let f: PagesFixture;
let userId: string;
beforeAll(async () => {
  f = await startPagesFixture('pubsignin');
  userId = await f.createUser('signer@example.test', { preferredLanguage: 'da' });
  await f.t.ctx.directory.users.collection.updateOne({ _id: userId } as never, {
    $set: { passwordHash: await hashPassword(STRONG_PASSWORD) },
  });
});
afterAll(async () => f.close());

const post = (path: string, form: Record<string, string>, client = f.client()) =>
  fromOwnPage(f.t.http().post(path)).set('X-Forwarded-For', client).type('form').send(form);

describe('GET /sign-in', () => {
  it('shows a labelled email and password form for the default tenant', async () => {
    const res = await f.t.http().get('/sign-in');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Sign in to Default');
    expect(res.text).toContain('<label for="email">');
    expect(res.text).toContain('<label for="password">');
    expect(res.text).toContain('autocomplete="current-password"');
    expect(res.text).toContain('name="tenant" value="default"');
    expect(res.text).toContain('href="/reset-password"');
    // No identity provider is connected here, so there is no company-account button.
    expect(res.text).not.toContain('/upstream/start');
  });

  it('carries a same-site ?next= in the form and drops any other', async () => {
    const kept = await f.t.http().get('/sign-in?next=%2Fadmin%2Fusers%3Fq%3Da');
    expect(kept.text).toContain('name="next" value="/admin/users?q=a"');
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/\r\nSet-Cookie:x',
      '/ok\tno',
    ]) {
      const res = await f.t.http().get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(res.text).not.toContain('name="next"');
    }
  });
});

describe('POST /sign-in', () => {
  it('an administrator is sent to the Identity Manager with a session cookie', async () => {
    const res = await post('/sign-in', { ...ADMIN, tenant: 'default' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('https://scim.example.test/identity-manager');
    expect(sessionCookieIn(res.headers['set-cookie'])).toMatch(/HttpOnly; .*SameSite=Strict/i);
  });

  it('an administrator with a same-site next goes there', async () => {
    const res = await post('/sign-in', { ...ADMIN, next: '/admin/users' });
    expect(res.headers.location).toBe('https://scim.example.test/admin/users');
  });

  it('an open redirect through next is refused: the default landing page is used instead', async () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'http:/evil.example',
    ]) {
      const res = await post('/sign-in', { ...ADMIN, next });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('https://scim.example.test/identity-manager');
    }
  });

  it('a user with a password sees the signed-in page in their language and their sign-in is recorded', async () => {
    const res = await post('/sign-in', { email: 'SIGNER@example.test', password: STRONG_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="da"');
    expect(res.text).toContain('signer@example.test');
    expect(res.text).toContain('action="/sign-out"');
    expect(sessionCookieIn(res.headers['set-cookie'])).toBeDefined();
    expect((await f.user(userId)).firstSignInAt).toBeInstanceOf(Date);
  });

  it('an unknown address and a wrong password get the same page and status', async () => {
    const unknown = await post('/sign-in', {
      email: 'nobody@example.test',
      password: 'whatever-it-is-123',
    });
    const wrong = await post('/sign-in', {
      email: 'nobody@example.test'.replace('nobody', 'signer'),
      password: 'whatever-it-is-123',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const withoutEmail = (html: string) => html.replace(/name="email" value="[^"]*"/, '');
    expect(withoutEmail(unknown.text)).toBe(withoutEmail(wrong.text));
    expect(wrong.text).toContain('The email address or password is incorrect.');
    expect(wrong.text).not.toContain('whatever-it-is-123');
    expect(sessionCookieIn(wrong.headers['set-cookie'])).toBeUndefined();
  });

  it('too many attempts get a friendly 429 page with Retry-After', async () => {
    const client = f.client();
    let res = await post(
      '/sign-in',
      { email: 'target@example.test', password: 'wrong-password-000' },
      client,
    );
    for (let i = 0; i < 12 && res.status !== 429; i++) {
      res = await post(
        '/sign-in',
        { email: 'target@example.test', password: 'wrong-password-000' },
        client,
      );
    }
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.text).toContain('Too many attempts. Wait a few minutes and try again.');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('a cross-site form post is refused', async () => {
    const res = await post('/sign-in', ADMIN).set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(403);
    expect(sessionCookieIn(res.headers['set-cookie'])).toBeUndefined();
  });

  it('a form with a __proto__, constructor or prototype field is refused', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const res = await fromOwnPage(f.t.http().post('/sign-in'))
        .type('form')
        .send(`email=a%40b.test&password=x&${key}=1`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    }
  });

  it('a form larger than 16 kB is refused with a page, not a stack trace', async () => {
    const res = await post('/sign-in', { email: 'a@b.test', password: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('Something went wrong');
  });
});

describe('POST /sign-out', () => {
  it('clears the session cookie', async () => {
    const res = await post('/sign-out', {});
    expect(res.status).toBe(200);
    expect(
      ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .some((c) => /^__Host-sid=;.*Expires=Thu, 01 Jan 1970.*Secure/.test(c)),
    ).toBe(true);
    expect(res.text).toContain('You have been signed out.');
  });
});
