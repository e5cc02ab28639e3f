import * as oidc from 'openid-client';
import {
  HttpBrowser,
  createUserWithPassword,
  startListeningApp,
  type ListeningApp,
} from '../support/oidc-harness';
import { sha256Hex } from '../../src/platform/crypto/secrets';
import { buildSignIn } from '../../src/app/build-application';
import { waitFor } from '../support/welcome-harness';

const PASSWORD = 'Analytical-Engine-1843';
let app: ListeningApp;
let issuer: string;
let client: { clientId: string; clientSecret: string };
let config: oidc.Configuration;
// oidc-provider prints (once per process, outside our JSON log) when something read a request
// body before it: watched from the first request of this file to its last.
const consoleWarn = jest.spyOn(console, 'warn');
const redirectUri = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
  app = await startListeningApp('oidcprovider', { OIDC_TOKEN_LIMIT_PER_MINUTE: '40' });
  issuer = `${app.baseUrl}/oidc/default`;
  const created = await app.t
    .http()
    .post('/api/admin/applications')
    .set('Authorization', `Bearer ${app.admin}`)
    .send({
      name: 'CRM',
      redirectUris: [redirectUri],
      postLogoutRedirectUris: ['http://127.0.0.1:9/bye'],
    })
    .expect(201);
  client = { clientId: created.body.clientId, clientSecret: created.body.clientSecret };
  config = await oidc.discovery(
    new URL(issuer),
    client.clientId,
    client.clientSecret,
    oidc.ClientSecretBasic(client.clientSecret),
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
}, 60_000);
afterAll(async () => app?.close());

/** Runs the authorization request in a cookie-keeping HTTP client and signs in; returns the callback URL. */
async function authorize(
  params: Record<string, string>,
  credentials = { email: 'ada@example.test', password: PASSWORD },
  rp = config,
) {
  const browser = new HttpBrowser(app.baseUrl);
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: redirectUri,
    scope: 'openid email',
    ...params,
  });
  const page = await browser.follow(url.href);
  if (page.res.status !== 200) return { browser, url: page.url, status: page.res.status, html: '' };
  const html = await page.res.text();
  if (!/<form method="post" action="\/oidc\//.test(html))
    return { browser, url: page.url, status: page.res.status, html };
  const done = await browser.signIn(page.url, html, credentials.email, credentials.password);
  return { browser, url: done.url, status: done.res.status, html: '' };
}

async function codeFlow(extra: Record<string, string> = {}, rp = config) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const result = await authorize(
    {
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    },
    undefined,
    rp,
  );
  return { ...result, verifier, state, nonce };
}

let userId: string;

