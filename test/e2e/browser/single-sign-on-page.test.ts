import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startUpstreamIdp, type UpstreamIdp } from '../../support/upstream-idp';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

jest.setTimeout(60_000);

let h: BrowserHarness;
let idp: UpstreamIdp;
let context: BrowserContext;
let page: Page;
let sso: Locator;
const violations: string[] = [];

interface SignInSettings {
  mode: string;
  upstream: { issuer: string; clientId: string; secretHint: string; attribute: string } | null;
}

/** What the admin API holds, read with the page's own session cookie. */
async function settings(): Promise<SignInSettings> {
  const res = await page.request.get('/api/admin/sign-in');
  expect(res.status()).toBe(200);
  return (await res.json()) as SignInSettings;
}

const focusedId = async () => (await page.locator(':focus').getAttribute('id')) ?? '';
const formStatus = () => page.locator('#sso-form-status');
const modeStatus = () => page.locator('#sso-mode-status');
const field = (label: string) => sso.getByLabel(label, { exact: true });

async function saveMode(label: string): Promise<void> {
  await sso.getByRole('radio', { name: label }).check();
  await sso.getByRole('button', { name: 'Save sign-in mode' }).click();
}

beforeAll(async () => {
  h = await startBrowserHarness('browserssopage', {
    env: { UPSTREAM_ALLOW_PRIVATE_ISSUERS: 'true' },
  });
  idp = await startUpstreamIdp({
    redirectUri: `${h.baseUrl}/oidc/default/upstream/callback`,
    accounts: {},
  });
  ({ context, page } = await h.newPage());
  sso = page.getByRole('region', { name: 'Single sign-on' });
}, 60_000);
afterAll(async () => {
  await context?.close();
  await idp?.close();
  await h?.close();
});

