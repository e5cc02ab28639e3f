import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { deriveLinkToken, linkIdOf } from '../../../src/welcome/links/link-tokens';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startBrowserHarness,
  type BrowserHarness,
} from './browser-harness';

/**
 * The attack of the issue, in Chromium: the administrator is signed in; a page on another
 * port of the same host (same site, other origin, so the SameSite=Strict cookie goes along)
 * auto-submits a form to each write. Every one must be refused and nothing may change.
 */
let h: BrowserHarness;
let page: Page;
let attacker: http.Server;
let attackerUrl: string;
let userId: string;
let linkToken: string;

interface Attack {
  path: string;
  fields: Record<string, string>;
  enctype: string;
}
const attacks: Attack[] = [];

function attackPage(attack: Attack): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const inputs = Object.entries(attack.fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  return `<!doctype html><html><body>
<form method="post" action="${escape(h.baseUrl + attack.path)}" enctype="${attack.enctype}">${inputs}</form>
<script>document.forms[0].submit()</script></body></html>`;
}

beforeAll(async () => {
  h = await startBrowserHarness('browsercsrf');
  ({ page } = await h.newPage());
  userId = await h.createScimUser('victim@example.test', 'Vic', 'Tim');
  const tokenId = (await h.t.ctx.tenants.createScimToken('default', 'Okta')).view.id;
  linkToken = deriveLinkToken(h.t.ctx.appSecret, 'welcome', userId, 1, 'browser-csrf-nonce');
  const now = new Date();
  await h.t.ctx.Link.create({
    _id: linkIdOf(linkToken),
    tenantId: 'default',
    userId,
    purpose: 'welcome',
    generation: 1,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  const json = '{"sendWelcomeEmail": true, "label": "Attacker", "ignore": "';
  const adminWrites = [
    `/api/admin/users/${userId}/welcome-email`,
    '/api/admin/welcome-emails/resend-pending',
    '/api/admin/preferences',
    '/api/identity-manager/settings',
    '/api/admin/users',
    `/api/admin/users/${userId}/password-reset`,
    '/api/admin/scim-tokens',
    `/api/admin/scim-tokens/${tokenId}`,
    `/api/users/${userId}/sign-ins`,
  ];
  for (const path of adminWrites) {
    attacks.push({
      path,
      enctype: 'application/x-www-form-urlencoded',
      fields: { label: 'Attacker' },
    });
    attacks.push({ path, enctype: 'text/plain', fields: { [json]: '"}' } });
    attacks.push({
      path,
      enctype: 'multipart/form-data',
      fields: { userName: 'planted@example.test' },
    });
  }
  const form = 'application/x-www-form-urlencoded';
  attacks.push({ path: `/welcome/${linkToken}`, enctype: form, fields: {} });
  attacks.push({
    path: '/reset-password',
    enctype: form,
    fields: { email: 'victim@example.test' },
  });
  attacks.push({
    path: '/sign-in',
    enctype: form,
    fields: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  attacks.push({ path: '/sign-out', enctype: form, fields: {} });

  attacker = http.createServer((req, res) => {
    const index = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('attack'));
    const attack = attacks[index];
    res.writeHead(attack ? 200 : 404, { 'Content-Type': 'text/html' });
    res.end(attack ? attackPage(attack) : 'no such attack');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  await h?.close();
});

/** Every stored document but rate-limit counters and send leases. */
async function snapshot(): Promise<string> {
  const db = h.t.ctx.conn.db!;
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const dump: Record<string, unknown> = {};
  for (const name of names.filter((n) => n !== 'rate_limits')) {
    dump[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
  }
  return JSON.stringify(dump);
}

describe('forms auto-submitted from another port of the same host', () => {
  it('are all refused while the administrator is signed in, and nothing changes', async () => {
    await h.openAsAdmin(page, '/admin/users');
    const before = await snapshot();
    const answers: string[] = [];
    for (const [index, attack] of attacks.entries()) {
      const target = `${h.baseUrl}${attack.path}`;
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST'),
        page.goto(`${attackerUrl}/?attack=${index}`),
      ]);
      const body = await response.text();
      const cookieSent = (await response.request().allHeaders()).cookie?.includes('sid=') ?? false;
      answers.push(`${attack.path} ${attack.enctype}: ${response.status()} cookie=${cookieSent}`);
      // A JSON write with the cookie is refused by the origin check (not as unauthenticated).
      if (attack.path.startsWith('/api/')) expect(body).toContain('cross_origin_request');
    }
    expect(answers).toEqual(attacks.map((a) => `${a.path} ${a.enctype}: 403 cookie=true`));
    expect(await snapshot()).toBe(before);
    const link = await h.t.ctx.Link.findById(linkIdOf(linkToken)).lean();
    expect(link?.usedAt).toBeFalsy();
  });

  it('the administrator is still signed in and the pages still save from their own origin', async () => {
    await page.goto('/admin/preferences');
    expect(new URL(page.url()).pathname).toBe('/admin/preferences');
    await h.openAsAdmin(page, '/identity-manager');
    const toggle = page.getByRole('switch', { name: 'Send Welcome Email' });
    await page.locator('#send-welcome-switch:not([disabled])').waitFor();
    await toggle.click();
    await page.getByText('Saved: new SCIM users will get a welcome email').first().waitFor();
    expect((await h.t.ctx.tenants.findTenantById('default'))?.sendWelcomeEmail).toBe(true);
    expect(h.browserProblems()).toEqual([]);
  });
});
