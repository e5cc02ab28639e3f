import { fromOwnPage } from '../../support/same-origin';
import { startPagesFixture, type PagesFixture } from './public-pages-support';

let f: PagesFixture;
beforeAll(async () => {
  f = await startPagesFixture('publinkprobe', {
    LINK_PROBE_LIMIT_PER_CLIENT: '5',
    LINK_PROBE_LIMIT_PER_TENANT: '12',
    LINK_PROBE_WINDOW_SECONDS: '3600',
  });
});
afterAll(async () => f.close());

/** A well-formed token that names no link. */
const unknownToken = (n: number) => `probe${String(n).padStart(38, '0')}`;
const get = (path: string, client: string) => f.t.http().get(path).set('X-Forwarded-For', client);
const post = (path: string, client: string, form: Record<string, string> = {}) =>
  fromOwnPage(f.t.http().post(path)).set('X-Forwarded-For', client).type('form').send(form);

describe('probing one-time link tokens', () => {
  it('past the per-client limit of unknown tokens, that client gets 429 with Retry-After, also for a valid link, and everyone else does not', async () => {
    const prober = f.client();
    const answers = [
      (await get(`/welcome/${unknownToken(1)}`, prober)).status,
      (await get(`/reset-password/${unknownToken(2)}`, prober)).status,
      (await post(`/welcome/${unknownToken(3)}`, prober)).status,
      (await post(`/reset-password/${unknownToken(4)}`, prober, { password: 'x' })).status,
      (await get('/welcome/not-even-well-formed', prober)).status,
    ];
    expect(answers).toEqual([404, 404, 404, 404, 404]);

    const refused = await get(`/welcome/${unknownToken(6)}`, prober);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(refused.text).toContain('Too many attempts');

    const token = await f.welcomeToken(await f.createUser('probed.valid@example.test'));
    expect((await get(`/welcome/${token}`, prober)).status).toBe(429);
    expect((await post(`/welcome/${token}`, prober)).status).toBe(429);
    expect((await f.link(token))?.usedAt).toBeFalsy();

    const someoneElse = f.client();
    const page = await get(`/welcome/${token}`, someoneElse);
    expect(page.status).toBe(200);
    expect(page.text).toContain('probed.valid@example.test');
  });

  it('known links that no longer work (used, expired, revoked) are not counted as probes', async () => {
    const client = f.client();
    const id = await f.createUser('probed.expired@example.test');
    const expired = await f.insertLink(id, 'welcome', { expiresAt: new Date(Date.now() - 1000) });
    for (let i = 0; i < 8; i += 1)
      expect((await get(`/welcome/${expired}`, client)).status).toBe(410);
    expect((await get(`/welcome/${unknownToken(100)}`, client)).status).toBe(404);
  });

  it('past the per-tenant limit, unknown tokens from any client get 429 while a valid link still opens; other tenants are not affected', async () => {
    // The first test counted 6 unknown tokens (one of them refused) against the default tenant.
    const seen = await f.t.ctx.limiter.peek('link-probe:tenant:default', 3600);
    for (let n = seen; n < 12; n += 1) {
      expect((await get(`/welcome/${unknownToken(200 + n)}`, f.client())).status).toBe(404);
    }
    const refused = await get(`/reset-password/${unknownToken(300)}`, f.client());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const token = await f.welcomeToken(await f.createUser('tenant.valid@example.test'));
    expect((await get(`/welcome/${token}`, f.client())).status).toBe(200);
    expect((await get(`/welcome/${unknownToken(301)}?tenant=other`, f.client())).status).toBe(404);
  });
});
