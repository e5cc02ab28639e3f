import type { Page } from 'playwright-core';
import { hashPassword } from '../../../src/platform/crypto/secrets';
import { adminSession } from '../../support/test-app';
import {
  registerAsDefaultApplication,
  startRelyingParty,
  type RelyingParty,
} from '../../support/relying-party';
import { startUpstreamIdp, type UpstreamIdp } from '../../support/upstream-idp';
import { waitFor } from '../../support/welcome-harness';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

let h: BrowserHarness;
let rp: RelyingParty;
let idp: UpstreamIdp;
let admin: string;
let client: { clientId: string; clientSecret: string };

const api = () => h.t.http();

async function scimUser(userName: string, externalId: string): Promise<string> {
  const res = await api()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${h.scim}`)
    .set('Content-Type', 'application/scim+json')
    .send({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      externalId,
      name: { givenName: 'Kari', familyName: 'Nordmann' },
      emails: [{ value: userName, primary: true }],
    })
    .expect(201);
  return res.body.id as string;
}

/** The customer's IdP login and consent pages (oidc-provider's development interactions). */
async function signInAtIdp(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('whatever the IdP checks');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

beforeAll(async () => {
  h = await startBrowserHarness('browsersso', { env: { UPSTREAM_ALLOW_PRIVATE_ISSUERS: 'true' } });
  admin = await adminSession(h.t);
  idp = await startUpstreamIdp({
    redirectUri: `${h.baseUrl}/oidc/default/upstream/callback`,
    accounts: {
      kari: { oid: 'entra-oid-kari', email: 'kari@example.test' },
      ola: { oid: 'entra-oid-ola', email: 'ola@example.test' },
      stranger: { oid: 'entra-oid-nobody', email: 'stranger@example.test' },
    },
  });
  rp = await startRelyingParty({
    issuer: `${h.baseUrl}/oidc/default`,
    clientId: () => client.clientId,
    clientSecret: () => client.clientSecret,
  });
  await api()
    .patch('/api/identity-manager/settings')
    .set('Authorization', `Bearer ${admin}`)
    .send({ sendWelcomeEmail: true })
    .expect(200);
  client = await registerAsDefaultApplication(h.t, admin, rp);
}, 90_000);
afterAll(async () => {
  await rp?.close();
  await idp?.close();
  await h?.close();
});

describe("single sign-on through the tenant's own identity provider", () => {
  it('refuses a connection whose issuer does not match its discovery, or whose client secret is wrong', async () => {
    const wrongIssuer = await api()
      .put('/api/admin/sign-in/upstream')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        issuer: idp.issuer.replace('127.0.0.1', 'localhost'),
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      });
    expect(wrongIssuer.status).toBe(400);
    expect(JSON.stringify(wrongIssuer.body)).toMatch(/issuer/);
    const wrongSecret = await api()
      .put('/api/admin/sign-in/upstream')
      .set('Authorization', `Bearer ${admin}`)
      .send({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(400);
    expect(JSON.stringify(wrongSecret.body)).toMatch(/does not accept this client/);
    const unreachable = await api()
      .put('/api/admin/sign-in/upstream')
      .set('Authorization', `Bearer ${admin}`)
      .send({ issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' });
    expect(unreachable.status).toBe(400);
    expect(JSON.stringify(unreachable.body)).toMatch(/could not read/);
  });

  it('saves the connection (secret never shown again) and turns single sign-on on', async () => {
    const saved = await api()
      .put('/api/admin/sign-in/upstream')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        claim: 'oid',
        attribute: 'externalId',
      })
      .expect(200);
    expect(JSON.stringify(saved.body)).not.toContain(idp.clientSecret);
    expect(saved.body.upstream).toMatchObject({
      issuer: idp.issuer,
      claim: 'oid',
      attribute: 'externalId',
    });
    const stored = JSON.stringify(
      await h.t.ctx.conn.collection('upstream_connections').find().toArray(),
    );
    expect(stored).not.toContain(idp.clientSecret);
    await api()
      .patch('/api/admin/sign-in')
      .set('Authorization', `Bearer ${admin}`)
      .send({ mode: 'sso' })
      .expect(200);
  });

  it('SCIM create → "sign in with your company account" → IdP → signed in to the application; resend then 409', async () => {
    const userId = await scimUser('kari@example.test', 'entra-oid-kari');
    const mail = await h.welcomeEmail('kari@example.test');
    expect(mail.text).toContain('Sign in with your company account');
    const { page } = await h.newPage();
    await page.goto(mail.link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await signInAtIdp(page, 'kari');
    await page.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
    expect(rp.last!.claims).toMatchObject({ sub: userId, email: 'kari@example.test' });
    const user = await h.t.ctx.directory.users.findById('default', userId);
    expect(user?.firstSignInMethod).toBe('sso');
    await api()
      .post(`/api/admin/users/${userId}/welcome-email`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    const links = await h.t.ctx.Link.find({ userId, purpose: 'welcome' }).lean();
    expect(links.every((l) => l.usedAt || l.revokedAt)).toBe(true);
    const events = await waitFor(
      async () =>
        await h.t.ctx.conn.collection('events').find({ type: 'user.first_sign_in' }).toArray(),
      (list) => list.length > 0,
    );
    expect(JSON.stringify(events)).toContain('sso');
  });

  it('the application sign-in page offers the company account; a later sign-in goes straight through', async () => {
    const { page } = await h.newPage();
    await page.goto(`${rp.url}/login?iss=${encodeURIComponent(`${h.baseUrl}/oidc/default`)}`);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await signInAtIdp(page, 'kari');
    await page.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
  });

  it('our own sign-in page offers the company account too, and leads on into the application', async () => {
    const { page } = await h.newPage();
    await page.goto(`${h.baseUrl}/sign-in?tenant=default`);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await signInAtIdp(page, 'kari');
    await page.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
  });

  it('refuses an identity that matches no user, and a deactivated user, with the same page', async () => {
    const { page } = await h.newPage();
    await page.goto(`${rp.url}/login?iss=${encodeURIComponent(`${h.baseUrl}/oidc/default`)}`);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await signInAtIdp(page, 'stranger');
    await page.getByRole('heading', { name: 'We could not sign you in' }).waitFor();
    expect(await page.content()).not.toContain('stranger');

    const olaId = await scimUser('ola@example.test', 'entra-oid-ola');
    await api()
      .patch(`/scim/v2/Users/${olaId}`)
      .set('Authorization', `Bearer ${h.scim}`)
      .set('Content-Type', 'application/scim+json')
      .send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      })
      .expect(200);
    const second = await h.newPage();
    await second.page.goto(
      `${rp.url}/login?iss=${encodeURIComponent(`${h.baseUrl}/oidc/default`)}`,
    );
    await second.page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await signInAtIdp(second.page, 'ola');
    await second.page.getByRole('heading', { name: 'We could not sign you in' }).waitFor();
    expect((await h.t.ctx.directory.users.findById('default', olaId))?.firstSignInAt).toBeFalsy();
  });

  it('refuses an ID token for another audience, and a callback with a tampered state', async () => {
    idp.tamperAudience = true;
    try {
      const { page } = await h.newPage();
      await page.goto(`${rp.url}/login?iss=${encodeURIComponent(`${h.baseUrl}/oidc/default`)}`);
      await page.getByRole('link', { name: 'Sign in with your company account' }).click();
      await signInAtIdp(page, 'kari');
      await page.getByText('The sign-in with your company account did not complete').waitFor();
    } finally {
      idp.tamperAudience = false;
    }
    const tampered = await api().get(
      '/oidc/default/upstream/callback?code=abc&state=not-a-state-we-issued',
    );
    expect(tampered.status).toBe(400);
  });

  it('matches on a claim the identity provider gives only at its userinfo endpoint', async () => {
    const strict = await startUpstreamIdp({
      redirectUri: `${h.baseUrl}/oidc/default/upstream/callback`,
      accounts: {
        kari: { oid: 'entra-oid-kari', email: 'kari@example.test' },
        lars: { oid: 'entra-oid-lars', email: 'lars@example.test' },
      },
      claimsAtUserinfoOnly: true,
    });
    const viaCompanyAccount = async (login: string) => {
      const { page } = await h.newPage();
      await page.goto(`${rp.url}/login?iss=${encodeURIComponent(`${h.baseUrl}/oidc/default`)}`);
      await page.getByRole('link', { name: 'Sign in with your company account' }).click();
      await signInAtIdp(page, login);
      return page;
    };
    const connect = (to: UpstreamIdp, claim: string, attribute: string) =>
      api()
        .put('/api/admin/sign-in/upstream')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          issuer: to.issuer,
          clientId: to.clientId,
          clientSecret: to.clientSecret,
          claim,
          attribute,
        })
        .expect(200);
    try {
      // Matched by email = userName; this provider's ID token carries no email.
      await connect(strict, 'email', 'userName');
      const page = await viaCompanyAccount('kari');
      await page.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
      const kari = await h.t.ctx.directory.users.collection.findOne({
        userName: 'kari@example.test',
      } as never);
      // oidc-provider's subject is the account id.
      expect(kari!.upstreamIdentity).toEqual({ iss: strict.issuer, sub: 'kari' });

      // A userinfo answer about another subject is not used to match anyone.
      await scimUser('lars@example.test', 'entra-oid-lars');
      strict.tamperUserinfoSubject = true;
      const refused = await viaCompanyAccount('lars');
      await refused.getByText('The sign-in with your company account did not complete').waitFor();
      // An identity already matched here does not need userinfo at all.
      const again = await viaCompanyAccount('kari');
      await again.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
    } finally {
      await connect(idp, 'oid', 'externalId');
      await strict.close();
    }
  });

  it('a password does not sign in a SCIM user of a tenant on single sign-on, and no reset is sent', async () => {
    const user = await h.t.ctx.directory.users.collection.findOne({
      userName: 'kari@example.test',
    } as never);
    await h.t.ctx.directory.users.collection.updateOne({ _id: user!._id } as never, {
      $set: { passwordHash: await hashPassword('Shortest-Path-1959') },
    });
    const signInWith = () =>
      api()
        .post('/api/auth/sign-in')
        .send({ email: 'kari@example.test', password: 'Shortest-Path-1959', tenant: 'default' });
    const resets = () => h.t.ctx.MailJob.countDocuments({ userId: user!._id });
    const mode = (value: string) =>
      api()
        .patch('/api/admin/sign-in')
        .set('Authorization', `Bearer ${admin}`)
        .send({ mode: value })
        .expect(200);

    expect((await signInWith()).status).toBe(401);
    await api()
      .post(`/api/admin/users/${user!._id}/password-reset`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    const before = await resets();
    await api()
      .post('/api/password-reset')
      .send({ email: 'kari@example.test', tenant: 'default' })
      .expect(202);
    expect(await resets()).toBe(before);

    // The same user and password in mode "both": the password works and a reset is queued.
    await mode('both');
    try {
      expect((await signInWith()).status).toBe(200);
      await api()
        .post('/api/password-reset')
        .send({ email: 'kari@example.test', tenant: 'default' })
        .expect(202);
      expect(await resets()).toBe(before + 1);
    } finally {
      await mode('sso');
    }
  });

  it('no page had a CSP refusal or a script error', () => {
    expect(h.browserProblems()).toEqual([]);
  });
});
