import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { uniqueDbName } from '../support/test-app';

jest.setTimeout(120_000);

const TOKEN = `scim_${randomBytes(24).toString('base64url')}`;
let dir: string;
let dbName: string;
let server: ServerProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scim-config-dir-'));
  dbName = uniqueDbName('configdir');
});

afterEach(async () => {
  await server?.kill();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
  const conn = await mongoose
    .createConnection(`${process.env.TEST_MONGODB_URI}/${dbName}`)
    .asPromise();
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

function productionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NODE_CONFIG_DIR: dir,
    PUBLIC_BASE_URL: '',
    MONGODB_URI: `${process.env.TEST_MONGODB_URI}/${dbName}`,
    APP_SECRET: 'config-dir-test-secret-0123456789abcdef',
    SCIM_BOOTSTRAP_TOKEN: TOKEN,
  };
}

describe('npm start with NODE_CONFIG_DIR and NODE_ENV=production', () => {
  it("serves the values of the folder's production.json", async () => {
    writeFileSync(
      path.join(dir, 'production.json'),
      JSON.stringify({ publicBaseUrl: 'https://scim.from-file.test', scimMaxResults: 123 }),
    );
    server = await startServerProcess(productionEnv());
    expect(server.output()).toContain('SCIM base URL     https://scim.from-file.test/scim/v2');
    const res = await fetch(`${server.url}/scim/v2/ServiceProviderConfig`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { filter: { maxResults: number } };
    expect(body.filter.maxResults).toBe(123);
  });

  it('stops at start-up with one line naming the key, the variable and the file', async () => {
    const file = path.join(dir, 'production.json');
    writeFileSync(file, JSON.stringify({ scimMaxResults: 'lots' }));
    await expect(startServerProcess(productionEnv())).rejects.toThrow(
      `configuration: scimMaxResults must be integer in ${file} (got "lots"; variable SCIM_MAX_RESULTS)`,
    );
  });
});
