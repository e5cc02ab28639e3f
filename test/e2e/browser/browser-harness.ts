import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createOutbox } from '../../../src/app/build-application';
import { DEFAULT_TENANT } from '../../../src/tenants/tenant-library';
import { listeningServer } from '../../support/listen';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/welcome-harness';

const ROOT = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// A ceiling for a hung browser test, not a speed figure: with Chromium, a jest worker and the
// database sharing 2 busy cores, jest's default 30 s was reached by tests that were only slow.
jest.setTimeout(120_000);
export const ADMIN_EMAIL = 'admin@default.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  scim: string;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) with its own page. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  /** Opens `path`; when sent to sign in, signs in as the administrator and comes back. */
  openAsAdmin(page: Page, pagePath: string): Promise<void>;
  /** Screenshot under test-results/ and an axe-core run; returns serious and critical violations. */
  audit(page: Page, name: string): Promise<string[]>;
  /** Problems the browser reported: CSP refusals and uncaught script errors. */
  browserProblems(): string[];
  createScimUser(userName: string, givenName: string, familyName: string): Promise<string>;
  /** Waits until the outbox transport has stored `count` messages to `address`. */
  waitForOutbox(address: string, count: number): Promise<void>;
  /** The first email to `address` (waited for): its text and the welcome link in it. */
  welcomeEmail(address: string): Promise<{ link: string; text: string }>;
  /** The first password-reset email to `address` in the mailbox, its link and text. */
  resetEmail(address: string): Promise<{ link: string; text: string }>;
  close(): Promise<void>;
}

/**
 * Compiles the client scripts as `npm run build` does, unless dist/ui-static is up to date.
 * Test files run in parallel: each compiles to its own directory and renames the files into
 * place, so a server never reads a half-written script.
 */
function compileClientScripts(): void {
  const sourceDir = path.join(ROOT, 'src/ui/admin/client');
  const outDir = path.join(ROOT, 'dist/ui-static');
  const sources = readdirSync(sourceDir);
  const newest = Math.max(...sources.map((f) => statSync(path.join(sourceDir, f)).mtimeMs));
  const outputs = sources
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(outDir, f.replace(/\.ts$/, '.js')));
  if (outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ui-static-'));
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [tsc, '-p', path.join(sourceDir, 'tsconfig.json'), '--outDir', scratch],
    { stdio: 'pipe' },
  );
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(scratch)) {
    const staging = path.join(outDir, `.${file}.${process.pid}`);
    copyFileSync(path.join(scratch, file), staging);
    renameSync(staging, path.join(outDir, file));
  }
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * The real app on a real port whose PUBLIC_BASE_URL is that address (so links in emails
 * work), the outbox worker writing to the development mailbox, and one headless Chromium.
 */
