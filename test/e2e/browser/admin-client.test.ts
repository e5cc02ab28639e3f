import type { Page } from 'playwright-core';
import { documentScreenshot, startBrowserHarness, type BrowserHarness } from './browser-harness';

let h: BrowserHarness;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  h = await startBrowserHarness('browseradmin');
  ({ page } = await h.newPage());
}, 60_000);
afterAll(async () => h?.close());

const text = (value: string | RegExp) => page.getByText(value).first().waitFor();
const associate = (userName: string) => page.locator('#associates-body tr', { hasText: userName });

/** Waits for the outbox, then finds the messages on the development mailbox page. */
async function waitForMail(address: string, count: number): Promise<void> {
  await h.waitForOutbox(address, count);
  await page.goto('/mailbox');
  await page
    .locator('#messages .meta', { hasText: `To ${address} ` })
    .nth(count - 1)
    .waitFor();
}

async function openTaskMenu(userName: string): Promise<void> {
  await associate(userName).getByRole('button', { name: 'Task' }).click();
  await page.getByRole('menu').waitFor();
}

describe('the Admin client in a real browser', () => {
  it('Preferences: Global preferences tab, System group, set "Send login emails to new users" to Yes and Save', async () => {
    await h.openAsAdmin(page, '/admin/preferences');
    const global = page.getByRole('tab', { name: 'Global preferences' });
    expect(await global.getAttribute('aria-selected')).toBe('true');
    await global.focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tabpanel', { name: 'About login emails' }).waitFor();
    await page.keyboard.press('Home');
    await page.getByRole('tabpanel', { name: 'Global preferences' }).waitFor();

    await page.getByRole('heading', { name: 'System' }).waitFor();
    const group = page.getByRole('radiogroup', { name: 'Send login emails to new users' });
    await group.getByRole('radio', { name: 'No' }).and(page.locator(':checked')).waitFor();
    await group.getByRole('radio', { name: 'Yes' }).check();
    await text('Unsaved change: select Save to apply it.');
    await page.getByRole('button', { name: 'Save' }).click();
    await text('Saved: users you add in the Admin client will get a login email');
    violations.push(...(await h.audit(page, 'admin-preferences')));

    await page.reload();
    await group.getByRole('radio', { name: 'Yes' }).and(page.locator(':checked')).waitFor();
  });

  it('a user added with the form gets a login email, and a second one with the same user name is refused', async () => {
    await page.goto('/admin/users');
    await text('Send login emails to new users is Yes (change it under Preferences).');
    await page.getByLabel('User name (required)').fill('margaret@example.test');
    await page.getByLabel('Given name').fill('Margaret');
    await page.getByLabel('Family name').fill('Hamilton');
    await page.getByLabel('Email', { exact: true }).fill('margaret@example.test');
    await page.getByLabel('Preferred language').selectOption('en');
    await page.getByRole('button', { name: 'Add user' }).click();
    await text('Added margaret@example.test. A login email is on its way.');
    await associate('margaret@example.test').waitFor();
    expect(await associate('margaret@example.test').innerText()).toContain('Admin client');

    await page.getByLabel('User name (required)').fill('margaret@example.test');
    await page.getByRole('button', { name: 'Add user' }).click();
    await text('Not added: a user with this user name exists.');
    expect(await page.getByLabel('User name (required)').getAttribute('aria-invalid')).toBe('true');
    await waitForMail('margaret@example.test', 1);
  });

  it('Task → "Send welcome email" sends a new welcome email, by keyboard', async () => {
    await page.goto('/admin/users');
    const task = associate('margaret@example.test').getByRole('button', { name: 'Task' });
    expect(await task.getAttribute('aria-haspopup')).toBe('menu');
    await task.focus();
    await page.keyboard.press('ArrowDown');
    await page
      .getByRole('menuitem', { name: 'Send welcome email' })
      .and(page.locator(':focus'))
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await task.and(page.locator(':focus')).waitFor();

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(
      'Welcome email to Margaret Hamilton queued: a new one-time link replaces any earlier one.',
    );
    await waitForMail('margaret@example.test', 2);
  });

  it('after the first sign-in "Send welcome email" is disabled with the reason and a password reset is offered', async () => {
    const id = await h.createScimUser('katherine@example.test', 'Katherine', 'Johnson');
    await page.goto('/admin/users');
    await openTaskMenu('katherine@example.test');
    await h.t
      .http()
      .post(`/api/users/${id}/sign-ins`)
      .set('Authorization', `Bearer ${h.scim}`)
      .expect(201);
    await page.getByRole('menuitem', { name: 'Send welcome email' }).click();
    await text('Katherine Johnson: Signed in already — send a password reset instead.');

    await page.reload();
    await openTaskMenu('katherine@example.test');
    const welcome = page.getByRole('menuitem', { name: /Send welcome email/ });
    expect(await welcome.getAttribute('aria-disabled')).toBe('true');
    expect(await welcome.innerText()).toContain(
      'Signed in already — send a password reset instead',
    );
    violations.push(...(await h.audit(page, 'admin-users-task-menu')));
    await documentScreenshot(page, 'admin-users.png');
    await welcome.click({ force: true });
    expect(await page.getByRole('menu').count()).toBe(1);
    await page.getByRole('menuitem', { name: 'Send password reset' }).click();
    await text('Password reset email to Katherine Johnson queued.');
    await waitForMail('katherine@example.test', 1);
  });

  it('"Send welcome email to everyone who has not signed in" asks first, then queues them', async () => {
    await page.goto('/admin/users');
    await page
      .getByRole('button', { name: 'Send welcome email to everyone who has not signed in' })
      .click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Send to everyone' }).waitFor({ state: 'hidden' });
    await page
      .getByRole('button', { name: 'Send welcome email to everyone who has not signed in' })
      .click();
    await page.getByRole('button', { name: 'Send to everyone' }).click();
    await text('Welcome emails queued for 1 user who has not signed in.');
    await waitForMail('margaret@example.test', 3);
  });

  it('with the preference No, a user added with the form gets no email, and the page says so', async () => {
    await page.goto('/admin/preferences');
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await text('Saved: users you add in the Admin client will not get a login email');
    await page.goto('/admin/users');
    await page.getByLabel('User name (required)').fill('dorothy@example.test');
    await page.getByRole('button', { name: 'Add user' }).click();
    await text(
      'Added dorothy@example.test. No login email was sent: Send login emails to new users is No.',
    );
    await page.getByLabel('Search by name, user name or email').fill('doro');
    await associate('dorothy@example.test')
      .getByText(/not sent: Send login emails to new users .* was off/)
      .waitFor();
    const outbox = await h.t.ctx.conn
      .collection('outbox_messages')
      .countDocuments({ to: 'dorothy@example.test' });
    expect(outbox).toBe(0);
    violations.push(...(await h.audit(page, 'admin-users')));
  });

  it('no page has a serious or critical accessibility violation, a CSP refusal or a script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
  });
});