describe('Applications → Single sign-on in a real browser', () => {
  it('shows the redirect URI with a copy button, no connection, and refuses SSO without one', async () => {
    await h.openAsAdmin(page, '/identity-manager/applications');
    await sso.getByText('Not connected').waitFor();
    const redirectUri = field('Redirect URI');
    expect(await redirectUri.inputValue()).toBe(`${h.baseUrl}/oidc/default/upstream/callback`);
    await sso.getByRole('button', { name: 'Copy redirect URI' }).click();
    await page.locator('#sso-status').getByText('Copied to the clipboard.').waitFor();
    expect(await field('Client secret').getAttribute('type')).toBe('password');
    expect(await sso.getByRole('radio', { name: 'Password' }).isChecked()).toBe(true);
    expect(await sso.getByRole('button', { name: 'Remove connection' }).count()).toBe(0);

    await saveMode('Company account only');
    await modeStatus()
      .getByText(
        'Not saved: connect the identity provider before turning single sign-on on. The sign-in mode is still Password.',
      )
      .waitFor();
    expect(await sso.getByRole('radio', { name: 'Password' }).isChecked()).toBe(true);
    expect((await settings()).mode).toBe('password');
    violations.push(...(await h.audit(page, 'sso-empty')));
  });

  it("shows the server's message beside the form when the provider refuses the client secret", async () => {
    await field('Issuer URL').fill(idp.issuer);
    await field('Client ID').fill(idp.clientId);
    await field('Client secret').fill('not-the-secret');
    await sso.getByRole('button', { name: 'Save connection' }).click();
    await formStatus()
      .getByText(
        'Not saved: Client ID and Client secret: the identity provider does not accept this client id and secret',
      )
      .waitFor();
    expect(await field('Client ID').getAttribute('aria-invalid')).toBe('true');
    expect(await field('Client secret').getAttribute('aria-invalid')).toBe('true');
    expect(await field('Client secret').getAttribute('aria-describedby')).toBe(
      'sso-secret-hint sso-form-status',
    );
    expect(await focusedId()).toBe('sso-client-id');
    expect((await settings()).upstream).toBeNull();
    violations.push(...(await h.audit(page, 'sso-refused')));
  });

  it('saves with the keyboard alone and shows the connection with the secret hint, never the secret', async () => {
    await field('Issuer URL').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(idp.issuer);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('sso-client-id');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(idp.clientId);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('sso-client-secret');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(idp.clientSecret);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('sso-claim');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('sso-attribute');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('sso-save');
    await page.keyboard.press('Enter');

    await formStatus().getByText('Connection saved').waitFor();
    expect(await field('Client ID').getAttribute('aria-invalid')).toBeNull();
    expect(await field('Client secret').getAttribute('aria-describedby')).toBe('sso-secret-hint');
    const shown = sso.locator('#sso-connection');
    await shown.getByText(idp.issuer).waitFor();
    await shown.getByText('stored, starts with cust').waitFor();
    await shown.getByText('claim oid = SCIM externalId').waitFor();
    await sso.getByText('Leave empty to keep the stored secret (starts with cust).').waitFor();
    expect(await field('Client secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(idp.clientSecret);
    expect((await settings()).upstream).toMatchObject({
      issuer: idp.issuer,
      clientId: idp.clientId,
      secretHint: 'cust',
    });
    violations.push(...(await h.audit(page, 'sso-connected')));
  });

  it('keeps the stored secret when the field is left empty', async () => {
    await page.reload();
    await sso.locator('#sso-connection').getByText(idp.issuer).waitFor();
    expect(await field('Client secret').inputValue()).toBe('');
    await field('SCIM attribute it matches').selectOption('userName');
    await sso.getByRole('button', { name: 'Save connection' }).click();
    await formStatus().getByText('Connection saved').waitFor();
    await sso.getByText('claim oid = SCIM userName').waitFor();
    expect((await settings()).upstream).toMatchObject({
      secretHint: 'cust',
      attribute: 'userName',
    });
  });

  it('switches the sign-in mode to "Company account only", which persists after a reload', async () => {
    await sso.getByText('the welcome email says “sign in with your company account”').waitFor();
    await field('Client secret').fill('typed, not saved yet');
    await saveMode('Company account only');
    await modeStatus().getByText('Sign-in mode saved: Company account only.').waitFor();
    expect(await field('Client secret').inputValue()).toBe('typed, not saved yet');
    await page.reload();
    await sso.locator('#sso-connection').getByText(idp.issuer).waitFor();
    expect(await sso.getByRole('radio', { name: 'Company account only' }).isChecked()).toBe(true);
    expect((await settings()).mode).toBe('sso');
    // The whole section (docs/, shown in the README), taller than the window.
    await sso.screenshot({
      path: path.resolve(__dirname, '../../../docs/single-sign-on-page.png'),
    });
  });

  it('refuses to remove the connection while the mode is not Password, then removes it', async () => {
    const remove = sso.getByRole('button', { name: 'Remove connection' });
    await remove.click();
    const confirm = sso.getByRole('group', { name: /Remove the connection to/ });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    expect(await focusedId()).toBe('sso-remove');
    await remove.click();
    violations.push(...(await h.audit(page, 'sso-confirm-remove')));
    await confirm.getByRole('button', { name: 'Remove connection' }).click();
    await formStatus()
      .getByText(
        'Not removed: switch the sign-in mode to password before removing the identity provider',
      )
      .waitFor();
    expect(await focusedId()).toBe('sso-remove');
    expect((await settings()).upstream).not.toBeNull();

    await saveMode('Password');
    await modeStatus().getByText('Sign-in mode saved: Password.').waitFor();
    await remove.click();
    await confirm.getByRole('button', { name: 'Remove connection' }).click();
    await formStatus().getByText(`The connection to ${idp.issuer} is removed.`).waitFor();
    await sso.getByText('Not connected').waitFor();
    expect(await remove.count()).toBe(0);
    expect(await focusedId()).toBe('sso-connection-heading');
    expect(await field('Issuer URL').inputValue()).toBe('');
    expect(await settings()).toMatchObject({ mode: 'password', upstream: null });
    violations.push(...(await h.audit(page, 'sso-removed')));
  });

  it('has no serious or critical accessibility violation, CSP refusal or script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
  });
});
