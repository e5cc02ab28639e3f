import type { Model } from 'mongoose';
import * as oidc from 'openid-client';
import { checkTargetUrl, TargetRefused } from '../../events/webhooks/target-guard';
import { openText, sealText } from '../../platform/crypto/seal';
import { ApiError } from '../../platform/errors/api-error';
import type { UpstreamAttribute, UpstreamClaim, UpstreamConnectionDoc } from './upstream-model';

const SECRET_PURPOSE = 'upstream-client-secret';
const CLAIMS: readonly UpstreamClaim[] = ['oid', 'sub', 'email', 'preferred_username'];
const ATTRIBUTES: readonly UpstreamAttribute[] = ['externalId', 'userName'];

export interface UpstreamConnectionDeps {
  UpstreamConnection: Model<UpstreamConnectionDoc>;
  appSecret: string;
  now: () => Date;
  publicBaseUrl: string;
  /** UPSTREAM_ALLOW_PRIVATE_ISSUERS: an issuer on a private or loopback address (and plain http there). */
  allowPrivateIssuers: boolean;
}

export interface UpstreamInput {
  issuer: string;
  clientId: string;
  /** Required the first time; omitted on a later save, the stored one is kept. */
  clientSecret?: string;
  claim: UpstreamClaim;
  attribute: UpstreamAttribute;
}

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);

/** The redirect URI to register at the identity provider for this tenant. */
export const upstreamRedirectUri = (publicBaseUrl: string, tenantId: string) =>
  `${publicBaseUrl}/oidc/${tenantId}/upstream/callback`;

export function readUpstreamInput(body: unknown): UpstreamInput {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string, max: number, required = true) => {
    const v = b[name];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !v.trim() || v.length > max) {
      throw invalid(`${name}: required, at most ${max} characters`);
    }
    return v.trim();
  };
  const claim = (b.claim ?? 'oid') as UpstreamClaim;
  const attribute = (b.attribute ?? 'externalId') as UpstreamAttribute;
  if (!CLAIMS.includes(claim)) throw invalid(`claim: one of ${CLAIMS.join(', ')}`);
  if (!ATTRIBUTES.includes(attribute)) throw invalid(`attribute: one of ${ATTRIBUTES.join(', ')}`);
  return {
    issuer: text('issuer', 500)!.replace(/\/$/, ''),
    clientId: text('clientId', 500)!,
    clientSecret: text('clientSecret', 2000, false),
    claim,
    attribute,
  };
}

const authFor = (metadata: oidc.ServerMetadata, secret: string) =>
  metadata.token_endpoint_auth_methods_supported?.includes('client_secret_basic') !== false
    ? oidc.ClientSecretBasic(secret)
    : oidc.ClientSecretPost(secret);

/** openid-client's configuration for a stored connection (no network: the metadata is stored). */
export function configurationOf(
  deps: Pick<UpstreamConnectionDeps, 'appSecret'>,
  doc: UpstreamConnectionDoc,
): oidc.Configuration {
  const secret = openText(deps.appSecret, SECRET_PURPOSE, doc.sealedSecret);
  const metadata = doc.metadata as unknown as oidc.ServerMetadata;
  const config = new oidc.Configuration(metadata, doc.clientId, secret, authFor(metadata, secret));
  if (doc.issuer.startsWith('http://')) oidc.allowInsecureRequests(config);
  config.timeout = 10;
  return config;
}

/**
 * Checks a connection before it is saved: the issuer is an allowed address, its discovery
 * document is reachable and names that same issuer (openid-client compares them), and the
 * token endpoint accepts the client id and secret (a code that cannot exist is sent: a wrong
 * client is `invalid_client`, a right one `invalid_grant`).
 */
