import { createHash, randomBytes } from 'node:crypto';
import { HttpBrowser } from './http-browser';
import { BENCH_ADMIN, type ServerProcess } from './server-process';

/** Where the bench application's codes are sent; nothing listens there, the browser stops at it. */
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';
export const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

export interface BenchClient {
  issuer: string;
  clientId: string;
  /** `Basic …` for the token endpoint (RFC 6749 §2.3.1). */
  authorization: string;
}

/** Registers one confidential application (all scopes, so `offline_access`) as the administrator. */
export async function registerApplication(
  server: ServerProcess,
  tenantId: string,
): Promise<BenchClient> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${server.url}/api/admin/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Bench CRM', redirectUris: [REDIRECT_URI] }),
  });
  const body = (await res.json()) as { clientId?: string; clientSecret?: string };
  if (res.status !== 201 || !body.clientId || !body.clientSecret) {
    throw new Error(`registering the application answered ${res.status}`);
  }
  const basic = Buffer.from(`${body.clientId}:${body.clientSecret}`).toString('base64');
  return {
    issuer: `${server.url}/oidc/${tenantId}`,
    clientId: body.clientId,
    authorization: `Basic ${basic}`,
  };
}

/** A code with the PKCE verifier (RFC 7636) its exchange needs. */
export interface IssuedCode {
  code: string;
  verifier: string;
}

/** OpenID Connect Core §3.1.2.1 authorization request, PKCE S256; with `consent`, for a refresh token. */
function authorizationUrl(client: BenchClient, verifier: string, consent: boolean): string {
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const params = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: `openid email${consent ? ' offline_access' : ''}`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('base64url'),
    nonce: randomBytes(8).toString('base64url'),
  });
  if (consent) params.set('prompt', 'consent');
  return `${client.issuer}/auth?${params}`;
}

function codeOf(url: string): string {
  const code = new URL(url).searchParams.get('code');
  if (!url.startsWith(REDIRECT_URI) || !code) throw new Error(`no code: ended at ${url}`);
  return code;
}

/**
 * Signs a user in through the real login page (its own address, so the per-client sign-in limit
 * counts it alone); returns the browser, whose session later gets codes without a password, and
 * the first code (asked with `offline_access` and `prompt=consent`, so its exchange gives a
 * refresh token).
 */
export async function signInBrowser(
  client: BenchClient,
  email: string,
  password: string,
  address: string,
): Promise<{ browser: HttpBrowser; first: IssuedCode }> {
  const origin = new URL(client.issuer).origin;
  const browser = new HttpBrowser(origin, { 'x-forwarded-for': address });
  const verifier = randomBytes(32).toString('base64url');
  const page = await browser.follow(authorizationUrl(client, verifier, true));
  if (page.res.status !== 200) throw new Error(`login page answered ${page.res.status}`);
  const done = await browser.signIn(page.url, await page.res.text(), email, password);
  return { browser, first: { code: codeOf(done.url), verifier } };
}

/** A fresh code for a signed-in browser: its session and grant exist, so one 303 to the redirect. */
export async function nextCode(client: BenchClient, browser: HttpBrowser): Promise<IssuedCode> {
  const verifier = randomBytes(32).toString('base64url');
  const res = await browser.request(authorizationUrl(client, verifier, false));
  await res.body?.cancel();
  return { code: codeOf(new URL(res.headers.get('location') ?? '', client.issuer).href), verifier };
}

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
}

/** RFC 6749 §4.1.3 / §6 at the token endpoint with HTTP Basic client authentication. */
export async function tokenRequest(
  client: BenchClient,
  params: Record<string, string>,
): Promise<TokenResponse> {
  const res = await fetch(`${client.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: client.authorization,
    },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await res.json()) as TokenResponse & { error?: string };
  if (res.status !== 200) throw new Error(`token endpoint ${res.status} ${body.error ?? ''}`);
  return body;
}

export const exchangeCode = (client: BenchClient, issued: IssuedCode) =>
  tokenRequest(client, {
    grant_type: 'authorization_code',
    code: issued.code,
    redirect_uri: REDIRECT_URI,
    code_verifier: issued.verifier,
  });

export const refresh = (client: BenchClient, refreshToken: string) =>
  tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken });

/** The server's database commands so far by name (its driver's command monitoring, on /metrics). */
export async function commandCounts(server: ServerProcess): Promise<Map<string, number>> {
  const res = await fetch(`${server.url}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const counts = new Map<string, number>();
  for (const m of (await res.text()).matchAll(
    /^\w*db_command_duration_seconds_count\{command="(\w+)",outcome="\w+"\} (\d+)/gm,
  )) {
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + Number(m[2]));
  }
  return counts;
}

/** The most frequent value: what a window holds when no background work fell into it. */
function mode(values: number[]): number {
  const seen = new Map<number, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/**
 * Database commands one call of `run` makes, by name, from the server's counts read before and
 * after each of `times` calls. A window also holds the commands of the scrape that closes it
 * (it reads the outbox gauges) and, now and then, background work (outbox and relay polls,
 * leases): the most frequent count per window, less that of back-to-back scrapes, is the call's.
 */
export async function commandsPerCall(
  server: ServerProcess,
  times: number,
  run: (i: number) => Promise<unknown>,
): Promise<Record<string, number>> {
  const windows = async (call?: (i: number) => Promise<unknown>) => {
    const seen: Array<Map<string, number>> = [];
    let last = await commandCounts(server);
    for (let i = 0; i < times; i++) {
      if (call) await call(i);
      const now = await commandCounts(server);
      seen.push(new Map([...now].map(([k, v]) => [k, v - (last.get(k) ?? 0)])));
      last = now;
    }
    return seen;
  };
  const scrapes = await windows();
  const calls = await windows(run);
  const perCall: Record<string, number> = {};
  for (const name of new Set(calls.flatMap((w) => [...w.keys()]))) {
    const each =
      mode(calls.map((w) => w.get(name) ?? 0)) - mode(scrapes.map((w) => w.get(name) ?? 0));
    if (each > 0) perCall[name] = each;
  }
  return perCall;
}
