import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../src/platform/config/load-config';
import { CONFIG_KEYS, SECRET_KEYS, variableOf } from '../../src/platform/config/config-keys';

// Adding a configuration key touches: schemas/config.schema.json, config/default.json,
// config/custom-environment-variables.json, .env.example, the README table and the Config
// interface (the build checks that one). These tests fail until all of them agree.

const root = path.resolve(__dirname, '../..');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

const schema = readJson('schemas/config.schema.json') as {
  properties: Record<string, { description?: string }>;
};
const defaults = readJson('config/default.json');
const mapping = readJson('config/custom-environment-variables.json');
const isSecret = (key: string) => SECRET_KEYS.includes(key);

function envExample(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of readFileSync(path.join(root, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) entries[match[1]!] = match[2]!;
  }
  return entries;
}

/** The README configuration table: variable → [key cell, meaning, default cell]. */
function readmeTable(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync(path.join(root, 'README.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const variable = /^`([A-Z0-9_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (variable && cells.length === 6) rows.set(variable, cells.slice(2, 5));
  }
  return rows;
}

describe('the configuration files stay in step with the schema', () => {
  it('every key in the schema has a description', () => {
    for (const [key, property] of Object.entries(schema.properties))
      expect(`${key}: ${property.description ?? ''}`.length).toBeGreaterThan(key.length + 10);
  });

  it('config/default.json holds every key of the schema but the secrets, and nothing else', () => {
    const expected = CONFIG_KEYS.filter((key) => !isSecret(key));
    expect(Object.keys(defaults).sort()).toEqual([...expected].sort());
  });

  it('config/custom-environment-variables.json maps every key onto its own variable', () => {
    expect(Object.keys(mapping).sort()).toEqual([...CONFIG_KEYS].sort());
    for (const variable of Object.values(mapping)) expect(variable).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(new Set(Object.values(mapping)).size).toBe(CONFIG_KEYS.length);
  });

  it('the deployment files hold only known, non-secret keys whose value differs from the default', () => {
    const files = readdirSync(path.join(root, 'config')).filter(
      (file) => !['default.json', 'custom-environment-variables.json'].includes(file),
    );
    expect(files.sort()).toEqual(['production.json', 'test.json']);
    for (const file of files) {
      for (const [key, value] of Object.entries(readJson(`config/${file}`))) {
        expect(Object.keys(schema.properties)).toContain(key);
        expect(isSecret(key)).toBe(false);
        expect(value).not.toEqual(defaults[key]);
      }
    }
  });

  it.each(['development', 'test', 'production'])(
    'the committed files load for NODE_ENV=%s',
    (nodeEnv) => {
      const env = { NODE_ENV: nodeEnv, APP_SECRET: 'a-secret-of-at-least-thirty-two-characters' };
      expect(loadConfig(env).nodeEnv).toBe(nodeEnv);
    },
  );
});

describe('.env.example', () => {
  it('lists exactly the variables of custom-environment-variables.json, and its values are valid', () => {
    const example = envExample();
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(() => loadConfig(example)).not.toThrow();
  });

  it('shows each default of config/default.json, and leaves secrets and unset keys empty', () => {
    const example = envExample();
    for (const key of CONFIG_KEYS) {
      const value = defaults[key];
      const shown = value === null || value === undefined ? '' : String(value);
      expect(`${variableOf(key)}=${example[variableOf(key)]}`).toBe(`${variableOf(key)}=${shown}`);
    }
  });
});

describe('the README', () => {
  it('has a row per variable naming its key (and whether it is a secret) and its default', () => {
    const table = readmeTable();
    expect([...table.keys()].sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const key of CONFIG_KEYS) {
      const [keyCell, , defaultCell] = table.get(variableOf(key)) ?? [];
      expect(keyCell).toBe(isSecret(key) ? `\`${key}\` (secret)` : `\`${key}\``);
      const value = defaults[key];
      if (value !== null && value !== undefined)
        expect(`${key}: ${defaultCell}`).toBe(`${key}: \`${String(value)}\``);
    }
  });
});
