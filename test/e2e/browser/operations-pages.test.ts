import type { BrowserContext, Page } from 'playwright-core';
import { documentScreenshot, startBrowserHarness, type BrowserHarness } from './browser-harness';

let h: BrowserHarness;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const HOSTILE =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">@example.test';

beforeAll(async () => {
  h = await startBrowserHarness('browserops');
  ({ context, page } = await h.newPage());
}, 60_000);
afterAll(async () => h?.close());

async function provision(userName: string): Promise<number> {
  const res = await h.t
    .http()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${h.scim}`)
    .set('Content-Type', 'application/scim+json')
    .send({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Mallory', familyName: 'Example' },
      emails: [{ value: 'mallory@example.test', type: 'work', primary: true }],
    });
  return res.status;
}

describe('the provisioning log and audit log pages in a real browser', () => {
  it('show a userName holding <script> as inert text, with the error the identity provider got', async () => {
    expect(await provision(HOSTILE)).toBe(201);
    expect(await provision(HOSTILE)).toBe(409);
    await h.createScimUser('grace@example.test', 'Grace', 'Hopper');
    await h.t.ctx.provisioningLog.flush();
    await h.openAsAdmin(page, '/identity-manager/provisioning-log');
    await page.getByRole('heading', { level: 1, name: 'Provisioning log' }).waitFor();
    // The row of the refused create, by its reason: "409" alone also matches a request id or a
    // duration that happens to contain those digits (seen once as a strict-mode violation).
    const conflict = page.locator('#log-body tr', { hasText: 'uniqueness' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(HOSTILE);
    expect(await conflict.innerText()).toContain('409');
    expect(await page.locator('#log-body script, #log-body img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    violations.push(...(await h.audit(page, 'provisioning-log')));
    await documentScreenshot(page, 'provisioning-log.png');
  });

  it('filters to errors only with the plain form, keeping the filter in the URL', async () => {
    await page.getByLabel('Errors only').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => url.searchParams.get('errors') === 'true');
    await page.locator('#log-body tr').first().waitFor();
    const statuses = await page.locator('#log-body tr td:nth-child(6)').allInnerTexts();
    expect(statuses).toEqual(['409']);
  });

  it("links from a user's welcome timeline to that user's SCIM requests", async () => {
    await page.goto('/identity-manager');
    await page.getByLabel('Search by name, user name or email').fill('grace@');
    const row = page.locator('#users-body tr', { hasText: 'grace@example.test' });
    await row.getByRole('button', { name: 'Grace Hopper' }).click();
    await page.getByRole('link', { name: /SCIM requests for this user/ }).click();
    await page.waitForURL((url) => url.pathname === '/identity-manager/provisioning-log');
    await page.locator('#log-body tr').first().waitFor();
    const users = await page.locator('#log-body tr td:nth-child(4)').allInnerTexts();
    expect(users).toEqual(['grace@example.test']);
  });

  it('the audit log lists what administrators did, read-only', async () => {
    await h.t
      .http()
      .post('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${await signInToken()}`)
      .send({ label: 'Okta <b>bold</b>' })
      .expect(201);
    await page.goto('/admin/audit-log');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const created = page.locator('#audit-body tr', { hasText: 'scim-token.create' });
    await created.waitFor();
    // Administrators by email, not by internal id.
    expect(await created.locator('td').nth(1).textContent()).toBe('admin@default.test');
    await page.getByLabel('What').selectOption('admin.');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#audit-body tr', { hasText: 'admin.sign-in' }).first().waitFor();
    violations.push(...(await h.audit(page, 'audit-log')));
  });

  it('no page has a serious or critical accessibility violation, a CSP refusal or a script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
    void context;
  });
});

async function signInToken(): Promise<string> {
  const res = await h.t
    .http()
    .post('/api/auth/sign-in')
    .send({ email: 'admin@default.test', password: 'correct horse battery staple' })
    .expect(200);
  return (res.body as { token: string }).token;
}
