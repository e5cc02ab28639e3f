import { adminSession, createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp('adminpages');
  admin = await adminSession(t);
});
afterAll(async () => t?.close());

const PAGES = ['/identity-manager', '/admin/users', '/admin/preferences', '/mailbox'];

describe('the administrators pages', () => {
  it.each(PAGES)(
    '%s without a session redirects to sign-in with the page as next',
    async (page) => {
      const res = await t.http().get(page);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(page)}`);
    },
  );

  it.each(PAGES)(
    '%s with an administrator session is an HTML shell with only external scripts',
    async (page) => {
      const res = await t.http().get(page).set('Cookie', `__Host-sid=${admin}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      const scripts = res.text.match(/<script[^>]*>/g) ?? [];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatch(/^<script type="module" src="\/ui\/static\/[a-z-]+\.js">$/);
      expect(res.text).not.toMatch(/\son[a-z]+=/i);
    },
  );

  it('a user (not an administrator) session is sent to sign in as well', async () => {
    const { token } = t.ctx.sessions.issue({
      subject: 'u1',
      tenantId: 'default',
      role: 'user',
      email: 'u@example.test',
    });
    const res = await t.http().get('/identity-manager').set('Cookie', `__Host-sid=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/sign-in?next=%2Fidentity-manager');
  });

  it('the Identity Manager has the Send Welcome Email switch as a labelled switch', async () => {
    const res = await t.http().get('/identity-manager').set('Cookie', `__Host-sid=${admin}`);
    expect(res.text).toMatch(
      /<button[^>]*role="switch"[^>]*aria-checked="false"[^>]*aria-labelledby="send-welcome-label"/,
    );
    expect(res.text).toContain(
      '<span id="send-welcome-label" class="switch-label">Send Welcome Email</span>',
    );
  });

  it('the signed-in address is escaped into the page', async () => {
    const { token } = t.ctx.sessions.issue({
      subject: 'a2',
      tenantId: 'default',
      role: 'admin',
      email: '<b>x</b>@example.test',
    });
    const res = await t.http().get('/mailbox').set('Cookie', `__Host-sid=${token}`);
    expect(res.text).toContain('&lt;b&gt;x&lt;/b&gt;@example.test');
  });
});
