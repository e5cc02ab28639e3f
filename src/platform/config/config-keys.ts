import configSchema from '../../../schemas/config.schema.json';
import variableMap from '../../../config/custom-environment-variables.json';

/** A key of the merged configuration (schemas/config.schema.json, config/*.json). */
export type ConfigKey = keyof typeof configSchema.properties;

/** The keys custom-environment-variables.json maps; a test keeps them equal to ConfigKey. */
export type MappedKey = keyof typeof variableMap;

interface PropertySchema {
  type?: string | readonly string[];
  'x-secret'?: boolean;
}

const properties: Readonly<Record<string, PropertySchema | undefined>> = configSchema.properties;
const variables: Readonly<Record<string, string | undefined>> = variableMap;

export const CONFIG_KEYS = Object.keys(configSchema.properties) as readonly ConfigKey[];

/** Keys marked `"x-secret": true`: only ever set from the environment or an `X_FILE` file. */
export const SECRET_KEYS: readonly string[] = CONFIG_KEYS.filter(
  (key) => properties[key]?.['x-secret'] === true,
);

/** The environment variable that config/custom-environment-variables.json maps onto `key`. */
export function variableOf(key: string): string {
  return variables[key] ?? key;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.includes(key);
}

/**
 * Values taken from the environment are strings: give the ones the schema types as numbers or
 * booleans that type, so the schema judges the value (a file's "8080" string stays an error).
 */
export function typedVariables(values: Record<string, unknown>): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    typed[key] = typeof value === 'string' ? fromText(value, properties[key]?.type) : value;
  }
  return typed;
}

function fromText(text: string, type: PropertySchema['type']): unknown {
  const types = [type ?? []].flat();
  const numeric = types.includes('integer') || types.includes('number');
  if (numeric && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
