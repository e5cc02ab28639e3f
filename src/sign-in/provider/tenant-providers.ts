import Provider from 'oidc-provider';
import type { ProviderConfigurationDeps } from './provider-configuration';
import { providerConfiguration } from './provider-configuration';
import { loadSigningKeys, signingKeysVersion, type SigningKeysDeps } from './signing-keys';

export interface TenantProvidersDeps extends Omit<
  ProviderConfigurationDeps,
  'tenantId' | 'issuerPath' | 'keys'
> {
  publicBaseUrl: string;
  signingKeys: SigningKeysDeps;
  /** How often a process looks for a key rotation made elsewhere. */
  keyCheckMs?: number;
}

/** The issuer of a tenant: `${PUBLIC_BASE_URL}/oidc/{tenant}`, never from a request's Host. */
export const issuerOf = (publicBaseUrl: string, tenantId: string) =>
  `${publicBaseUrl}/oidc/${tenantId}`;

/**
 * One oidc-provider instance per tenant, made on first use and kept. Every process reads the
 * same keys and state from the database; a rotation by another process is noticed within
 * `keyCheckMs` and the providers are made again with the new key set.
 */
export function createTenantProviders(deps: TenantProvidersDeps) {
  const keyCheckMs = deps.keyCheckMs ?? 5_000;
  const providers = new Map<string, Promise<Provider>>();
  let keys: { version: string; checkedAt: number } | undefined;

  async function currentVersion(): Promise<string> {
    const t = Date.now();
    if (!keys || t - keys.checkedAt > keyCheckMs) {
      const version = await signingKeysVersion(deps.signingKeys.SigningKey);
      if (keys && version !== keys.version) providers.clear();
      keys = { version, checkedAt: t };
    }
    return keys.version;
  }

  async function make(tenantId: string): Promise<Provider> {
    const issuer = issuerOf(deps.publicBaseUrl, tenantId);
    const provider = new Provider(
      issuer,
      providerConfiguration({
        ...deps,
        tenantId,
        issuerPath: new URL(issuer).pathname,
        keys: await loadSigningKeys(deps.signingKeys),
      }),
    );
    // We set the forwarded headers ourselves from PUBLIC_BASE_URL (oidc-routes.ts).
    provider.proxy = true;
    return provider;
  }

  return {
    async get(tenantId: string): Promise<Provider> {
      await currentVersion();
      let provider = providers.get(tenantId);
      if (!provider) {
        provider = make(tenantId);
        providers.set(tenantId, provider);
        provider.catch(() => providers.delete(tenantId));
      }
      return provider;
    },
    /** Forgets the providers (after a rotation in this process). */
    reset(): void {
      providers.clear();
      keys = undefined;
    },
  };
}

export type TenantProviders = ReturnType<typeof createTenantProviders>;
