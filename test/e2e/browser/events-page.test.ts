import type { BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';
import { waitFor } from '../../support/welcome-harness';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

jest.setTimeout(60_000);

let h: BrowserHarness;
let receiver: WebhookReceiver;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  h = await startBrowserHarness('browserevents', {
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
  });
  ({ context, page } = await h.newPage());
}, 60_000);
afterAll(async () => {
  await context?.close();
  await h?.close();
  await receiver?.close();
});

describe('Identity Manager → Events and webhooks in a real browser', () => {
  it('is reached from the navigation and shows its three sections', async () => {
    await h.openAsAdmin(page, '/identity-manager');
    await page.getByRole('link', { name: 'Events and webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Events and webhooks' }).waitFor();
    for (const name of ['Webhook endpoints', 'Event-reader credentials', 'Recent events']) {
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    violations.push(...(await h.audit(page, 'events-empty')));
  });

  it('an endpoint added with the keyboard shows its secret once, and receives signed events', async () => {
    await page.getByLabel('URL').focus();
    await page.keyboard.type(receiver.url);
    await page.getByLabel('user.created').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('URL').focus();
    await page.keyboard.press('Enter');
    await page.getByText('Endpoint added. Copy its signing secret now').waitFor();
    const secret = await page.getByLabel('Signing secret (shown once: copy it now)').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('cell', { name: receiver.url, exact: true }).waitFor();
    await h.createScimUser('ada@example.test', 'Ada', 'Lovelace');
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= 1,
    );
    const event = new Webhook(secret).verify(
      receiver.received[0]!.body,
      receiver.received[0]!.headers,
    ) as {
      type: string;
    };
    expect(event.type).toBe('user.created');
    await page
      .locator('#tail li', { hasText: 'user.created' })
      .first()
      .waitFor({ timeout: 15_000 });
  });

  it('"Send test event" and the delivery log work from the keyboard', async () => {
    await page.getByRole('button', { name: `Send test event to ${receiver.url}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Test event delivered in \d+ ms/).waitFor();
    await page.getByRole('button', { name: `Delivery log of ${receiver.url}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Delivery log: ${receiver.url}` }).waitFor();
    await page.locator('#deliveries-body tr', { hasText: 'webhook.test' }).first().waitFor();
    await page.locator('#deliveries-body tr', { hasText: 'user.created' }).first().waitFor();
    violations.push(...(await h.audit(page, 'events-endpoint')));
  });

  it('an event-reader credential is created once and reads the Events API', async () => {
    await page.getByLabel('Label').fill('Host application');
    await page.getByLabel('Label').press('Enter');
    await page.getByText('Credential created. Copy it now').waitFor();
    const token = await page.getByLabel('Credential (shown once: copy it now)').inputValue();
    expect(token).toMatch(/^evr_/);
    const res = await fetch(`${h.baseUrl}/api/events`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: Array<{ type: string }> }).data[0]!.type).toBe(
      'user.created',
    );
    violations.push(...(await h.audit(page, 'events-credentials')));
  });

  it('has no serious or critical accessibility violation, CSP refusal or script error', () => {
    expect(violations).toEqual([]);
    expect(h.browserProblems()).toEqual([]);
  });
});
