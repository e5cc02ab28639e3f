import type { BrowserContext, Page } from 'playwright-core';
import { documentScreenshot, startBrowserHarness, type BrowserHarness } from './browser-harness';

jest.setTimeout(60_000);

let h: BrowserHarness;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
let firstSecret = '';

interface ListedApplication {
  name: string;
  redirectUris: string[];
  secretHint: string | null;
  isDefault: boolean;
  clientType: string;
}

/** What the admin API holds, read with the page's own session cookie. */
async function listed(): Promise<ListedApplication[]> {
  const res = await page.request.get('/api/admin/applications');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { applications: ListedApplication[] }).applications;
}

const focused = () => page.locator(':focus');
const focusedId = async () => (await focused().getAttribute('id')) ?? '';
const secretBox = () => page.locator('#secret-box');
// The Single sign-on section below has its own "Issuer URL" and "Client secret".
const secretField = () => secretBox().getByLabel('Client secret', { exact: true });
const rowOf = (name: string) => page.locator('#applications-body tr', { hasText: name });

beforeAll(async () => {
  h = await startBrowserHarness('browserapps');
  ({ context, page } = await h.newPage());
}, 60_000);
afterAll(async () => {
  await context?.close();
  await h?.close();
});

describe('Identity Manager → Applications in a real browser', () => {
  it('is reached from the navigation and shows the issuer and its discovery URL', async () => {
    const anonymous = await fetch(`${h.baseUrl}/identity-manager/applications`, {
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe(
      '/sign-in?next=%2Fidentity-manager%2Fapplications',
    );
    await h.openAsAdmin(page, '/identity-manager');
    await page.getByRole('link', { name: 'Applications' }).click();
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    await page.getByRole('cell', { name: /No applications yet/ }).waitFor();
    const issuer = await page
      .getByRole('region', { name: 'Sign-in provider' })
      .getByRole('textbox', { name: 'Issuer URL' })
      .inputValue();
    expect(issuer).toBe(`${h.baseUrl}/oidc/default`);
    const discovery = await page.getByRole('textbox', { name: 'Discovery URL' }).inputValue();
    expect(discovery).toBe(`${issuer}/.well-known/openid-configuration`);
    const metadata = (await (await fetch(discovery)).json()) as { issuer: string };
    expect(metadata.issuer).toBe(issuer);
    violations.push(...(await h.audit(page, 'applications-empty')));
  });

  it('registers a confidential application with the keyboard alone and shows its secret once', async () => {
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('Portal');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('app-redirect-uris');
    await page.keyboard.type('https://portal.example.test/callback');
    await page.keyboard.press('Enter');
    await page.keyboard.type('http://localhost:3000/callback');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://portal.example.test/');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('app-initiate-login-uri');
    await page.keyboard.type('https://portal.example.test/login');
    await page.keyboard.press('Tab');
    expect(await focused().inputValue()).toBe('confidential');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('app-default');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('form-submit');
    await page.keyboard.press('Enter');

    await page.getByText('Portal registered. Copy its client secret now').waitFor();
    expect(await focusedId()).toBe('secret-heading');
    await page.getByText('it will not be shown again').waitFor();
    firstSecret = await secretField().inputValue();
    expect(firstSecret).toMatch(/^cs_/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Copied to the clipboard.').waitFor();

    const row = rowOf('Portal');
    await row.getByText('Confidential').waitFor();
    await row.getByText('http://localhost:3000/callback').waitFor();
    const [portal] = await listed();
    expect(portal).toMatchObject({
      name: 'Portal',
      clientType: 'confidential',
      isDefault: false,
      redirectUris: ['https://portal.example.test/callback', 'http://localhost:3000/callback'],
      secretHint: firstSecret.slice(0, 7),
    });
    violations.push(...(await h.audit(page, 'applications-secret')));
  });

  it('does not show the secret again after a reload', async () => {
    await page.reload();
    await rowOf('Portal').waitFor();
    expect(await secretBox().isHidden()).toBe(true);
    expect(await secretField().inputValue()).toBe('');
    expect(await page.content()).not.toContain(firstSecret);
  });

  it('registers a public default application, then marks the first one default', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Mobile');
    await page.getByLabel('Redirect URIs', { exact: true }).fill('https://mobile.example.test/cb');
    await page.getByRole('radio', { name: /^Public/ }).check();
    await page.getByLabel('Default application').check();
    await page.getByRole('button', { name: 'Register application' }).click();
    await page.getByText('Mobile registered. It is public, so it has no secret.').waitFor();
    await rowOf('Mobile').getByText('Default', { exact: true }).waitFor();
    expect(
      await rowOf('Mobile')
        .getByRole('button', { name: /Rotate/ })
        .count(),
    ).toBe(0);

    await page.getByRole('button', { name: 'Make default: Portal' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Portal is now the default application.').waitFor();
    await rowOf('Portal').getByText('Default', { exact: true }).waitFor();
    expect(await focused().getAttribute('aria-label')).toBe('Edit Portal');
    const apps = await listed();
    expect(apps.map((a) => [a.name, a.isDefault])).toEqual([
      ['Portal', true],
      ['Mobile', false],
    ]);
  });

  it('rotates the secret only after a confirmation, and the new one differs', async () => {
    await page.getByRole('button', { name: 'Rotate secret of Portal' }).click();
    await page.getByText('Rotate the client secret of Portal? The current secret stops').waitFor();
    violations.push(...(await h.audit(page, 'applications-confirm')));
    await page.keyboard.press('Escape');
    expect(await focused().getAttribute('aria-label')).toBe('Rotate secret of Portal');
    expect((await listed())[0]!.secretHint).toBe(firstSecret.slice(0, 7));

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText('New secret for Portal: copy it now').waitFor();
    await page.getByRole('heading', { name: 'Client secret of Portal' }).waitFor();
    const second = await secretField().inputValue();
    expect(second).toMatch(/^cs_/);
    expect(second).not.toBe(firstSecret);
    expect((await listed())[0]!.secretHint).toBe(second.slice(0, 7));
  });

  it("edits a redirect URI, and an invalid one shows the API's message beside the form", async () => {
    await page.getByRole('button', { name: 'Edit Portal' }).click();
    await page.getByRole('heading', { name: 'Edit Portal' }).waitFor();
    const uris = page.getByLabel('Redirect URIs', { exact: true });
    expect(await uris.inputValue()).toBe(
      'https://portal.example.test/callback\nhttp://localhost:3000/callback',
    );
    await uris.fill('https://portal.example.test/callback\n\nnot a url');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .locator('#form-status')
      .getByText('Portal was not saved: Redirect URIs, line 3: "not a url" is not an absolute URL')
      .waitFor();
    expect(await uris.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId()).toBe('app-redirect-uris');
    violations.push(...(await h.audit(page, 'applications-error')));

    await uris.fill('https://portal.example.test/oidc/callback');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes to Portal saved.').waitFor();
    await rowOf('Portal').getByText('https://portal.example.test/oidc/callback').waitFor();
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    expect((await listed())[0]).toMatchObject({
      redirectUris: ['https://portal.example.test/oidc/callback'],
      isDefault: true,
      clientType: 'confidential',
    });
    await page.reload();
    await rowOf('Mobile').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await documentScreenshot(page, 'applications-page.png');
  });

  it('deletes an application only after a confirmation, leaving an edit of another open', async () => {
    await page.getByRole('button', { name: 'Edit Portal' }).click();
    await page.getByRole('button', { name: 'Delete Mobile' }).click();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await rowOf('Mobile').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete Mobile' }).click();
    await page.getByRole('group').getByRole('button', { name: 'Delete Mobile' }).click();
    await page.getByText('Mobile deleted.').waitFor();
    expect(await rowOf('Mobile').count()).toBe(0);
    expect(await focusedId()).toBe('applications-heading');
    expect((await listed()).map((a) => a.name)).toEqual(['Portal']);
    await page.getByRole('heading', { name: 'Edit Portal' }).waitFor();
    await page.getByRole('button', { name: 'Cancel editing' }).click();
    await page.getByText('Changes to Portal discarded.').waitFor();
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    violations.push(...(await h.audit(page, 'applications-after-delete')));
  });

  it('has no serious or critical accessibility violation, CSP refusal or script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
  });
});
