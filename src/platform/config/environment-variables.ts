import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';

/**
 * The environment as the configuration sees it: values trimmed, empty ones left out (an empty
 * variable means "use the default", as in .env.example), and each secret `X` also readable from
 * the file named by `X_FILE` (the Docker-secrets convention).
 */
export function environmentVariables(
  env: Readonly<Record<string, string | undefined>>,
  secretVariables: readonly string[],
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (trimmed) variables[name] = trimmed;
  }
  for (const name of secretVariables) {
    const file = variables[`${name}_FILE`];
    if (file === undefined) continue;
    if (variables[name] !== undefined)
      throw new ConfigError(`configuration: set ${name} or ${name}_FILE, not both`);
    variables[name] = readSecretFile(`${name}_FILE`, file);
  }
  return variables;
}

function readSecretFile(variable: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(
      `configuration: ${variable} names ${file}, which cannot be read (${code})`,
    );
  }
  if (!text) throw new ConfigError(`configuration: ${variable} names ${file}, which is empty`);
  return text;
}
