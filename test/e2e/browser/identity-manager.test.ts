import type { BrowserContext, Page } from 'playwright-core';
import {
  clickLinkInEmail,
  documentScreenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser-harness';
import { adminSession } from '../../support/test-app';
import { waitFor } from '../../support/welcome-harness';

let h: BrowserHarness;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  h = await startBrowserHarness('browserim');
  ({ context, page } = await h.newPage());
}, 60_000);
afterAll(async () => h?.close());

const switchButton = () => page.getByRole('switch', { name: 'Send Welcome Email' });
const text = (value: string | RegExp) => page.getByText(value).first().waitFor();

async function openMailboxMessageTo(address: string): Promise<void> {
  await page.goto('/mailbox');
  const message = page.locator('#messages button', { hasText: address });
  await message.first().waitFor();
  await message.first().click();
  await page.locator('#preview-body a').first().waitFor();
}

describe('the Identity Manager in a real browser', () => {
  it('without a session the page sends the administrator to sign in, and back after it', async () => {
    await page.goto('/identity-manager');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('next')).toBe('/identity-manager');
    violations.push(...(await h.audit(page, 'sign-in')));
    await h.openAsAdmin(page, '/identity-manager');
    await page.getByRole('heading', { level: 1, name: 'Identity Manager' }).waitFor();
    await page.locator('#send-welcome-switch:not([disabled])').waitFor();
    expect(await switchButton().getAttribute('aria-checked')).toBe('false');
    expect(await switchButton().innerText()).toContain('Off');
  });

  it('when the switch is turned on by keyboard it is saved at once with a visible confirmation', async () => {
    await switchButton().focus();
    await page.keyboard.press('Space');
    await text('Saved: new SCIM users will get a welcome email');
    expect(await switchButton().getAttribute('aria-checked')).toBe('true');
    expect(await switchButton().innerText()).toContain('On');
    const stored = await h.t.ctx.tenants.findTenantById('default');
    expect(stored?.sendWelcomeEmail).toBe(true);
  });

  it('when saving fails the switch flips back and says why', async () => {
    await page.route('**/api/identity-manager/settings', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'unavailable', message: 'the database is unavailable; retry later' },
            }),
          })
        : route.continue(),
    );
    await switchButton().click();
    await text('Not saved, the switch is still On: the database is unavailable; retry later');
    expect(await switchButton().getAttribute('aria-checked')).toBe('true');
    await page.unroute('**/api/identity-manager/settings');
  });

  it('with the switch on, a SCIM user gets a welcome email in the mailbox, and its link signs them in', async () => {
    await h.createScimUser('ada@example.test', 'Ada', 'Lovelace');
    await openMailboxMessageTo('ada@example.test');
    await page.frameLocator('#preview-body iframe').getByText('Hello Ada Lovelace').waitFor();
    violations.push(...(await h.audit(page, 'mailbox')));
    const link = page.locator(`#preview-body a[href^="${h.baseUrl}/welcome/"]`);
    const href = await link.getAttribute('href');

    const tab = await clickLinkInEmail(page, 'Get started');
    expect(tab.url()).toBe(href);
    violations.push(...(await h.audit(tab, 'welcome-confirm')));
    await tab.getByRole('button', { name: 'Continue' }).click();
    await tab.getByLabel('New password').fill('Analytical-Engine-1843');
    await tab.getByLabel('Repeat the password').fill('Analytical-Engine-1843');
    violations.push(...(await h.audit(tab, 'welcome-set-password')));
    await tab.getByRole('button', { name: 'Save password' }).click();
    await tab.getByText('Your password is saved').waitFor();
    violations.push(...(await h.audit(tab, 'welcome-signed-in')));
    await tab.close();

    await link.click();
    await page.waitForURL(href!);
    await text('You have signed in already');
    violations.push(...(await h.audit(page, 'welcome-link-used')));
  });

  it('the administrator then sees the user signed in, with the timeline explaining it', async () => {
    await h.createScimUser('linus@example.test', 'Linus', 'Torvalds');
    await page.goto('/identity-manager');
    expect(new URL(page.url()).pathname).toBe('/sign-in'); // Ada's session is not an administrator's
    await h.openAsAdmin(page, '/identity-manager');
    await page.getByLabel('Search by name, user name or email').fill('ada');
    const row = page.locator('#users-body tr', { hasText: 'ada@example.test' });
    await row.locator('.badge', { hasText: 'Signed in' }).waitFor();
    expect(await row.innerText()).toContain('Entra ID');
    await row.getByRole('button', { name: 'Ada Lovelace' }).click();
    await page
      .locator('#welcome-explanation', {
        hasText: 'signed in: the welcome email can no longer be sent',
      })
      .waitFor();
    expect(await page.locator('ol.timeline').innerText()).toMatch(/signed in for the first time/);
    await page.getByLabel('Search by name, user name or email').fill('');
    await page.locator('#users-body tr', { hasText: 'linus@example.test' }).waitFor();
    violations.push(...(await h.audit(page, 'identity-manager-timeline')));
    await documentScreenshot(page, 'identity-manager.png');
  });

  it("the user's detail lists the password-reset emails sent to them, and what became of each", async () => {
    const ada = await h.t.ctx.directory.users.collection.findOne({ userName: 'ada@example.test' });
    await h.t
      .http()
      .post(`/api/admin/users/${ada!._id}/password-reset`)
      .set('Authorization', `Bearer ${await adminSession(h.t)}`)
      .expect(202);
    await waitFor(
      () => h.t.ctx.MailJob.findOne({ userId: ada!._id }).lean(),
      (job) => job?.state === 'sent',
    );
    await page.getByLabel('Search by name, user name or email').fill('ada');
    await page
      .locator('#users-body tr', { hasText: 'ada@example.test' })
      .getByRole('button', { name: 'Ada Lovelace' })
      .click();
    const resets = page.getByRole('list', { name: 'Password reset emails' });
    await resets.getByText(/requested by an administrator; sent .+; link expires /).waitFor();
    expect(await resets.getByRole('listitem').count()).toBe(1);
    violations.push(...(await h.audit(page, 'identity-manager-resets')));
    await page.getByLabel('Search by name, user name or email').fill('');
  });

  it('with the switch off, a SCIM user gets no email and the explanation says the switch was off', async () => {
    await page.getByLabel('Search by name, user name or email').fill('');
    await switchButton().focus();
    await page.keyboard.press('Enter');
    await text('Saved: new SCIM users will not get a welcome email');
    await h.createScimUser('grace@example.test', 'Grace', 'Hopper');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .locator('#users-body tr', { hasText: 'grace@example.test' })
      .getByRole('button', { name: 'Grace Hopper' })
      .click();
    await page
      .locator('#welcome-explanation', { hasText: /not sent: Send Welcome Email .* was off/ })
      .waitFor();
    violations.push(...(await h.audit(page, 'identity-manager-switch-off')));

    await page.goto('/mailbox');
    await page.locator('#messages button').first().waitFor();
    expect(await page.locator('#messages').innerText()).not.toContain('grace@example.test');
  });

  it('SCIM connections show the base URL, create a token shown once, and revoke it', async () => {
    await page.goto('/identity-manager');
    // Polled from here: a string predicate would be evaluated with eval, which the page's CSP refuses.
    const baseUrlField = page.locator('#scim-base-url');
    const expectedBaseUrl = `${h.baseUrl}/scim/v2`;
    const deadline = Date.now() + 10_000;
    while ((await baseUrlField.inputValue()) !== expectedBaseUrl && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await baseUrlField.inputValue()).toBe(expectedBaseUrl);
    await page.getByLabel('New token label').fill('Okta');
    await page.getByRole('button', { name: 'Create token' }).click();
    await text('Copy the new token now: it is shown only once');
    const secret = await page.locator('#new-token-value').inputValue();
    await page.getByRole('button', { name: 'Copy new SCIM token' }).click();
    await text('Copied to the clipboard.');
    const asOkta = () => h.t.http().get('/scim/v2/Users').set('Authorization', `Bearer ${secret}`);
    expect((await asOkta()).status).toBe(200);

    await page.reload();
    const okta = page.locator('#tokens-body tr', { hasText: 'Okta' });
    await okta.locator('time').nth(1).waitFor();
    await okta.getByRole('button', { name: 'Revoke token Okta' }).click();
    await page.getByRole('button', { name: 'Confirm: revoke Okta' }).click();
    await text('Token “Okta” revoked: connectors using it can no longer provision users.');
    expect((await asOkta()).status).toBe(401);
  });

  it('when the session has expired, an action says so and links to sign-in', async () => {
    await context.clearCookies();
    await switchButton().click();
    await page.locator('#session-banner', { hasText: 'Your session has expired' }).waitFor();
    const signIn = page.locator('#session-banner a');
    expect(await signIn.getAttribute('href')).toBe('/sign-in?next=%2Fidentity-manager');
    expect(await switchButton().getAttribute('aria-checked')).toBe('false');
    await signIn.click();
    await h.openAsAdmin(page, '/identity-manager');
    await page.locator('#send-welcome-switch:not([disabled])').waitFor();
  });

  it('Sign out ends the session: the pages then ask to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-out');
    await page.goto('/admin/users');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('no page has a serious or critical accessibility violation, a CSP refusal or a script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
  });
});
