import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/platform/config/load-config';

const root = path.resolve(__dirname, '../..');

function envExample(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of readFileSync(path.join(root, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) entries[match[1]!] = match[2]!;
  }
  return entries;
}

describe('configuration', () => {
  it('.env.example lists exactly the variables of the schema, and its values are valid', () => {
    const example = envExample();
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(() => loadConfig(example)).not.toThrow();
  });

  it('every variable in the schema has a description', () => {
    const schema = JSON.parse(
      readFileSync(path.join(root, 'schemas/config.schema.json'), 'utf8'),
    ) as {
      properties: Record<string, { description?: string }>;
    };
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(`${name}: ${property.description ?? ''}`.length).toBeGreaterThan(name.length + 10);
    }
  });

  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicBaseUrl: 'http://127.0.0.1:8080',
      emailTransport: 'outbox',
      sendgridApiBaseUrl: 'https://api.sendgrid.com',
      emailFrom: 'no-reply@localhost',
      welcomeLinkTtlHours: 168,
      logLevel: 'info',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be integer.*"eighty"/],
    [{ PORT: '70000' }, /PORT must be <= 65535/],
    [{ EMAIL_TRANSPORT: 'pigeon' }, /EMAIL_TRANSPORT must be equal to one of the allowed values/],
    [{ EMAIL_TRANSPORT: 'sendgrid' }, /SENDGRID_API_KEY is required/],
    [{ EMAIL_TRANSPORT: 'smtp' }, /SMTP_URL is required/],
    [{ NODE_ENV: 'production' }, /APP_SECRET is required/],
    [{ MONGODB_URI: 'postgres://x' }, /MONGODB_URI must match pattern/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL must/],
    [{ WELCOME_LINK_TTL_HOURS: '0' }, /WELCOME_LINK_TTL_HOURS must be >= 1/],
    [{ ADMIN_BOOTSTRAP_EMAIL: 'a@b.test' }, /ADMIN_BOOTSTRAP_PASSWORD is required/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('trims a trailing slash from PUBLIC_BASE_URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://id.example.com/' }).publicBaseUrl).toBe(
      'https://id.example.com',
    );
  });
});

describe('the README', () => {
  it('documents every configuration variable in its configuration table', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const name of CONFIG_VARIABLES)
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${name}\`\\s*\\|`));
  });
});
