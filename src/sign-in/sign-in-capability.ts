import type { Response } from 'express';
import type { Connection } from 'mongoose';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../platform/logging/logger';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import { applicationModel } from './applications/application-model';
import { createTtlCache } from '../platform/cache/ttl-cache';
import { createApplications, findJourneyApplication } from './applications/manage-applications';
import type { AccountDirectory } from './provider/account-claims';
import { createLoginHandoff } from './interaction/login-handoff';
import { endUserState } from './provider/oidc-adapter';
import { createOidcStateModel } from './provider/oidc-state-model';
import type { ProviderSettings } from './provider/provider-configuration';
import { rotateSigningKeys, signingKeyModel } from './provider/signing-keys';
import { createTenantProviders, issuerOf } from './provider/tenant-providers';
import { createInteractions, type RecordSignIn } from './interaction/interactions';
import { oidcRoutes } from './oidc-routes';
import type { SignInMode } from '../tenants/models';
import { createUpstreamConnections } from './upstream/upstream-connection';
import { upstreamModels } from './upstream/upstream-model';
import { createUpstreamSignIn } from './upstream/upstream-sign-in';

/** The slice of the configuration sign-in reads. */
export interface SignInConfig extends ProviderSettings {
  publicBaseUrl: string;
  tokenLimitPerMinute: number;
  /** UPSTREAM_ALLOW_PRIVATE_ISSUERS. */
  allowPrivateIssuers: boolean;
}

/** The pages the provider shows in our layout (ui/public renders them). */
export interface ProviderPages {
  error(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): void;
  logout(ctx: KoaContextWithOIDC, form: string): void;
  loggedOut(ctx: KoaContextWithOIDC): void;
}

/** What the sign-in capability needs, and nothing more (issue 20's shape). */
export interface SignInDeps {
  conn: Connection;
  logger: Logger;
  now: () => Date;
  appSecret: string;
  config: SignInConfig;
  limiter: RateLimiter;
  directory: AccountDirectory;
  /** welcome/: records a sign-in; the first one closes the welcome window. */
  recordSignIn: RecordSignIn;
  /** tenants/: the tenant's sign-in mode, read and set (audited by the caller). */
  signInMode: {
    of(tenantId: string): Promise<SignInMode>;
    set(tenantId: string, mode: SignInMode): Promise<void>;
  };
  /** tenants/: whether a tenant exists (a provider is made only for one that does). */
  tenantExists(tenantId: string): Promise<boolean>;
  pages: ProviderPages;
}

/**
 * The name of the application a welcome or reset journey goes on to (the tenant's default
 * application, when it has an initiate-login URI: see `continueToApplication`), for the emails
 * that lead there; read at most every `cacheTtlMs` per tenant and process.
 */
export function journeyApplicationName(conn: Connection, cacheTtlMs: number) {
  const Application = applicationModel(conn);
  const cache = createTtlCache<{ name?: string }>({ ttlMs: cacheTtlMs, maxEntries: 10_000 });
  return async (tenantId: string): Promise<string | undefined> => {
    const cached = cache.get(tenantId);
    if (cached) return cached.name;
    const app = await findJourneyApplication(Application, tenantId);
    const found = { name: app?.name };
    cache.set(tenantId, found);
    return found.name;
  };
}

/**
 * Sign-in to the tenant's applications (ARCHITECTURE.md "sign-in/"): one OpenID Connect
 * provider per tenant, its applications, and the hand-over from our welcome and reset pages.
 */
export function createSignIn(deps: SignInDeps) {
  const { config } = deps;
  const State = createOidcStateModel(deps.conn);
  const Application = applicationModel(deps.conn);
  const upstream = upstreamModels(deps.conn);
  const signingKeys = {
    SigningKey: signingKeyModel(deps.conn),
    appSecret: deps.appSecret,
    now: deps.now,
    keepRetiredSeconds: Math.max(config.idTokenTtlSeconds, config.accessTokenTtlSeconds) + 300,
  };
  const applications = createApplications({
    Application,
    appSecret: deps.appSecret,
    now: deps.now,
  });
  const providers = createTenantProviders({
    publicBaseUrl: config.publicBaseUrl,
    appSecret: deps.appSecret,
    now: deps.now,
    State,
    Application,
    directory: deps.directory,
    settings: config,
    pages: deps.pages,
    signingKeys,
  });
  const handoff = createLoginHandoff({
    appSecret: deps.appSecret,
    publicBaseUrl: config.publicBaseUrl,
  });
  const upstreamConnections = createUpstreamConnections({
    UpstreamConnection: upstream.UpstreamConnection,
    appSecret: deps.appSecret,
    now: deps.now,
    publicBaseUrl: config.publicBaseUrl,
    allowPrivateIssuers: config.allowPrivateIssuers,
  });
  const upstreamSignIn = createUpstreamSignIn({
    models: upstream,
    connections: upstreamConnections,
    directory: deps.directory,
    appSecret: deps.appSecret,
    now: deps.now,
    publicBaseUrl: config.publicBaseUrl,
  });
  const interactions = createInteractions({
    providers,
    handoff,
    directory: deps.directory,
    recordSignIn: deps.recordSignIn,
  });

  return {
    applications,
    providers,
    interactions,
    handoff,
    /** Single sign-on through the tenant's own identity provider. */
    upstream: { connections: upstreamConnections, signIn: upstreamSignIn },
    signInMode: deps.signInMode,
    recordSignIn: deps.recordSignIn,
    issuerOf: (tenantId: string) => issuerOf(config.publicBaseUrl, tenantId),
    /** Express middleware serving every tenant's provider under `/oidc/{tenant}`. */
    routes: () => oidcRoutes({ ...deps, providers }),
    /**
     * After a user proved themselves on a welcome or reset page: where their journey continues
     * (the tenant's default application, third-party initiated login with `iss` and
     * `login_hint`), with a handoff so the application's sign-in needs no second password.
     * Undefined when the tenant has no default application with an initiate-login URI.
     */
    async continueToApplication(
      res: Response,
      user: { tenantId: string; userId: string; loginHint: string },
    ): Promise<{ url: string; name: string } | undefined> {
      const app = await applications.journeyApplication(user.tenantId);
      if (!app) return undefined;
      handoff.give(res, {
        tenantId: user.tenantId,
        userId: user.userId,
        authTime: Math.floor(deps.now().getTime() / 1000),
      });
      const url = new URL(app.initiateLoginUri);
      url.searchParams.set('iss', issuerOf(config.publicBaseUrl, user.tenantId));
      url.searchParams.set('login_hint', user.loginHint);
      return { url: url.href, name: app.name };
    },
    /** Ends a user's sessions, grants and tokens (deactivated or deleted over SCIM). */
    endUserState: (tenantId: string, userId: string) => endUserState(State, tenantId, userId),
    /** `cli keys:rotate`. */
    async rotateKeys() {
      const rotated = await rotateSigningKeys(signingKeys);
      providers.reset();
      return rotated;
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
