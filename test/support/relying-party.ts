import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import * as oidc from 'openid-client';
import type { TestApp } from './test-app';

/**
 * A real relying party on loopback, written as an application would write it with
 * `openid-client`: discovery, third-party initiated login (`/login?iss&login_hint`), the code
 * flow with PKCE, state and nonce, and the ID token's claims checked by the library.
 */
export interface RelyingParty {
  url: string;
  redirectUri: string;
  initiateLoginUri: string;
  postLogoutUri: string;
  /** The last completed sign-in. */
  last?: {
    claims: oidc.IDToken;
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  };
  config(): Promise<oidc.Configuration>;
  close(): Promise<void>;
}

export async function startRelyingParty(options: {
  issuer: string;
  clientId: () => string;
  clientSecret: () => string | undefined;
  scope?: string;
}): Promise<RelyingParty> {
  const app = express();
  const pending = new Map<string, { verifier: string; state: string; nonce: string }>();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cached: oidc.Configuration | undefined;
  const rp: RelyingParty = {
    url,
    redirectUri: `${url}/callback`,
    initiateLoginUri: `${url}/login`,
    postLogoutUri: `${url}/signed-out`,
    async config() {
      const secret = options.clientSecret();
      cached ??= await oidc.discovery(
        new URL(options.issuer),
        options.clientId(),
        secret,
        secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
        { execute: [oidc.allowInsecureRequests] },
      );
      return cached;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  // OpenID Connect Core §4: the provider (or our welcome page) starts the sign-in here.
  app.get('/login', async (req, res) => {
    if (req.query.iss !== options.issuer) {
      res.status(400).send('unexpected issuer');
      return;
    }
    const config = await rp.config();
    const verifier = oidc.randomPKCECodeVerifier();
    const flow = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
    const id = randomUUID();
    pending.set(id, flow);
    const scope = options.scope ?? 'openid email profile groups offline_access';
    const target = oidc.buildAuthorizationUrl(config, {
      redirect_uri: rp.redirectUri,
      scope,
      // OpenID Connect Core §11: a refresh token (offline_access) is asked for with consent.
      ...(scope.includes('offline_access') ? { prompt: 'consent' } : {}),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
      ...(typeof req.query.login_hint === 'string' ? { login_hint: req.query.login_hint } : {}),
    });
    res.cookie('rp_flow', id, { httpOnly: true, sameSite: 'lax' }).redirect(302, target.href);
  });

  app.get('/callback', async (req, res) => {
    const id = /rp_flow=([^;]+)/.exec(req.get('cookie') ?? '')?.[1];
    const flow = id ? pending.get(id) : undefined;
    if (!flow) {
      res.status(400).send('no sign-in in progress');
      return;
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(
        await rp.config(),
        new URL(req.originalUrl, url),
        {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        },
      );
      const claims = tokens.claims()!;
      rp.last = { claims, tokens };
      res
        .type('html')
        .send(
          `<!DOCTYPE html><html lang="en"><head><title>Signed in</title></head><body><h1>Signed in to the application</h1><p id="who">${String(claims.email)}</p></body></html>`,
        );
    } catch (error) {
      res.status(400).send(`sign-in failed: ${(error as Error).message}`);
    }
  });

  app.get('/signed-out', (_req, res) => {
    res
      .type('html')
      .send(
        '<!DOCTYPE html><html lang="en"><head><title>Signed out</title></head><body><h1>Signed out of the application</h1></body></html>',
      );
  });
  return rp;
}

/** Registers the relying party as the tenant's default application; returns its client. */
export async function registerAsDefaultApplication(
  t: TestApp,
  admin: string,
  rp: RelyingParty,
): Promise<{ clientId: string; clientSecret: string }> {
  const created = await t
    .http()
    .post('/api/admin/applications')
    .set('Authorization', `Bearer ${admin}`)
    .send({
      name: 'SuperOffice CRM',
      redirectUris: [rp.redirectUri],
      postLogoutRedirectUris: [rp.postLogoutUri],
      initiateLoginUri: rp.initiateLoginUri,
      isDefault: true,
    })
    .expect(201);
  return { clientId: created.body.clientId, clientSecret: created.body.clientSecret };
}
