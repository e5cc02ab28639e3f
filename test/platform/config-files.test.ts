import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SECRET_KEYS, variableOf } from '../../src/platform/config/config-keys';
import { shippedConfigDir } from '../../src/platform/config/config-dirs';
import { ConfigError, loadConfig } from '../../src/platform/config/load-config';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const made: string[] = [];

/** A fresh folder holding `files` (name → JSON content), removed after the tests. */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scim-config-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files))
    writeFileSync(
      path.join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  return dir;
}

function refusal(env: Record<string, string>, dirs?: string[]): string {
  try {
    loadConfig(env, dirs ? { configDirs: dirs } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('a folder named by NODE_CONFIG_DIR', () => {
  const production = {
    publicBaseUrl: 'https://scim.example.com',
    scimMaxResults: 200,
    emailFromName: 'Example IT',
  };

  it('changes the values its NODE_ENV file sets, and keeps every other default', () => {
    const dir = folder({ 'production.json': production });
    const config = loadConfig({ NODE_CONFIG_DIR: dir, NODE_ENV: 'production', APP_SECRET: SECRET });
    expect(config).toMatchObject({ ...production, nodeEnv: 'production', port: 8080 });
  });

  it('is not read for another NODE_ENV', () => {
    const dir = folder({ 'production.json': production });
    const config = loadConfig({ NODE_CONFIG_DIR: dir, NODE_ENV: 'test' });
    expect(config.scimMaxResults).toBe(1000);
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:8080');
  });

  it('loses to an environment variable', () => {
    const dir = folder({ 'production.json': production });
    const env = { NODE_CONFIG_DIR: dir, NODE_ENV: 'production', APP_SECRET: SECRET };
    expect(loadConfig({ ...env, SCIM_MAX_RESULTS: '70' }).scimMaxResults).toBe(70);
    expect(loadConfig({ ...env, PUBLIC_BASE_URL: 'https://id.example.org' }).publicBaseUrl).toBe(
      'https://id.example.org',
    );
  });

  it('is read after config/, and its default.json and local.json count too', () => {
    const dir = folder({ 'default.json': { scimMaxResults: 300 }, 'local.json': { port: 9000 } });
    expect(loadConfig({ NODE_CONFIG_DIR: dir })).toMatchObject({ scimMaxResults: 300, port: 9000 });
  });

  it('must exist', () => {
    const missing = path.join(os.tmpdir(), 'scim-config-that-does-not-exist');
    expect(refusal({ NODE_CONFIG_DIR: missing })).toBe(
      `configuration: NODE_CONFIG_DIR names ${missing}, which is not a folder`,
    );
  });
});

describe('a bad value in a file', () => {
  it.each([
    [{ port: 'eighty' }, 'port must be integer in FILE (got "eighty"; variable PORT)'],
    [{ port: '8080' }, 'port must be integer in FILE (got "8080"; variable PORT)'],
    [{ port: null }, 'port must be integer in FILE (got null; variable PORT)'],
    [{ logLevel: 'loud' }, 'logLevel must be equal to one of the allowed values in FILE'],
    [{ prot: 8080 }, 'unknown key prot in FILE'],
  ])(
    '%j is refused with one line naming the key, its variable and the file',
    (values, expected) => {
      const dir = folder({ 'production.json': values });
      const file = path.join(dir, 'production.json');
      const line = refusal({ NODE_CONFIG_DIR: dir, NODE_ENV: 'production', APP_SECRET: SECRET });
      expect(line).toContain(`configuration: ${expected.replace('FILE', file)}`);
    },
  );

  it('that is not JSON is refused naming the file', () => {
    const dir = folder({ 'default.json': '{ "port": 80' });
    expect(refusal({ NODE_CONFIG_DIR: dir })).toContain(path.join(dir, 'default.json'));
  });

  it('is named as the variable once a variable overrides it with a bad value too', () => {
    const dir = folder({ 'default.json': { port: 'eighty' } });
    expect(refusal({ NODE_CONFIG_DIR: dir, PORT: 'ninety' })).toBe(
      'configuration: PORT must be integer (got "ninety"; key port)',
    );
  });

  it('without the shipped defaults, a missing key is named', () => {
    const dir = folder({ 'default.json': { port: 8080 } });
    expect(refusal({}, [dir])).toMatch(/^configuration: HOST is required here \(key host; /);
  });
});

describe('secrets', () => {
  it.each(SECRET_KEYS)(
    '%s in a configuration file is refused at boot, without its value',
    (key) => {
      const dir = folder({ 'production.json': { [key]: `mongodb://user:${SECRET}@db` } });
      const variable = variableOf(key);
      const line = refusal({ NODE_CONFIG_DIR: dir, NODE_ENV: 'production', APP_SECRET: SECRET });
      expect(line).toBe(
        `configuration: ${key} is a secret and is refused in ${path.join(dir, 'production.json')}; set ${variable} or ${variable}_FILE instead`,
      );
    },
  );

  it('are read from the file named by X_FILE, trimmed (Docker secrets end with a newline)', () => {
    const dir = folder({ app_secret: `${SECRET}\n`, sendgrid: 'SG.key\n' });
    const config = loadConfig({
      APP_SECRET_FILE: path.join(dir, 'app_secret'),
      SENDGRID_API_KEY_FILE: path.join(dir, 'sendgrid'),
      EMAIL_TRANSPORT: 'sendgrid',
      NODE_ENV: 'production',
    });
    expect(config.appSecret).toBe(SECRET);
    expect(config.sendgridApiKey).toBe('SG.key');
  });

  it('are refused when both X and X_FILE are set, or X_FILE cannot be read', () => {
    const dir = folder({ app_secret: SECRET, empty: '\n' });
    const file = path.join(dir, 'app_secret');
    expect(refusal({ APP_SECRET: SECRET, APP_SECRET_FILE: file })).toBe(
      'configuration: set APP_SECRET or APP_SECRET_FILE, not both',
    );
    expect(refusal({ APP_SECRET_FILE: path.join(dir, 'nope') })).toBe(
      `configuration: APP_SECRET_FILE names ${path.join(dir, 'nope')}, which cannot be read (ENOENT)`,
    );
    expect(refusal({ APP_SECRET_FILE: path.join(dir, 'empty') })).toBe(
      `configuration: APP_SECRET_FILE names ${path.join(dir, 'empty')}, which is empty`,
    );
  });

  it('only secrets have an X_FILE form', () => {
    const dir = folder({ port: '9000' });
    expect(loadConfig({ PORT_FILE: path.join(dir, 'port') }).port).toBe(8080);
  });
});

describe('the shipped config/ folder', () => {
  it('is found beside package.json', () => {
    expect(shippedConfigDir()).toBe(path.resolve(__dirname, '../../config'));
  });
});
