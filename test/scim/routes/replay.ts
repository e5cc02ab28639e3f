import type { Response } from 'supertest';
import type { TestApp } from '../../support/test-app';
import { BASE, type Json } from './scim-client';

/**
 * Replays an identity provider's published requests (test/fixtures/entra, test/fixtures/okta)
 * in the order it sends them. `{{name}}` in a path, body or expectation is a value an earlier
 * step saved from its response.
 */

export interface ReplayStep {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** The request's Content-Type (default application/scim+json). */
  contentType?: string;
  /** The Authorization header as sent (default: the tenant's bearer token). */
  authorization?: string;
  status: number;
  /** A subset of the response body (toMatchObject). */
  expect?: Json;
  /** Dotted paths that must hold a non-empty value. */
  present?: string[];
  /** Keys (or key paths, as arrays) that must not be in the response body. */
  absent?: Array<string | string[]>;
  /** The set of `members[].value` of a Group response. */
  memberValues?: string[];
  /** Variables to save: name → dotted path in the response body. */
  save?: Record<string, string>;
}

export interface ReplayFixture {
  source: string;
  steps: ReplayStep[];
}

export type Variables = Map<string, string>;

function substitute<T>(value: T, vars: Variables): T {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      const saved = vars.get(name);
      if (saved === undefined) throw new Error(`fixture variable ${name} was not saved`);
      return saved;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, vars)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)])) as T;
  }
  return value;
}

function at(body: unknown, path: string[]): unknown {
  let current = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const dotted = (path: string) => path.split('.');

/** A query string as the IdP writes it in its docs (spaces, quotes) made safe for the wire. */
function wirePath(path: string): string {
  return path.includes('%') ? path : encodeURI(path);
}

export async function replayStep(
  t: TestApp,
  token: string,
  raw: ReplayStep,
  vars: Variables,
): Promise<Response> {
  const step = { ...substitute({ ...raw, name: '' }, vars), name: raw.name };
  const url = BASE + wirePath(step.path);
  const http = t.http();
  const open = {
    GET: () => http.get(url),
    POST: () => http.post(url),
    PUT: () => http.put(url),
    PATCH: () => http.patch(url),
    DELETE: () => http.delete(url),
  }[step.method];
  let req = open()
    .set('Authorization', step.authorization ?? `Bearer ${token}`)
    .set('Accept', 'application/scim+json');
  if (step.body !== undefined) {
    req = req
      .set('Content-Type', step.contentType ?? 'application/scim+json; charset=utf-8')
      .send(JSON.stringify(step.body));
  }
  const res = await req;
  expect({ step: step.name, status: res.status, body: res.body as unknown }).toMatchObject({
    step: step.name,
    status: step.status,
    ...(step.expect ? { body: step.expect } : {}),
  });
  for (const path of step.present ?? []) {
    const value = at(res.body, dotted(path));
    expect({ path, value }).toEqual({ path, value: expect.anything() });
    expect(value).not.toBe('');
  }
  for (const path of step.absent ?? []) {
    const segments = Array.isArray(path) ? path : [path];
    expect({ path: segments.join('.'), value: at(res.body, segments) }).toEqual({
      path: segments.join('.'),
      value: undefined,
    });
  }
  if (step.memberValues) {
    const members = (at(res.body, ['members']) ?? []) as Array<{ value: string }>;
    expect(members.map((m) => m.value).sort()).toEqual([...step.memberValues].sort());
  }
  for (const [name, path] of Object.entries(step.save ?? {})) {
    const value = at(res.body, dotted(path));
    if (typeof value !== 'string') throw new Error(`${step.name}: nothing to save at ${path}`);
    vars.set(name, value);
  }
  return res;
}
