import { ApiError } from '../../platform/errors/api-error';
import type { ClientAuthMethod } from './application-model';

/** The scopes an application may be registered for (and so request). */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'] as const;
const AUTH_METHODS: readonly ClientAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'none',
];
const MAX_URIS = 20;
const MAX_URI_LENGTH = 2000;

export interface ApplicationInput {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  initiateLoginUri: string | null;
  tokenEndpointAuthMethod: ClientAuthMethod;
  scopes: string[];
  isDefault: boolean;
}

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * An absolute https URL without a fragment (OpenID Connect Registration §2); plain http only
 * for a loopback host, so a developer's application on their own machine can register.
 */
export function checkUri(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URI_LENGTH) {
    throw invalid(`${field}: an absolute URL of at most ${MAX_URI_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${field}: "${value.slice(0, 100)}" is not an absolute URL`);
  }
  if (url.hash || value.includes('#')) throw invalid(`${field}: a URL must not have a fragment`);
  if (url.username || url.password) throw invalid(`${field}: a URL must not carry credentials`);
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  if (!secure) throw invalid(`${field}: https is required (http only for localhost or 127.0.0.1)`);
  return value;
}

function uriList(field: string, value: unknown, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0) || value.length > MAX_URIS) {
    throw invalid(`${field}: a list of 1 to ${MAX_URIS} URLs`);
  }
  return [...new Set(value.map((v, i) => checkUri(`${field}[${i}]`, v)))];
}

/** The body of `POST` (all fields) or `PATCH` (`partial`) of /api/admin/applications, checked. */
export function readApplicationInput(body: unknown, partial: true): Partial<ApplicationInput>;
export function readApplicationInput(body: unknown, partial?: false): ApplicationInput;
export function readApplicationInput(
  body: unknown,
  partial = false,
): ApplicationInput | Partial<ApplicationInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('the body must be a JSON object');
  }
  const b = body as Record<string, unknown>;
  const known = new Set([
    'name',
    'redirectUris',
    'postLogoutRedirectUris',
    'initiateLoginUri',
    'tokenEndpointAuthMethod',
    'scopes',
    'isDefault',
  ]);
  const unknown = Object.keys(b).find((k) => !known.has(k));
  if (unknown) throw invalid(`unknown field "${unknown.slice(0, 50)}"`);
  const out: Partial<ApplicationInput> = {};
  const has = (k: string) => Object.hasOwn(b, k);
  if (has('name') || !partial) {
    if (typeof b.name !== 'string' || !b.name.trim() || b.name.length > 100) {
      throw invalid('name: required, at most 100 characters');
    }
    out.name = b.name.trim();
  }
  if (has('redirectUris') || !partial)
    out.redirectUris = uriList('redirectUris', b.redirectUris, true);
  if (has('postLogoutRedirectUris') || !partial) {
    out.postLogoutRedirectUris = uriList('postLogoutRedirectUris', b.postLogoutRedirectUris, false);
  }
  if (has('initiateLoginUri') || !partial) {
    const v = b.initiateLoginUri;
    out.initiateLoginUri =
      v === undefined || v === null || v === '' ? null : checkUri('initiateLoginUri', v);
  }
  if (has('tokenEndpointAuthMethod') || !partial) {
    const v = b.tokenEndpointAuthMethod ?? 'client_secret_basic';
    if (!AUTH_METHODS.includes(v as ClientAuthMethod)) {
      throw invalid(`tokenEndpointAuthMethod: one of ${AUTH_METHODS.join(', ')}`);
    }
    out.tokenEndpointAuthMethod = v as ClientAuthMethod;
  }
  if (has('scopes') || !partial) {
    const v = b.scopes ?? [...SUPPORTED_SCOPES];
    if (!Array.isArray(v) || !v.every((s) => SUPPORTED_SCOPES.includes(s as never))) {
      throw invalid(`scopes: a list drawn from ${SUPPORTED_SCOPES.join(', ')}`);
    }
    out.scopes = [...new Set(['openid', ...(v as string[])])];
  }
  if (has('isDefault') || !partial) {
    const v = b.isDefault ?? false;
    if (typeof v !== 'boolean') throw invalid('isDefault: true or false');
    out.isDefault = v;
  }
  return out;
}
