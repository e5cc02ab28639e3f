import type { Response, Test } from 'supertest';
import type { TestApp } from '../../support/test-app';

/** Shared by the route tests: a SCIM client bound to one bearer token, and body builders. */

export const BASE = '/scim/v2';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type Json = Record<string, unknown>;

export interface ScimClient {
  get(path: string): Test;
  post(path: string, body?: unknown): Test;
  put(path: string, body: unknown): Test;
  patch(path: string, body: unknown): Test;
  delete(path: string): Test;
}

/** Requests as an identity provider sends them: `application/scim+json`, bearer token. */
export function scimClient(t: TestApp, token: string): ScimClient {
  const auth = (req: Test) =>
    req.set('Authorization', `Bearer ${token}`).set('Accept', 'application/scim+json');
  const withBody = (req: Test, body: unknown) =>
    body === undefined
      ? auth(req)
      : auth(req).set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
  return {
    get: (path) => auth(t.http().get(BASE + path)),
    post: (path, body) => withBody(t.http().post(BASE + path), body),
    put: (path, body) => withBody(t.http().put(BASE + path), body),
    patch: (path, body) => withBody(t.http().patch(BASE + path), body),
    delete: (path) => auth(t.http().delete(BASE + path)),
  };
}

export const q = (filter: string): string => `filter=${encodeURIComponent(filter)}`;

export const bodyOf = (res: Response): Json => res.body as Json;

export const resourcesOf = (res: Response): Json[] => (res.body as { Resources: Json[] }).Resources;

export const idsOf = (res: Response): string[] => resourcesOf(res).map((r) => String(r.id));

export function userBody(userName: string, extra: Json = {}): Json {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Given', familyName: 'Family' },
    emails: [{ value: `${userName.toLowerCase()}@example.test`, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

export function groupBody(displayName: string, extra: Json = {}): Json {
  return { schemas: [GROUP_SCHEMA], displayName, ...extra };
}

export function patchOp(...operations: Json[]): Json {
  return { schemas: [PATCH_OP], Operations: operations };
}

export async function createUser(scim: ScimClient, userName: string, extra: Json = {}) {
  const res = await scim.post('/Users', userBody(userName, extra));
  if (res.status !== 201) throw new Error(`create ${userName}: ${res.status} ${res.text}`);
  return bodyOf(res) as Json & { id: string };
}

export async function createGroup(scim: ScimClient, displayName: string, extra: Json = {}) {
  const res = await scim.post('/Groups', groupBody(displayName, extra));
  if (res.status !== 201) throw new Error(`create ${displayName}: ${res.status} ${res.text}`);
  return bodyOf(res) as Json & { id: string };
}

/** A SCIM Error response (RFC 7644 §3.12): `status` as a string, `scimType` when given. */
export function expectScimError(res: Response, status: number, scimType?: string): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({
    status,
    body: { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) },
  });
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
}

/** `meta.version` of a resource body. */
export const versionOf = (resource: Json): string =>
  String((resource.meta as { version?: unknown } | undefined)?.version);