async function validate(
  deps: UpstreamConnectionDeps,
  tenantId: string,
  input: UpstreamInput,
  secret: string,
) {
  let url: URL;
  try {
    url = checkTargetUrl(input.issuer, deps.allowPrivateIssuers);
  } catch (error) {
    if (error instanceof TargetRefused) throw invalid(`issuer: ${error.message}`);
    throw invalid('issuer: an absolute https URL');
  }
  if (url.protocol !== 'https:' && !(deps.allowPrivateIssuers && url.protocol === 'http:')) {
    throw invalid('issuer: https is required');
  }
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(url, input.clientId, secret, oidc.ClientSecretBasic(secret), {
      execute: url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/issuer/i.test(message) && /unexpected|mismatch|comparison|does not match/i.test(message)) {
      throw invalid(
        `issuer: the discovery document at ${input.issuer} names another issuer (${message})`,
      );
    }
    throw invalid(
      `issuer: could not read ${input.issuer}/.well-known/openid-configuration (${message})`,
    );
  }
  const metadata = config.serverMetadata();
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
    throw invalid('issuer: the discovery document has no authorization, token or JWKS endpoint');
  }
  const probe = new oidc.Configuration(metadata, input.clientId, secret, authFor(metadata, secret));
  if (url.protocol === 'http:') oidc.allowInsecureRequests(probe);
  probe.timeout = 10;
  try {
    await oidc.genericGrantRequest(probe, 'authorization_code', {
      code: 'connection-check-code-that-cannot-exist',
      redirect_uri: upstreamRedirectUri(deps.publicBaseUrl, tenantId),
    });
  } catch (error) {
    const e = error as { error?: string; status?: number; message: string };
    if (e.error === 'invalid_client' || e.error === 'unauthorized_client' || e.status === 401) {
      throw invalid(
        'clientId/clientSecret: the identity provider does not accept this client id and secret',
      );
    }
    if (!e.error) throw invalid(`issuer: the token endpoint did not answer (${e.message})`);
  }
  return { ...metadata } as Record<string, unknown>;
}

export function present(
  doc: UpstreamConnectionDoc | null,
  publicBaseUrl: string,
  tenantId: string,
) {
  return doc
    ? {
        issuer: doc.issuer,
        clientId: doc.clientId,
        secretHint: doc.secretHint,
        claim: doc.claim,
        attribute: doc.attribute,
        redirectUri: upstreamRedirectUri(publicBaseUrl, tenantId),
        updatedAt: new Date(doc.updatedAt).toISOString(),
      }
    : null;
}

export function createUpstreamConnections(deps: UpstreamConnectionDeps) {
  const { UpstreamConnection } = deps;
  return {
    find: (tenantId: string) => UpstreamConnection.findById(tenantId).lean<UpstreamConnectionDoc>(),
    async save(tenantId: string, input: UpstreamInput, actor: string) {
      const existing = await UpstreamConnection.findById(tenantId).lean<UpstreamConnectionDoc>();
      const secret =
        input.clientSecret ??
        (existing ? openText(deps.appSecret, SECRET_PURPOSE, existing.sealedSecret) : undefined);
      if (!secret) throw invalid('clientSecret: required');
      const metadata = await validate(deps, tenantId, input, secret);
      const doc: UpstreamConnectionDoc = {
        _id: tenantId,
        issuer: input.issuer,
        clientId: input.clientId,
        sealedSecret: sealText(deps.appSecret, SECRET_PURPOSE, secret),
        secretHint: secret.slice(0, 4),
        claim: input.claim,
        attribute: input.attribute,
        metadata,
        updatedAt: deps.now(),
        updatedBy: actor,
      };
      await UpstreamConnection.replaceOne({ _id: tenantId }, doc, { upsert: true });
      return { before: existing, after: doc };
    },
    async remove(tenantId: string) {
      return UpstreamConnection.findOneAndDelete({ _id: tenantId }).lean<UpstreamConnectionDoc>();
    },
  };
}

export type UpstreamConnections = ReturnType<typeof createUpstreamConnections>;
