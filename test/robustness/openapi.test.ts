import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

const root = path.resolve(__dirname, '../..');
const doc = JSON.parse(readFileSync(path.join(root, 'docs/openapi.json'), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
};

/** Every `$ref` anywhere in the document. */
function refsOf(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, into));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.push(value);
      else refsOf(value, into);
    }
  }
  return into;
}

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

/** The HTTP surface of /work/shared/design/CONTRACT.md (copied: the file is not in this repo). */
const SCIM = ['/Users', '/Users/{id}', '/Groups', '/Groups/{id}', '/.search', '/Users/.search'];
const CONTRACT_PATHS = [
  ...[...SCIM, '/Groups/.search', '/Bulk', '/ServiceProviderConfig'].map((p) => `/scim/v2${p}`),
  ...['/ResourceTypes', '/ResourceTypes/{id}', '/Schemas', '/Schemas/{id}'].map(
    (p) => `/scim/v2${p}`,
  ),
  '/api/auth/sign-in',
  '/api/identity-manager/settings',
  '/api/admin/preferences',
  '/api/admin/users',
  '/api/admin/users/{id}/welcome-email',
  '/api/admin/welcome-emails/resend-pending',
  '/api/admin/users/{id}/password-reset',
  '/api/users/{id}/sign-ins',
  '/api/admin/scim-tokens',
  '/api/admin/outbox',
  '/api/password-reset',
  '/webhooks/sendgrid/events',
  '/healthz',
  '/readyz',
];

describe('docs/openapi.json', () => {
  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('describes every path of CONTRACT.md', () => {
    for (const p of CONTRACT_PATHS) expect(Object.keys(doc.paths)).toContain(p);
  });

  it('resolves every $ref', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs)
      expect({ ref, resolved: resolve(ref) !== undefined }).toEqual({ ref, resolved: true });
  });

  it('documents a SCIM Error response on every SCIM operation that can fail', () => {
    for (const [p, item] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/scim/'))) {
      for (const [method, op] of Object.entries(item).filter(([m]) => m !== 'parameters')) {
        const codes = Object.keys((op as { responses: Record<string, unknown> }).responses);
        expect({ at: `${method} ${p}`, hasError: codes.some((c) => c >= '400') }).toEqual({
          at: `${method} ${p}`,
          hasError: true,
        });
      }
    }
  });
});

describe('GET /openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('openapi');
  });
  afterAll(async () => t.close());

  it('serves the document without authentication', async () => {
    const res = await t.http().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(doc);
  });
});
