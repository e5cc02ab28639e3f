import type { Page } from 'playwright-core';
import {
  clickLinkInEmail,
  documentScreenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser-harness';
import { waitFor } from '../../support/welcome-harness';

const DAY = 86_400_000;
/** The server's clock: real time plus however far the test has moved it. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

let h: BrowserHarness;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  h = await startBrowserHarness('browserwe', { now });
  ({ page } = await h.newPage());
  await h.openAsAdmin(page, '/identity-manager');
  await page.locator('#send-welcome-switch:not([disabled])').click();
  await page.getByText('Saved: new SCIM users will get a welcome email').first().waitFor();
}, 60_000);
afterAll(async () => h?.close());

async function openNewestMailTo(address: string): Promise<void> {
  await page.goto('/mailbox');
  const message = page.locator('#messages button', { hasText: address });
  await message.first().waitFor();
  await message.first().click();
  await page.locator('#preview-body a').first().waitFor();
}

describe('welcome emails people act on, in a real browser', () => {
  it("an expired link offers a new one; the new email's link sets a password and signs in", async () => {
    const id = await h.createScimUser('edsger@example.test', 'Edsger', 'Dijkstra');
    await h.waitForOutbox('edsger@example.test', 1);
    await h.t.ctx.Link.updateMany(
      { userId: id },
      { $set: { expiresAt: new Date(Date.now() - 60_000) } },
    );
    await openNewestMailTo('edsger@example.test');
    const tab = await clickLinkInEmail(page, 'Get started');
    const expiredUrl = tab.url();
    await tab.getByRole('heading', { name: 'This link has expired' }).waitFor();
    expect(await tab.content()).not.toContain('edsger');
    violations.push(...(await h.audit(tab, 'welcome-link-expired-new-link')));
    await documentScreenshot(tab, 'welcome-new-link.png');
    await tab.getByRole('button', { name: 'Email me a new link' }).click();
    await tab.getByRole('heading', { name: 'Check your email' }).waitFor();
    violations.push(...(await h.audit(tab, 'welcome-new-link-requested')));
    await tab.close();

    await h.waitForOutbox('edsger@example.test', 2);
    await openNewestMailTo('edsger@example.test');
    const fresh = await clickLinkInEmail(page, 'Get started');
    await fresh.getByRole('button', { name: 'Continue' }).click();
    await fresh.getByLabel('New password').fill('Shortest-Path-1959');
    await fresh.getByLabel('Repeat the password').fill('Shortest-Path-1959');
    await fresh.getByRole('button', { name: 'Save password' }).click();
    await fresh.getByText('Your password is saved').waitFor();
    // The first email's link now says so, and offers the password reset instead.
    await fresh.goto(expiredUrl);
    await fresh.getByRole('heading', { name: 'You have signed in already' }).waitFor();
    violations.push(...(await h.audit(fresh, 'welcome-signed-in-already')));
    await fresh.close();
  });

  it('with reminders on, a reminder with the same link arrives after the clock moves', async () => {
    await h.openAsAdmin(page, '/identity-manager/welcome-emails');
    await page.locator('#reminder-on:not([disabled])').check();
    await page.getByLabel('Days after the welcome email').fill('3');
    await page.locator('#reminder-save').click();
    await page.getByText('Saved: a reminder 3 days after the welcome email.').waitFor();
    const id = await h.createScimUser('barbara@example.test', 'Barbara', 'Liskov');
    await h.waitForOutbox('barbara@example.test', 1);
    // The clock moves only once the send's outcome (its sentAt) is written.
    await waitFor(
      () => h.t.ctx.directory.users.findById('default', id),
      (user) => user?.welcome.state === 'sent',
    );
    offsetMs += 3 * DAY + 60_000;
    await h.waitForOutbox('barbara@example.test', 2);
    await openNewestMailTo('barbara@example.test');
    await page
      .locator('#preview-body dd', { hasText: 'Reminder: your account at Default is waiting' })
      .waitFor();
    await page
      .frameLocator('#preview-body iframe')
      .getByText('We sent you a welcome email on')
      .waitFor();
    violations.push(...(await h.audit(page, 'mailbox-reminder')));
  });

  it('a customised subject and introduction show in the preview, then in a real email', async () => {
    await h.openAsAdmin(page, '/identity-manager/welcome-emails');
    // The built-in texts are loaded and previewed first.
    await page.locator('#preview-subject', { hasText: 'Welcome to Default' }).waitFor();
    await page.getByLabel('Subject').fill('Welcome aboard, {firstName}');
    await page
      .getByLabel('Introduction')
      .fill('We are glad to have you at {tenantName}. <b>Really.</b>');
    await page.locator('#preview-subject', { hasText: 'Welcome aboard, Alex' }).waitFor();
    await page
      .locator('#preview-text', { hasText: 'We are glad to have you at Default. <b>Really.</b>' })
      .waitFor();
    await page
      .frameLocator('#preview-html')
      .getByText('We are glad to have you at Default. <b>Really.</b>')
      .waitFor();
    await page.locator('#texts-save').click();
    await page.locator('#texts-status', { hasText: 'Saved.' }).waitFor();
    await page
      .locator('#texts-language option', { hasText: 'English (your own words)' })
      .waitFor({ state: 'attached' });
    violations.push(...(await h.audit(page, 'welcome-emails-settings')));
    await documentScreenshot(page, 'welcome-emails-settings.png');
    // The reminder has its own preview, in the same words.
    await page.locator('#preview-email').selectOption('reminder');
    await page.locator('#preview-subject', { hasText: 'Reminder: Welcome aboard, Alex' }).waitFor();
    await page
      .locator('#preview-text', { hasText: 'We are glad to have you at Default. <b>Really.</b>' })
      .waitFor();

    await h.createScimUser('grace@example.test', 'Grace', 'Hopper');
    await openNewestMailTo('grace@example.test');
    await page.locator('#preview-body dd', { hasText: 'Welcome aboard, Grace' }).waitFor();
    await page
      .frameLocator('#preview-body iframe')
      .getByText('We are glad to have you at Default. <b>Really.</b>')
      .waitFor();

    // Reset to default asks for a confirming click, then brings back the built-in texts.
    await h.openAsAdmin(page, '/identity-manager/welcome-emails');
    await page.locator('#texts-reset:not([disabled])').click();
    await page
      .getByRole('button', { name: 'Confirm: reset English to the built-in texts' })
      .click();
    await page.locator('#texts-status', { hasText: 'Reset: the built-in texts apply.' }).waitFor();
    await page.locator('#preview-subject', { hasText: 'Welcome to Default' }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('');
  });

  it('no page has a serious or critical accessibility violation, a CSP refusal or a script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
  });
});