describe('the OpenID Connect provider of a tenant', () => {
  beforeAll(async () => {
    userId = await createUserWithPassword(app, 'ada@example.test', PASSWORD);
  });

  it('publishes discovery from PUBLIC_BASE_URL (never the Host header): code flow only, PKCE S256, iss in responses', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      headers: { host: 'evil.example' },
    });
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(issuer);
    expect(meta.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(meta.token_endpoint).toBe(`${issuer}/token`);
    expect(meta.jwks_uri).toBe(`${issuer}/jwks`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    expect(meta.end_session_endpoint).toBe(`${issuer}/session/end`);
    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  });

  it('signs a user in with the code flow; the sign-in is recorded as the first (method oidc)', async () => {
    const flow = await codeFlow();
    expect(flow.url.startsWith(redirectUri)).toBe(true);
    expect(new URL(flow.url).searchParams.get('iss')).toBe(issuer);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(flow.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    expect(tokens.claims()).toMatchObject({
      sub: userId,
      email: 'ada@example.test',
      email_verified: false,
    });
    const user = await app.t.ctx.directory.users.findById('default', userId);
    expect(user?.firstSignInMethod).toBe('oidc');
    expect(user?.firstSignInAt).toBeInstanceOf(Date);

    // A replayed code is refused.
    await expect(
      oidc.authorizationCodeGrant(config, new URL(flow.url), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('stores codes, tokens and sessions only under their hashes', async () => {
    const flow = await codeFlow();
    const code = new URL(flow.url).searchParams.get('code')!;
    const docs = await app.t.ctx.conn.collection('oidc_state').find({}).toArray();
    const dump = JSON.stringify(docs);
    expect(docs.length).toBeGreaterThan(0);
    expect(dump).not.toContain(code);
    expect(dump).toContain(sha256Hex(`AuthorizationCode:default:${code}`));
    const apps = JSON.stringify(await app.t.ctx.conn.collection('applications').find({}).toArray());
    expect(apps).not.toContain(client.clientSecret);
    const keys = JSON.stringify(
      await app.t.ctx.conn.collection('oidc_signing_keys').find({}).toArray(),
    );
    expect(keys).not.toMatch(/"d":/);
  });

  it('rotates refresh tokens and revokes the grant when a rotated one is replayed', async () => {
    const flow = await codeFlow({ scope: 'openid email offline_access', prompt: 'consent' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(flow.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    const first = tokens.refresh_token!;
    const second = await oidc.refreshTokenGrant(config, first);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first);
    await expect(oidc.refreshTokenGrant(config, first)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The replay revoked the grant: the newest token is gone too.
    await expect(oidc.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a redirect URI that is not registered exactly', async () => {
    const browser = new HttpBrowser(app.baseUrl);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${redirectUri}/other`,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const page = await browser.follow(url.href);
    expect(page.res.status).toBe(400);
    expect(await page.res.text()).toContain('redirect_uri');
  });

  it('refuses an authorization request without PKCE, or with plain PKCE', async () => {
    const without = await authorize({ state: 's1' });
    expect(new URL(without.url).searchParams.get('error')).toBe('invalid_request');
    const plain = await authorize({
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'plain',
      state: 's2',
    });
    expect(new URL(plain.url).searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a wrong client secret', async () => {
    const flow = await codeFlow();
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:wrong-secret`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: new URL(flow.url).searchParams.get('code')!,
        redirect_uri: redirectUri,
        code_verifier: flow.verifier,
      }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('never signs in a user of another tenant, nor serves a client of another tenant', async () => {
    await app.t.ctx.tenants.ensureTenant('other', 'Other');
    const otherScim = (await app.t.ctx.tenants.createScimToken('other', 'Okta')).token;
    await createUserWithPassword(app, 'grace@example.test', PASSWORD, otherScim);
    const flow = await authorize(
      {
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      },
      { email: 'grace@example.test', password: PASSWORD },
    );
    expect(flow.status).toBe(401);
    expect(flow.url.startsWith(redirectUri)).toBe(false);

    const otherConfig = await oidc.discovery(
      new URL(`${app.baseUrl}/oidc/other`),
      client.clientId,
      client.clientSecret,
      oidc.ClientSecretBasic(client.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const page = await new HttpBrowser(app.baseUrl).follow(
      oidc.buildAuthorizationUrl(otherConfig, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }).href,
    );
    expect(page.res.status).toBe(400);
    expect(await page.res.text()).toContain('invalid_client');
  });

  it('ends the session on RP-initiated logout: the next authorization asks for the password again', async () => {
    const flow = await codeFlow();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(flow.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    const { browser } = flow;
    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://127.0.0.1:9/bye',
    });
    const confirm = await browser.follow(logout.href);
    const html = await confirm.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();
    const ended = await browser.request(new URL(action!, confirm.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(ended.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/bye/);
    // Same browser, new authorization: the provider asks for the password again.
    const again = await browser.follow(
      oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }).href,
    );
    expect(again.url).toContain('/oidc/default/interaction/');
    expect(await again.res.text()).toContain('name="password"');
  });

  it('leaves every request body to the provider, which parses it itself', async () => {
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'nope',
        redirect_uri: redirectUri,
        code_verifier: 'y'.repeat(43),
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    });
    // The provider read the fields (it knows the client, so the code is what it refuses).
    expect([400, 401]).toContain(res.status);
    expect(((await res.json()) as { error: string }).error).toMatch(/invalid_(grant|client)/);
    const warnings = consoleWarn.mock.calls.map((call) => call.map(String).join(' '));
    expect(warnings.filter((w) => w.includes('oidc-provider'))).toEqual([]);
  });

  it('signs a user in to a public client (a single-page app: no secret, PKCE) and answers its userinfo request', async () => {
    const created = await app.t
      .http()
      .post('/api/admin/applications')
      .set('Authorization', `Bearer ${app.admin}`)
      .send({ name: 'SPA', redirectUris: [redirectUri], tokenEndpointAuthMethod: 'none' })
      .expect(201);
    expect(created.body.clientSecret).toBeNull();
    const spa = await oidc.discovery(
      new URL(issuer),
      created.body.clientId,
      undefined,
      oidc.None(),
      { execute: [oidc.allowInsecureRequests] },
    );
    const flow = await codeFlow({}, spa);
    const tokens = await oidc.authorizationCodeGrant(spa, new URL(flow.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    expect(tokens.claims()).toMatchObject({ sub: userId, aud: created.body.clientId });
    const info = await oidc.fetchUserInfo(spa, tokens.access_token, userId);
    expect(info).toMatchObject({ sub: userId, email: 'ada@example.test' });
    // Without the PKCE verifier the code is worth nothing to whoever intercepted it.
    const stolen = await codeFlow({}, spa);
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: new URL(stolen.url).searchParams.get('code')!,
        redirect_uri: redirectUri,
        client_id: created.body.clientId,
        code_verifier: oidc.randomPKCECodeVerifier(),
      }).toString(),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('prompt=none answers with a code while the browser has a session, and login_required without one', async () => {
    const first = await codeFlow();
    const silently = async (browser: HttpBrowser) => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        prompt: 'none',
        state,
      });
      const done = await browser.follow(url.href);
      return { url: done.url, verifier, state };
    };
    const withSession = await silently(first.browser);
    expect(withSession.url.startsWith(redirectUri)).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(withSession.url), {
      pkceCodeVerifier: withSession.verifier,
      expectedState: withSession.state,
    });
    expect(tokens.claims()?.sub).toBe(userId);
    const without = await silently(new HttpBrowser(app.baseUrl));
    expect(without.url.startsWith(redirectUri)).toBe(true);
    expect(new URL(without.url).searchParams.get('error')).toBe('login_required');
  });

  it('limits token requests per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        },
        body: 'grant_type=authorization_code&code=nope&redirect_uri=x&code_verifier=y',
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(0);
  });
});

describe('signing keys', () => {
  it('a rotation publishes the new signing key first and keeps the retired one in JWKS', async () => {
    const before = (await (await fetch(`${issuer}/jwks`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    const { kid, retired } = await buildSignIn(app.t.ctx).rotateKeys();
    expect(retired).toEqual(before.keys.map((k) => k.kid));
    // The server noticed the rotation made elsewhere (as a CLI's) within its key check interval.
    const after = await waitFor(
      async () =>
        (
          (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> }
        ).keys.map((k) => k.kid),
      (kids) => kids[0] === kid,
      15_000,
    );
    expect(after).toEqual([kid, ...retired]);
  }, 60_000);
});
