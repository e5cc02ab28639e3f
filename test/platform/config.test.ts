import { ConfigError, loadConfig } from '../../src/platform/config/load-config';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not refuse`);
}

describe('configuration from the environment', () => {
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
      emailHistoryDays: 365,
      logLevel: 'info',
      nodeEnv: 'development',
    });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.emailFromName).toBeUndefined();
  });

  it('keeps the email history at least a week and at most ten years', () => {
    expect(loadConfig({ EMAIL_HISTORY_DAYS: '30' }).emailHistoryDays).toBe(30);
    expect(refusal({ EMAIL_HISTORY_DAYS: '6' })).toContain('EMAIL_HISTORY_DAYS');
    expect(refusal({ EMAIL_HISTORY_DAYS: '3651' })).toContain('EMAIL_HISTORY_DAYS');
    expect(refusal({ EMAIL_HISTORY_DAYS: '1.5' })).toContain('EMAIL_HISTORY_DAYS');
  });

  it('gives variables the type of their key, and treats an empty or blank variable as unset', () => {
    const config = loadConfig({ PORT: ' 9090 ', SCIM_MAX_RESULTS: '50', EMAIL_FROM_NAME: '  ' });
    expect(config.port).toBe(9090);
    expect(config.scimMaxResults).toBe(50);
    expect(config.emailFromName).toBeUndefined();
  });

  it('reads only the environment it is given, never process.env', () => {
    process.env.SCIM_MAX_RESULTS = '7';
    try {
      expect(loadConfig({}).scimMaxResults).toBe(1000);
    } finally {
      delete process.env.SCIM_MAX_RESULTS;
    }
  });

  it.each([
    [{ PORT: 'eighty' }, /^configuration: PORT must be integer \(got "eighty"; key port\)$/],
    [{ PORT: '70000' }, /PORT must be <= 65535/],
    [{ EMAIL_TRANSPORT: 'pigeon' }, /EMAIL_TRANSPORT must be equal to one of the allowed values/],
    [{ EMAIL_TRANSPORT: 'sendgrid' }, /SENDGRID_API_KEY is required/],
    [{ EMAIL_TRANSPORT: 'smtp' }, /SMTP_URL is required/],
    [{ NODE_ENV: 'production' }, /APP_SECRET is required.*APP_SECRET_FILE/],
    [{ MONGODB_URI: 'postgres://x' }, /MONGODB_URI must match pattern/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL must/],
    [{ WELCOME_LINK_TTL_HOURS: '0' }, /WELCOME_LINK_TTL_HOURS must be >= 1/],
    [{ ADMIN_BOOTSTRAP_EMAIL: 'a@b.test' }, /ADMIN_BOOTSTRAP_PASSWORD is required/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV must be equal to one of the allowed values/],
  ])('refuses %j with one line naming the variable and its key', (env, message) => {
    const line = refusal(env);
    expect(line).toMatch(message);
    expect(line).not.toContain('\n');
  });

  it('never repeats a secret it refuses', () => {
    const line = refusal({ APP_SECRET: 'too-short-secret' });
    expect(line).toBe(
      'configuration: APP_SECRET must NOT have fewer than 32 characters (key appSecret)',
    );
  });

  it('trims a trailing slash from PUBLIC_BASE_URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://id.example.com/' }).publicBaseUrl).toBe(
      'https://id.example.com',
    );
  });
});
