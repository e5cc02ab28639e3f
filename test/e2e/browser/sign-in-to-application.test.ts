import type { Page } from 'playwright-core';
import * as oidc from 'openid-client';
import { adminSession } from '../../support/test-app';
import {
  registerAsDefaultApplication,
  startRelyingParty,
  type RelyingParty,
} from '../../support/relying-party';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';
import { waitFor } from '../../support/welcome-harness';

let h: BrowserHarness;
let rp: RelyingParty;
let admin: string;
let client: { clientId: string; clientSecret: string };
const issuerPath = '/oidc/default';

beforeAll(async () => {
  h = await startBrowserHarness('browseroidc');
  admin = await adminSession(h.t);
  await h.t
    .http()
    .patch('/api/identity-manager/settings')
    .set('Authorization', `Bearer ${admin}`)
    .send({ sendWelcomeEmail: true })
    .expect(200);
  rp = await startRelyingParty({
    issuer: `${h.baseUrl}${issuerPath}`,
    clientId: () => client.clientId,
    clientSecret: () => client.clientSecret,
  });
  client = await registerAsDefaultApplication(h.t, admin, rp);
}, 60_000);
afterAll(async () => {
  await rp?.close();
  await h?.close();
});

describe('the welcome email ends in the application (OpenID Connect)', () => {
  let page: Page;
  let userId: string;

  it('SCIM create → welcome email → confirm → new password → signed in to the application, no second password', async () => {
    userId = await h.createScimUser('kari@example.test', 'Kari', 'Nordmann');
    const { link, text } = await h.welcomeEmail('kari@example.test');
    // The email says where the link leads: the tenant's default application.
    expect(text).toContain('Afterwards you go straight on to SuperOffice CRM.');
    ({ page } = await h.newPage());
    await page.goto(link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('New password').fill('Shortest-Path-1959');
    await page.getByLabel('Repeat the password').fill('Shortest-Path-1959');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
    expect(new URL(page.url()).origin).toBe(rp.url);
    expect(await page.locator('#who').textContent()).toBe('kari@example.test');

    const claims = rp.last!.claims;
    expect(claims).toMatchObject({
      iss: `${h.baseUrl}${issuerPath}`,
      aud: client.clientId,
      sub: userId,
      email: 'kari@example.test',
      email_verified: true,
      given_name: 'Kari',
      family_name: 'Nordmann',
      name: 'Kari Nordmann',
      preferred_username: 'kari@example.test',
      groups: [],
    });
  });

  it('the first sign-in is an event, and the welcome email can no longer be resent', async () => {
    const types = await waitFor(
      async () => {
        const res = await h.t
          .http()
          .get('/api/admin/events?limit=50')
          .set('Authorization', `Bearer ${admin}`)
          .expect(200);
        return (res.body.data as Array<{ type: string }>).map((e) => e.type);
      },
      (seen) => seen.includes('user.first_sign_in'),
    );
    expect(types).toContain('user.first_sign_in');
    await h.t
      .http()
      .post(`/api/admin/users/${userId}/welcome-email`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
  });

  it('a forgotten password: the reset email names the application, and the new password lands in it', async () => {
    const { page: fresh } = await h.newPage();
    await fresh.goto('/reset-password');
    await fresh.getByLabel('Email address').fill('kari@example.test');
    await fresh.getByRole('button', { name: 'Send link' }).click();
    await fresh.getByRole('heading', { name: 'Check your email' }).waitFor();
    const { link, text } = await h.resetEmail('kari@example.test');
    expect(text).toContain(
      'After you choose a new password, you go straight on to SuperOffice CRM.',
    );
    await fresh.goto(link);
    await fresh.getByLabel('New password').fill('Longest-Path-1960');
    await fresh.getByLabel('Repeat the password').fill('Longest-Path-1960');
    await fresh.getByRole('button', { name: 'Save new password' }).click();
    await fresh.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
    expect(new URL(fresh.url()).origin).toBe(rp.url);
    expect(await fresh.locator('#who').textContent()).toBe('kari@example.test');
    expect(rp.last!.claims.sub).toBe(userId);
  });

  it('a refresh works while the user is active and fails once SCIM deactivates them', async () => {
    const config = await rp.config();
    const refreshed = await oidc.refreshTokenGrant(config, rp.last!.tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
    await h.t
      .http()
      .patch(`/scim/v2/Users/${userId}`)
      .set('Authorization', `Bearer ${h.scim}`)
      .set('Content-Type', 'application/scim+json')
      .send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      })
      .expect(200);
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // What the user held at the provider (session, grant, tokens) is gone, not only refused.
    expect(await h.t.ctx.conn.collection('oidc_state').countDocuments({ accountId: userId })).toBe(
      0,
    );
  });

  it('no page had a CSP refusal or a script error', () => {
    expect(h.browserProblems()).toEqual([]);
  });
});
