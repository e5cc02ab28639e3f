import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrap, DEV_TOKEN_LABEL } from '../../src/app/bootstrap';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let dataDir: string;

beforeEach(async () => {
  t = await createTestApp('dev-token');
  dataDir = await mkdtemp(path.join(tmpdir(), 'scim-dev-token-'));
});
afterEach(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const devTokens = async () =>
  (await t.ctx.tenants.listScimTokens('default')).filter((tk) => tk.label === DEV_TOKEN_LABEL);

describe('the development SCIM token (npm start)', () => {
  it('is created once per data folder and printed again on later starts; it keeps working', async () => {
    const first = await bootstrap(t.ctx, { dataDir });
    const second = await bootstrap(t.ctx, { dataDir });
    expect(first.printedToken).toMatch(/^scim_/);
    expect(second.printedToken).toBe(first.printedToken);
    expect(await t.ctx.tenants.authenticateScimBearer(first.printedToken!)).toMatchObject({
      tenantId: 'default',
    });
    const tokens = await devTokens();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.revokedAt ?? null).toBeNull();
  });

  it('is kept in DATA_DIR readable only by its owner', async () => {
    const { printedToken } = await bootstrap(t.ctx, { dataDir });
    const file = path.join(dataDir, 'development-scim-token');
    expect((await readFile(file, 'utf8')).trim()).toBe(printedToken);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('revoked by an administrator, it is replaced by a new one on the next start', async () => {
    const first = await bootstrap(t.ctx, { dataDir });
    await t.ctx.tenants.revokeScimToken('default', (await devTokens())[0]!.id);
    const next = await bootstrap(t.ctx, { dataDir });
    expect(next.printedToken).toMatch(/^scim_/);
    expect(next.printedToken).not.toBe(first.printedToken);
    expect(await t.ctx.tenants.authenticateScimBearer(next.printedToken!)).not.toBeNull();
  });

  it('a fresh database with the same data folder accepts the same token', async () => {
    const token = `scim_${'a'.repeat(43)}`;
    await writeFile(path.join(dataDir, 'development-scim-token'), `${token}\n`, { mode: 0o600 });
    expect((await bootstrap(t.ctx, { dataDir })).printedToken).toBe(token);
    expect(await t.ctx.tenants.authenticateScimBearer(token)).not.toBeNull();
  });

  it('is never created in production', async () => {
    const prod = await createTestApp('dev-token-prod', {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://scim.example.test',
    });
    try {
      expect((await bootstrap(prod.ctx, { dataDir })).printedToken).toBeUndefined();
      await expect(stat(path.join(dataDir, 'development-scim-token'))).rejects.toThrow();
    } finally {
      await prod.close();
    }
  });
});
