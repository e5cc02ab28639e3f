import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { UserDoc } from '../../directory/users/user-model';
import { openText, sealText } from '../../platform/crypto/seal';
import { sha256Hex } from '../../platform/crypto/secrets';
import { prepareCaseInsensitive } from '../../scim/schemas/prepare-string';
import type { AccountDirectory } from '../provider/account-claims';
import {
  configurationOf,
  upstreamRedirectUri,
  type UpstreamConnections,
} from './upstream-connection';
import type { UpstreamFlowDoc, UpstreamModels } from './upstream-model';

const FLOW_TTL_MS = 10 * 60_000;
const VERIFIER_PURPOSE = 'upstream-pkce-verifier';

export interface UpstreamSignInDeps {
  models: UpstreamModels;
  connections: UpstreamConnections;
  directory: AccountDirectory;
  appSecret: string;
  now: () => Date;
  publicBaseUrl: string;
}

export type UpstreamOutcome =
  | { status: 'signed-in'; user: UserDoc; returnTo: UpstreamFlowDoc['returnTo'] }
  /** No active user of the tenant has this identity: nothing is created, nothing said about who exists. */
  | { status: 'refused'; tenantId: string }
  /** The answer was not a valid sign-in (state, binding, ID token, or the provider said no). */
  | { status: 'failed'; tenantId: string; reason: string };

/**
 * Sign-in through the tenant's own identity provider (OpenID Connect, with `openid-client`):
 * the authorization code flow with state, nonce and PKCE; the ID token's signature, issuer,
 * audience, expiry and nonce are checked by the library. SCIM is the source of truth: the
 * identity is matched to an active user (by the stored match, else the configured claim and
 * attribute, read from the userinfo endpoint when the ID token lacks it), never created.
 * Upstream tokens are not kept.
 */
export function createUpstreamSignIn(deps: UpstreamSignInDeps) {
  const { UpstreamFlow } = deps.models;
  const users = deps.directory.users.collection;

  /** The user this identity signed in as before (its issuer and subject are stored then). */
  const knownUser = async (tenantId: string, claims: oidc.IDToken) =>
    (await users.findOne({
      tenantId,
      'upstreamIdentity.sub': claims.sub,
      'upstreamIdentity.iss': claims.iss,
    } as never)) as UserDoc | null;

  /** The user whose configured attribute holds `value`, the identity's configured claim. */
  async function userByClaim(
    tenantId: string,
    connection: { attribute: string },
    value: unknown,
  ): Promise<UserDoc | null> {
    if (typeof value !== 'string' || !value) return null;
    const query =
      connection.attribute === 'externalId'
        ? { tenantId, externalId: value }
        : { tenantId, userName_lc: prepareCaseInsensitive(value) };
    return (await users.findOne(query as never)) as UserDoc | null;
  }

  return {
    /** The URL to send the browser to, and the binding value for its cookie; null without a connection. */
    async start(tenantId: string, returnTo: UpstreamFlowDoc['returnTo']) {
      const connection = await deps.connections.find(tenantId);
      if (!connection) return null;
      const config = configurationOf(deps, connection);
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      const binding = randomBytes(32).toString('base64url');
      await UpstreamFlow.create({
        _id: sha256Hex(state),
        tenantId,
        binding: sha256Hex(binding),
        sealedVerifier: sealText(deps.appSecret, VERIFIER_PURPOSE, verifier),
        nonce,
        returnTo,
        expiresAt: new Date(deps.now().getTime() + FLOW_TTL_MS),
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: upstreamRedirectUri(deps.publicBaseUrl, tenantId),
        scope: 'openid email profile',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, binding };
    },

    /** The callback: the flow is taken once, whatever the outcome. */
    async complete(
      tenantId: string,
      callbackUrl: URL,
      binding: string | undefined,
    ): Promise<UpstreamOutcome> {
      const state = callbackUrl.searchParams.get('state') ?? '';
      const flow = state
        ? await UpstreamFlow.findOneAndDelete({
            _id: sha256Hex(state),
            tenantId,
            expiresAt: { $gt: deps.now() },
          }).lean<UpstreamFlowDoc>()
        : null;
      if (!flow) return { status: 'failed', tenantId, reason: 'unknown or expired state' };
      if (!binding || sha256Hex(binding) !== flow.binding) {
        return { status: 'failed', tenantId, reason: 'the sign-in was started in another browser' };
      }
      const connection = await deps.connections.find(tenantId);
      if (!connection) return { status: 'failed', tenantId, reason: 'no identity provider' };
      let config: oidc.Configuration;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      let claims: oidc.IDToken;
      try {
        config = configurationOf(deps, connection);
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: openText(deps.appSecret, VERIFIER_PURPOSE, flow.sealedVerifier),
          expectedState: state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims()!;
      } catch (error) {
        return { status: 'failed', tenantId, reason: (error as Error).message.slice(0, 200) };
      }
      let user = await knownUser(tenantId, claims);
      if (!user) {
        let value = claims[connection.claim];
        // A provider that issues an access token may leave the scopes' claims (email, profile)
        // out of the ID token and give them at its userinfo endpoint (OpenID Connect Core
        // §5.4), for the same subject (the library checks it).
        if (
          value === undefined &&
          tokens.access_token &&
          config.serverMetadata().userinfo_endpoint
        ) {
          try {
            value = (await oidc.fetchUserInfo(config, tokens.access_token, claims.sub))[
              connection.claim
            ];
          } catch (error) {
            const reason = `userinfo: ${(error as Error).message}`.slice(0, 200);
            return { status: 'failed', tenantId, reason };
          }
        }
        user = await userByClaim(tenantId, connection, value);
      }
      if (!user || user.active === false) return { status: 'refused', tenantId };
      await users.updateOne({ _id: user._id, tenantId } as never, {
        $set: { upstreamIdentity: { iss: claims.iss, sub: claims.sub } },
      });
      return { status: 'signed-in', user, returnTo: flow.returnTo };
    },
  };
}

export type UpstreamSignIn = ReturnType<typeof createUpstreamSignIn>;
