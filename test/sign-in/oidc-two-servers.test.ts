import * as oidc from 'openid-client';
import {
  HttpBrowser,
  createUserWithPassword,
  startListeningApp,
  type ListeningApp,
} from '../support/oidc-harness';

/*
 * Two servers of one deployment (their own connections, provider instances and caches; one
 * database, one PUBLIC_BASE_URL behind a load balancer): whatever one issued, the other honours.
 */
const PASSWORD = 'Difference-Engine-1822';
const redirectUri = 'http://127.0.0.1:9/callback';
let a: ListeningApp & { ownUrl: string };
let b: ListeningApp & { ownUrl: string };
let client: { clientId: string; clientSecret: string };

beforeAll(async () => {
  a = await startListeningApp('oidctwo');
  b = await startListeningApp('oidctwo', {}, a);
  const created = await a.t
    .http()
    .post('/api/admin/applications')
    .set('Authorization', `Bearer ${a.admin}`)
    .send({ name: 'CRM', redirectUris: [redirectUri] })
    .expect(201);
  client = { clientId: created.body.clientId, clientSecret: created.body.clientSecret };
  await createUserWithPassword(a, 'charles@example.test', PASSWORD);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const basic = () =>
  `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;

async function token(server: string, body: Record<string, string>) {
  const res = await fetch(`${server}/oidc/default/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic() },
    body: new URLSearchParams(body).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function authorizationUrl(server: string, verifier: string) {
  const url = new URL(`${server}/oidc/default/auth`);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email offline_access',
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: oidc.randomState(),
  }).toString();
  return url.href;
}

describe('the provider served by two servers on one database', () => {
  it('a code from one is exchanged at the other, its refresh token rotates across both, and the session is shared', async () => {
    const browser = new HttpBrowser(a.ownUrl);
    const verifier = oidc.randomPKCECodeVerifier();
    const page = await browser.follow(await authorizationUrl(a.ownUrl, verifier));
    const done = await browser.signIn(
      page.url,
      await page.res.text(),
      'charles@example.test',
      PASSWORD,
    );
    const code = new URL(done.url).searchParams.get('code')!;
    expect(code).toBeTruthy();

    const exchanged = await token(b.ownUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.id_token).toBeTruthy();
    const rotated = await token(a.ownUrl, {
      grant_type: 'refresh_token',
      refresh_token: exchanged.body.refresh_token!,
    });
    expect(rotated.status).toBe(200);
    const reused = await token(b.ownUrl, {
      grant_type: 'refresh_token',
      refresh_token: exchanged.body.refresh_token!,
    });
    expect(reused.body.error).toBe('invalid_grant');
    const replayed = await token(a.ownUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(replayed.body.error).toBe('invalid_grant');

    // The session cookie set by one server signs the browser in at the other, without a password.
    browser.origins.add(b.ownUrl);
    const again = await browser.follow(
      await authorizationUrl(b.ownUrl, oidc.randomPKCECodeVerifier()),
    );
    expect(again.url.startsWith(redirectUri)).toBe(true);
    expect(new URL(again.url).searchParams.get('code')).toBeTruthy();
  });
});
