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

  it('describes every route the server serves, with its method (so the fuzzer reaches it)', async () => {
    const t = await createTestApp('openapi-routes');
    try {
      const missing = servedRoutes(t).filter(({ method, path: p }) => {
        const item = doc.paths[p];
        return !item || (method === '_all' ? Object.keys(item).length === 0 : !item[method]);
      });
      expect(missing.map(({ method, path: p }) => `${method.toUpperCase()} ${p}`)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('gives every operation a success (or 501) response with a schema, unless it has no body', () => {
    const bare: string[] = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item).filter(([m]) => m !== 'parameters')) {
        const responses = (op as { responses: Record<string, unknown> }).responses;
        const success = Object.entries(responses).filter(
          ([code]) => /^[23]\d\d$/.test(code) || code === '501',
        );
        const described = success.some(([code, r]) => {
          const response = (isRef(r) ? resolve(r.$ref) : r) as { content?: object } | undefined;
          const contents = Object.values(response?.content ?? {}) as Array<{ schema?: unknown }>;
          const bodyless = code === '204' || code.startsWith('3');
          return bodyless || (contents.length > 0 && contents.every((c) => c.schema));
        });
        if (!described) bare.push(`${method.toUpperCase()} ${p}`);
      }
    }
    expect(bare).toEqual([]);
  });
});

const isRef = (r: unknown): r is { $ref: string } =>
  typeof (r as { $ref?: unknown }).$ref === 'string';

interface Layer {
  rawPath?: unknown;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route of the real application, from express's own router (paths as OpenAPI writes them). */
function servedRoutes(t: TestApp): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const openApiPath = (p: string) =>
    p
      .replace(/:(\w+)/g, '{$1}')
      .replace(/\*(\w+)/g, '{$1}')
      .replace(/(.)\/$/, '$1');
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = ([] as string[]).concat(layer.route.path);
        for (const p of paths)
          for (const method of Object.keys(layer.route.methods))
            out.push({ method, path: openApiPath(prefix + p) });
      } else if (layer.handle?.stack) {
        const mount =
          typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((t.app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}
