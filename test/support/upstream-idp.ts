import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import Provider from 'oidc-provider';

/**
 * The customer's own identity provider, real and on loopback: an `oidc-provider` instance with
 * its own users (claims like Entra ID's: `oid`, `email`, `preferred_username`) and its built-in
 * development login and consent pages. Not a stand-in for our server: a second provider.
 */
export interface UpstreamIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Next ID tokens are re-signed (same key) with another audience, as a confused IdP would. */
  tamperAudience: boolean;
  /** Next userinfo answers name another subject than the ID token, as a confused IdP would. */
  tamperUserinfoSubject: boolean;
  close(): Promise<void>;
}

export async function startUpstreamIdp(options: {
  redirectUri: string;
  accounts: Record<string, { oid: string; email: string }>;
  /**
   * As OpenID Connect Core §5.4 lets a provider do (and oidc-provider does by default): when it
   * issues an access token, the ID token carries only `sub` and `oid`; email and profile claims
   * are at the userinfo endpoint.
   */
  claimsAtUserinfoOnly?: boolean;
}): Promise<UpstreamIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'idp-key', alg: 'RS256', use: 'sig' };
  const idp: UpstreamIdp = {
    issuer,
    clientId: 'scim-welcome-sso',
    clientSecret: 'customer-idp-client-secret-0123456789',
    tamperAudience: false,
    tamperUserinfoSubject: false,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    findAccount: (_ctx, id) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: `idp-${id}`,
          oid: account.oid,
          email: account.email,
          preferred_username: account.email,
        }),
      };
    },
    claims: { openid: ['sub', 'oid'], email: ['email'], profile: ['preferred_username'] },
    conformIdTokenClaims: options.claimsAtUserinfoOnly ?? false,
    features: { devInteractions: { enabled: true } },
  });
  provider.use(async (ctx, next) => {
    await next();
    const info = ctx.body as { sub?: string } | undefined;
    if (idp.tamperUserinfoSubject && ctx.path === '/me' && info?.sub) {
      ctx.body = { ...info, sub: `${info.sub}-someone-else` };
    }
    const body = ctx.body as { id_token?: string } | undefined;
    if (idp.tamperAudience && ctx.path === '/token' && body?.id_token) {
      const claims = jose.decodeJwt(body.id_token);
      const key = await jose.importJWK(jwk as jose.JWK, 'RS256');
      body.id_token = await new jose.SignJWT({ ...claims, aud: 'another-application' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-key' })
        .sign(key);
    }
  });
  server.on('request', provider.callback());
  return idp;
}
