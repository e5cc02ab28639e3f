import type { AdapterPayload, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { Model } from 'mongoose';
import { hmac } from '../../platform/crypto/secrets';
import type { ApplicationDoc } from '../applications/application-model';
import { openClientSecret } from '../applications/manage-applications';
import { findActiveAccount, type AccountDirectory } from './account-claims';
import { createStateAdapter, endUserState } from './oidc-adapter';
import type { OidcStateDoc } from './oidc-state-model';
import type { PrivateJwk } from './signing-keys';

export interface ProviderSettings {
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  sessionTtlHours: number;
}

export interface ProviderConfigurationDeps {
  tenantId: string;
  /** Path of this tenant's issuer, e.g. `/oidc/acme`; interactions live under it. */
  issuerPath: string;
  appSecret: string;
  now: () => Date;
  State: Model<OidcStateDoc>;
  Application: Model<ApplicationDoc>;
  directory: AccountDirectory;
  keys: PrivateJwk[];
  settings: ProviderSettings;
  /** Pages rendered in our layout and language (errors, sign-out). */
  pages: {
    error(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): void;
    logout(ctx: KoaContextWithOIDC, form: string): void;
    loggedOut(ctx: KoaContextWithOIDC): void;
  };
}

/**
 * What oidc-provider reads of an application: its registered client metadata. The
 * initiate-login URI is ours to use (journey's end), not the provider's, so it is not passed
 * (oidc-provider insists on https there; a developer's application on loopback uses http).
 */
function clientMetadataOf(appSecret: string, doc: ApplicationDoc): AdapterPayload {
  return {
    client_id: doc._id,
    client_name: doc.name,
    client_secret: openClientSecret(appSecret, doc),
    token_endpoint_auth_method: doc.tokenEndpointAuthMethod,
    redirect_uris: doc.redirectUris,
    post_logout_redirect_uris: doc.postLogoutRedirectUris,
    grant_types: doc.scopes.includes('offline_access')
      ? ['authorization_code', 'refresh_token']
      : ['authorization_code'],
    response_types: ['code'] as const,
    scope: doc.scopes.join(' '),
  };
}

const DAY = 24 * 3600;

/** The user's grant to this application, made or widened to the scopes and claims requested. */
export async function grantFirstParty(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const clientId = oidc.client!.clientId;
  const accountId = oidc.session!.accountId!;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant =
    existing && existing.accountId === accountId
      ? existing
      : new oidc.provider.Grant({ clientId, accountId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  const claims = Object.keys({ ...oidc.claims.id_token, ...oidc.claims.userinfo });
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

/**
 * One tenant's provider (OpenID Connect Core 1.0 with oidc-provider): the authorization code
 * flow only, PKCE S256 for every client, refresh tokens rotated on every use, RP-initiated
 * logout, `iss` in authorization responses (RFC 9207). Its clients are the tenant's registered
 * applications; its state lives in the database.
 */
export function providerConfiguration(deps: ProviderConfigurationDeps): Configuration {
  const { tenantId, settings } = deps;
  const clientAdapter = {
    async find(id: string) {
      const doc = await deps.Application.findOne({ _id: id, tenantId }).lean<ApplicationDoc>();
      return doc ? clientMetadataOf(deps.appSecret, doc) : undefined;
    },
    upsert: () => Promise.reject(new Error('applications are registered by administrators')),
    findByUid: () => Promise.resolve(undefined),
    findByUserCode: () => Promise.resolve(undefined),
    consume: () => Promise.resolve(undefined),
    destroy: () => Promise.resolve(undefined),
    revokeByGrantId: () => Promise.resolve(undefined),
  };
  return {
    adapter: (name: string) =>
      name === 'Client' ? clientAdapter : createStateAdapter(deps.State, tenantId, name, deps.now),
    clients: [],
    // A deactivated or deleted user: refused, and their sessions, grants and tokens removed.
    findAccount: (_ctx, sub) =>
      findActiveAccount(deps.directory, tenantId, sub, (t, account) =>
        endUserState(deps.State, t, account),
      ),
    jwks: { keys: deps.keys },
    cookies: {
      keys: [hmac(deps.appSecret, 'oidc-cookies').toString('base64url')],
      names: {
        session: `_oidc_session`,
        interaction: `_oidc_interaction`,
        resume: `_oidc_resume`,
      },
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale', 'updated_at'],
      groups: ['groups'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    // OpenID Connect Core §5.4: with a code flow the scope's claims go in the ID token too, so
    // an application can sign the user in from the ID token alone.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => deps.pages.logout(ctx, form),
        postLogoutSuccessSource: async (ctx) => deps.pages.loggedOut(ctx),
      },
    },
    // First-party applications registered by the tenant's administrator: no refresh token
    // unless the application is registered for `offline_access` and asks for it.
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: true,
    // Every application is registered by the tenant's administrator (first party): no consent
    // screen; the grant holds what the application asked for, within what it is registered for.
    loadExistingGrant: async (ctx) => grantFirstParty(ctx),
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: settings.idTokenTtlSeconds,
      Interaction: 3600,
      Grant: settings.refreshTokenTtlDays * DAY,
      RefreshToken: settings.refreshTokenTtlDays * DAY,
      Session: settings.sessionTtlHours * 3600,
    },
    interactions: {
      url: (_ctx, interaction) => `${deps.issuerPath}/interaction/${interaction.uid}`,
    },
    renderError: async (ctx, out) => deps.pages.error(ctx, out),
    // A provider's own messages to the logs are enough; nothing here may print a token.
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false,
  };
}
