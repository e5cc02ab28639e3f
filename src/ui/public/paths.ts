import { DEFAULT_TENANT } from '../../tenants/tenant-library';
import type { Language } from '../i18n';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_NEXT = 512;

const isControl = (c: string): boolean => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/** The tenant a public form is for: the given slug when it is one, else the default tenant. */
export function tenantIdOf(value: string | undefined): string {
  return value && TENANT_ID.test(value) ? value : DEFAULT_TENANT;
}

/** A link between our pages that keeps the tenant and an explicit language choice. */
export function pagePath(
  path: string,
  options: { tenantId?: string; language?: Language; next?: string } = {},
): string {
  const query = new URLSearchParams();
  if (options.tenantId && options.tenantId !== DEFAULT_TENANT)
    query.set('tenant', options.tenantId);
  if (options.language) query.set('lang', options.language);
  if (options.next) query.set('next', options.next);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Where `?next=` may send a browser after sign-in: a path on this site only. Refuses
 * absolute and scheme-relative URLs (`//evil.example`), backslashes (which browsers read
 * as slashes), control characters and anything that would resolve to another origin.
 */
export function safeNextPath(value: string | undefined): string | undefined {
  if (!value || value.length > MAX_NEXT) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  if (/[\\\s]/.test(value) || [...value].some(isControl)) return undefined;
  try {
    const base = 'https://same-site.invalid';
    const resolved = new URL(value, base);
    return resolved.origin === base
      ? `${resolved.pathname}${resolved.search}${resolved.hash}`
      : undefined;
  } catch {
    return undefined;
  }
}