export async function startBrowserHarness(
  name: string,
  options: { now?: () => Date; env?: Record<string, string> } = {},
): Promise<BrowserHarness> {
  compileClientScripts();
  const { server, url: baseUrl } = await listeningServer();
  const t = await createTestApp(
    name,
    {
      PUBLIC_BASE_URL: baseUrl,
      EMAIL_TRANSPORT: 'outbox',
      OUTBOX_POLL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '20',
      ...options.env,
    },
    { now: options.now },
  ).catch((error: unknown) => {
    server.close(); // nothing else holds it yet
    throw error;
  });
  await t.ctx.tenants.ensureAdministrator(DEFAULT_TENANT, ADMIN_EMAIL, ADMIN_PASSWORD);
  server.on('request', t.app);
  const worker = createOutbox(t.ctx);
  worker.start();
  const scim = await scimToken(t);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const problems: string[] = [];
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const shots = path.join(ROOT, 'test-results', 'browser');
  mkdirSync(shots, { recursive: true });

  return {
    t,
    baseUrl,
    scim,
    browser,
    async newPage() {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1280, height: 860 },
      });
      context.on('page', (opened) => {
        opened.setDefaultTimeout(10_000);
        opened.on('console', (message) => {
          if (
            message.type() === 'error' &&
            /Content Security Policy|Refused to/i.test(message.text())
          )
            problems.push(message.text());
        });
        opened.on('pageerror', (error) => problems.push(`${opened.url()}: ${error.message}`));
      });
      const page = await context.newPage();
      return { context, page };
    },
    async openAsAdmin(page, pagePath) {
      await page.goto(pagePath);
      if (new URL(page.url()).pathname === '/sign-in') {
        await page.getByLabel('Email address').fill(ADMIN_EMAIL);
        await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname === pagePath.split('?')[0]);
      }
    },
    async audit(page, name) {
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
      // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') is untouched.
      await page.evaluate(axeSource);
      const results = await page.evaluate<AxeResults>('axe.run()');
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    },
    browserProblems: () => [...problems],
    async createScimUser(userName, givenName, familyName) {
      const res = await t
        .http()
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${scim}`)
        .set('Content-Type', 'application/scim+json')
        .send({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          name: { givenName, familyName },
          emails: [{ value: userName, type: 'work', primary: true }],
          active: true,
        });
      if (res.status !== 201)
        throw new Error(`SCIM create failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
    async waitForOutbox(address, count) {
      const messages = t.ctx.conn.collection('outbox_messages');
      await waitFor(
        () => messages.countDocuments({ to: address }),
        (n) => n >= count,
      );
    },
    async welcomeEmail(address) {
      const messages = t.ctx.conn.collection('outbox_messages');
      const message = await waitFor(
        () => messages.findOne({ to: address }),
        (found) => found !== null,
      );
      const text = String(message?.text);
      const link = /https?:\/\/[^\s"<]+\/welcome\/[A-Za-z0-9_-]+/.exec(text)?.[0];
      if (!link) throw new Error(`no welcome link in the email to ${address}`);
      return { link, text };
    },
    async resetEmail(address) {
      const messages = t.ctx.conn.collection('outbox_messages');
      const message = await waitFor(
        () => messages.findOne({ to: address, text: /\/reset-password\// }),
        (found) => found !== null,
      );
      const text = String(message?.text);
      const link = /https?:\/\/[^\s"<]+\/reset-password\/[A-Za-z0-9_-]+/.exec(text)?.[0];
      if (!link) throw new Error(`no reset link in the email to ${address}`);
      return { link, text };
    },
    async close() {
      await browser.close();
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

/**
 * Clicks a link inside the mailbox's sandboxed email preview, as a reader would, and returns
 * the tab it opens. Playwright cannot look inside a frame whose scripts are disabled, so the
 * link's position is measured on an unsandboxed copy of the same markup at the same size.
 */
export async function clickLinkInEmail(page: Page, linkText: string): Promise<Page> {
  const frame = page.locator('#preview-body iframe');
  await frame.scrollIntoViewIfNeeded();
  const box = await frame.boundingBox();
  const srcdoc = await frame.getAttribute('srcdoc');
  if (!box || srcdoc === null) throw new Error('no email preview on the page');
  const probe = await page.context().newPage();
  const attribute = srcdoc.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const style = `width:${box.width}px;height:${box.height}px;border:1px solid;display:block`;
  await probe.setContent(
    `<body style="margin:0"><iframe style="${style}" srcdoc="${attribute}"></iframe>`,
  );
  const spot = await probe
    .frameLocator('iframe')
    .getByRole('link', { name: linkText })
    .boundingBox();
  await probe.close();
  if (!spot) throw new Error(`no link "${linkText}" in the email`);
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    page.mouse.click(box.x + spot.x + spot.width / 2, box.y + spot.y + spot.height / 2),
  ]);
  await tab.waitForLoadState();
  return tab;
}

/** Copies a screenshot into docs/ (committed; the README shows it). */
export async function documentScreenshot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: path.join(ROOT, 'docs', file), fullPage: false });
}
