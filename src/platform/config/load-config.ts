import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import configSchema from '../../../schemas/config.schema.json';
import { ConfigError } from './config-error';
import { configDirs } from './config-dirs';
import {
  CONFIG_KEYS,
  SECRET_KEYS,
  isSecretKey,
  typedVariables,
  variableOf,
  type ConfigKey,
  type MappedKey,
} from './config-keys';
import { describeConfigError } from './describe-config-error';
import { environmentVariables } from './environment-variables';
import { isEnvironmentSource, readConfigFiles, type ConfigSource } from './read-config-files';

export { ConfigError };

export type EmailTransportName = 'sendgrid' | 'smtp' | 'outbox';

/**
 * The validated configuration; one field per key of schemas/config.schema.json.
 *
 * To add a key: its property in schemas/config.schema.json (type, limits, description;
 * `"x-secret": true` for a secret, `[type, "null"]` for an optional value), its default in
 * config/default.json (null when unset; never for a secret), its variable in
 * config/custom-environment-variables.json, a line in .env.example, a row in the README table,
 * and the field here. The build (below) and test/platform/config-in-step.test.ts fail until
 * all of them agree.
 */
export interface Config {
  port: number;
  host: string;
  publicBaseUrl: string;
  mongodbUri?: string;
  dataDir: string;
  engineSourceDir?: string;
  engineCacheDir?: string;
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
  emailHistoryDays: number;
  oidcAccessTokenTtlSeconds: number;
  oidcIdTokenTtlSeconds: number;
  oidcRefreshTokenTtlDays: number;
  oidcSessionTtlHours: number;
  oidcTokenLimitPerMinute: number;
  upstreamAllowPrivateIssuers: boolean;
  welcomeResendLimitPerHour: number;
  linkProbeLimitPerClient: number;
  linkProbeLimitPerTenant: number;
  linkProbeWindowSeconds: number;
  sessionTtlMinutes: number;
  outboxConcurrency: number;
  outboxLeaseSeconds: number;
  outboxMaxAttempts: number;
  outboxRetryBaseMs: number;
  outboxRetryMaxMs: number;
  outboxPollMs: number;
  eventRetentionDays: number;
  webhookAllowPrivateTargets: boolean;
  webhookTimeoutMs: number;
  webhookDisableAfterMinutes: number;
  welcomeReminderScanSeconds: number;
  cacheTtlSeconds: number;
  scimMaxResults: number;
  scimBulkMaxOperations: number;
  bodyLimitBytes: number;
  jsonMaxDepth: number;
  urlMaxLength: number;
  scimFilterMaxLength: number;
  scimFilterMaxDepth: number;
  scimPatchMaxOperations: number;
  scimRateLimitPerSecond: number;
  scimRateLimitBurst: number;
  provisioningLogDays: number;
  provisioningLogMaxEntries: number;
  metricsToken?: string;
  trustProxy: string;
  logLevel: string;
  nodeEnv: 'development' | 'production' | 'test';
}

// A key added to the schema but not to Config or to custom-environment-variables.json (or the
// reverse) fails the build here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _configInStep: Same<keyof Config, ConfigKey> = true;
const _mappingInStep: Same<MappedKey, ConfigKey> = true;

/** Every environment variable the configuration reads (config/custom-environment-variables.json). */
export const CONFIG_VARIABLES: readonly string[] = CONFIG_KEYS.map(variableOf);

export interface LoadConfigOptions {
  /** Folders node-config reads, later ones winning. Default: config/, then NODE_CONFIG_DIR. */
  configDirs?: readonly string[];
}

/**
 * Reads config/*.json with node-config, the variables of `env` on top (nothing is read from
 * process.env), and validates the result against schemas/config.schema.json; throws ConfigError.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): Config {
  const variables = environmentVariables(env, SECRET_KEYS.map(variableOf));
  const { values, sources } = readFiles(variables, options);
  refuseSecretsInFiles(sources);
  const validate = compileSchema();
  if (!validate(values)) {
    const [first] = validate.errors ?? [];
    throw new ConfigError(
      first ? describeConfigError(first, values, sources) : 'configuration: invalid',
    );
  }
  return toConfig(values as unknown as Values);
}

function readFiles(variables: Record<string, string>, options: LoadConfigOptions) {
  const deployments = (variables.NODE_CONFIG_ENV ?? variables.NODE_ENV ?? 'development').split(',');
  try {
    return readConfigFiles({
      dirs: options.configDirs ?? configDirs(variables.NODE_CONFIG_DIR),
      deployments: deployments.map((name) => name.trim()).filter(Boolean),
      hostName: variables.HOSTNAME,
      appInstance: variables.NODE_APP_INSTANCE,
      variables,
      fromVariables: typedVariables,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = (error as Error).message.replace(/\s+/g, ' ');
    throw new ConfigError(`configuration: ${message}`);
  }
}

/** Secrets come from the environment or an X_FILE file, never from a (committed) config file. */
function refuseSecretsInFiles(sources: readonly ConfigSource[]): void {
  for (const source of sources) {
    if (isEnvironmentSource(source)) continue;
    const parsed: unknown = source.parsed;
    if (typeof parsed !== 'object' || parsed === null) continue;
    const key = Object.keys(parsed).find(isSecretKey);
    if (key === undefined) continue;
    const variable = variableOf(key);
    throw new ConfigError(
      `configuration: ${key} is a secret and is refused in ${source.name}; set ${variable} or ${variable}_FILE instead`,
    );
  }
}

function compileSchema() {
  const ajv = new Ajv({ allErrors: false, strict: false });
  addFormats(ajv);
  // Every key but the secrets has a value in config/default.json (null when unset), so a
  // folder list without the shipped defaults is refused here rather than half-configured.
  const required = CONFIG_KEYS.filter((key) => !isSecretKey(key));
  return ajv.compile({ ...configSchema, required });
}

type Values = { [K in keyof Config]-?: Config[K] | null };

function toConfig(values: Values): Config {
  const set = Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== null && value !== undefined),
  ) as unknown as Config;
  const publicBaseUrl = set.publicBaseUrl ?? `http://${set.host}:${set.port}`;
  return {
    ...set,
    publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
    adminBootstrapEmail: set.adminBootstrapEmail?.toLowerCase(),
    sendgridApiBaseUrl: set.sendgridApiBaseUrl.replace(/\/+$/, ''),
    sendgridWebhookPublicKey: set.sendgridWebhookPublicKey?.replace(/\s+/g, ''),
  };
}
