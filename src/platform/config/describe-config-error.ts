import type { ErrorObject } from 'ajv';
import { isSecretKey, variableOf } from './config-keys';
import { isEnvironmentSource, type ConfigSource } from './read-config-files';

/** Where the value of a key came from: the last source that set it. */
function originOf(key: string, sources: readonly ConfigSource[]): ConfigSource | undefined {
  for (let index = sources.length - 1; index >= 0; index -= 1) {
    const parsed: unknown = sources[index]?.parsed;
    if (typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, key))
      return sources[index];
  }
  return undefined;
}

function shown(key: string, value: unknown): string {
  return isSecretKey(key) || value === undefined ? '' : `got ${JSON.stringify(value)}; `;
}

/**
 * One line for the first schema violation, naming the key, the variable mapped onto it and,
 * when the value came from a file, the file (where an operator goes to fix it).
 */
export function describeConfigError(
  error: ErrorObject,
  values: Readonly<Record<string, unknown>>,
  sources: readonly ConfigSource[],
): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (params.additionalProperty !== undefined) {
    const key = params.additionalProperty;
    const file = originOf(key, sources)?.name ?? 'the configuration';
    return `configuration: unknown key ${key} in ${file} (see schemas/config.schema.json)`;
  }
  if (params.missingProperty !== undefined) {
    const key = params.missingProperty;
    const variable = variableOf(key);
    const how = isSecretKey(key)
      ? `set ${variable} or ${variable}_FILE`
      : 'config/default.json should set it';
    return `configuration: ${variable} is required here (key ${key}; ${how})`;
  }
  const key = error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
  const variable = variableOf(key);
  const message = error.message ?? 'is invalid';
  const origin = originOf(key, sources);
  if (!origin || isEnvironmentSource(origin))
    return `configuration: ${variable} ${message} (${shown(key, values[key])}key ${key})`;
  return `configuration: ${key} ${message} in ${origin.name} (${shown(key, values[key])}variable ${variable})`;
}
