import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import configSchema from '../../../schemas/config.schema.json';

export type EmailTransportName = 'sendgrid' | 'smtp' | 'outbox';

export interface Config {
  port: number;
  host: string;
  publicBaseUrl: string;
  mongodbUri?: string;
  dataDir: string;
  appSecret?: string;
  scimBootstrapToken?: string;
  adminBootstrapEmail?: string;
  adminBootstrapPassword?: string;
  emailTransport: EmailTransportName;
  sendgridApiKey?: string;
  sendgridApiBaseUrl: string;
  sendgridTimeoutMs: number;
  sendgridWebhookPublicKey?: string;
  smtpUrl?: string;
  emailFrom: string;
  emailFromName?: string;
  welcomeLinkTtlHours: number;
  passwordResetTtlMinutes: number;
  welcomeResendLimitPerHour: number;
  linkProbeLimitPerClient: number;
  linkProbeLimitPerTenant: number;
  linkProbeWindowSeconds: number;
  sessionTtlMinutes: number;
  outboxConcurrency: number;
  outboxLeaseSeconds: number;
  outboxMaxAttempts: number;
  outboxRetryBaseMs: number;
  outboxPollMs: number;
  scimMaxResults: number;
  scimBulkMaxOperations: number;
  bodyLimitBytes: number;
  jsonMaxDepth: number;
  urlMaxLength: number;
  scimFilterMaxLength: number;
  scimFilterMaxDepth: number;
  scimPatchMaxOperations: number;
  trustProxy: string;
  logLevel: string;
  nodeEnv: 'development' | 'production' | 'test';
}

/** A configuration problem: one line naming the variable and what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.properties);

type RawConfig = Record<string, string | number | undefined>;

function describeError(error: {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}): string {
  const variable =
    error.instancePath.replace(/^\//, '') ||
    String(error.params.missingProperty ?? 'configuration');
  if (error.params.missingProperty) {
    return `${String(error.params.missingProperty)} is required here (${error.message ?? ''})`;
  }
  return `${variable} ${error.message ?? 'is invalid'}`;
}

/** Reads and validates the environment against schemas/config.schema.json; throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const raw: RawConfig = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }
  const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(configSchema);
  if (!validate(raw)) {
    const [first] = validate.errors ?? [];
    const shown =
      first && first.instancePath
        ? ` (got ${JSON.stringify(env[first.instancePath.slice(1)])})`
        : '';
    throw new ConfigError(`configuration: ${first ? describeError(first) : 'invalid'}${shown}`);
  }
  const str = (k: string): string | undefined =>
    raw[k] === undefined ? undefined : String(raw[k]);
  const num = (k: string): number => Number(raw[k]);
  const host = str('HOST') ?? '127.0.0.1';
  const port = num('PORT');
  const publicBaseUrl = (str('PUBLIC_BASE_URL') ?? `http://${host}:${port}`).replace(/\/+$/, '');
  return {
    port,
    host,
    publicBaseUrl,
    mongodbUri: str('MONGODB_URI'),
    dataDir: str('DATA_DIR') ?? './data',
    appSecret: str('APP_SECRET'),
    scimBootstrapToken: str('SCIM_BOOTSTRAP_TOKEN'),
    adminBootstrapEmail: str('ADMIN_BOOTSTRAP_EMAIL')?.toLowerCase(),
    adminBootstrapPassword: str('ADMIN_BOOTSTRAP_PASSWORD'),
    emailTransport: (str('EMAIL_TRANSPORT') ?? 'outbox') as EmailTransportName,
    sendgridApiKey: str('SENDGRID_API_KEY'),
    sendgridApiBaseUrl: (str('SENDGRID_API_BASE_URL') ?? 'https://api.sendgrid.com').replace(
      /\/+$/,
      '',
    ),
    sendgridTimeoutMs: num('SENDGRID_TIMEOUT_MS'),
    sendgridWebhookPublicKey: str('SENDGRID_WEBHOOK_PUBLIC_KEY')?.replace(/\s+/g, ''),
    smtpUrl: str('SMTP_URL'),
    emailFrom: str('EMAIL_FROM') ?? 'no-reply@localhost',
    emailFromName: str('EMAIL_FROM_NAME'),
    welcomeLinkTtlHours: num('WELCOME_LINK_TTL_HOURS'),
    passwordResetTtlMinutes: num('PASSWORD_RESET_TTL_MINUTES'),
    welcomeResendLimitPerHour: num('WELCOME_RESEND_LIMIT_PER_HOUR'),
    linkProbeLimitPerClient: num('LINK_PROBE_LIMIT_PER_CLIENT'),
    linkProbeLimitPerTenant: num('LINK_PROBE_LIMIT_PER_TENANT'),
    linkProbeWindowSeconds: num('LINK_PROBE_WINDOW_SECONDS'),
    sessionTtlMinutes: num('SESSION_TTL_MINUTES'),
    outboxConcurrency: num('OUTBOX_CONCURRENCY'),
    outboxLeaseSeconds: num('OUTBOX_LEASE_SECONDS'),
    outboxMaxAttempts: num('OUTBOX_MAX_ATTEMPTS'),
    outboxRetryBaseMs: num('OUTBOX_RETRY_BASE_MS'),
    outboxPollMs: num('OUTBOX_POLL_MS'),
    scimMaxResults: num('SCIM_MAX_RESULTS'),
    scimBulkMaxOperations: num('SCIM_BULK_MAX_OPERATIONS'),
    bodyLimitBytes: num('BODY_LIMIT_BYTES'),
    jsonMaxDepth: num('JSON_MAX_DEPTH'),
    urlMaxLength: num('URL_MAX_LENGTH'),
    scimFilterMaxLength: num('SCIM_FILTER_MAX_LENGTH'),
    scimFilterMaxDepth: num('SCIM_FILTER_MAX_DEPTH'),
    scimPatchMaxOperations: num('SCIM_PATCH_MAX_OPERATIONS'),
    trustProxy: str('TRUST_PROXY') ?? 'loopback',
    logLevel: str('LOG_LEVEL') ?? 'info',
    nodeEnv: (str('NODE_ENV') ?? 'development') as Config['nodeEnv'],
  };
}
