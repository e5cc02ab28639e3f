import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';

/** The `config/` folder shipped beside package.json (from src/ under ts-node, dist/src/ once built). */
export function shippedConfigDir(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'config');
    if (path.dirname(dir) === dir)
      throw new ConfigError(`configuration: no package.json above ${from}`);
  }
}

/**
 * The folders node-config reads, in order: the shipped config/ (every default and the
 * variable mapping), then each folder of NODE_CONFIG_DIR (node-config's list syntax, separated
 * by ':'), so a mounted folder needs only the files that differ.
 */
export function configDirs(nodeConfigDir: string | undefined): string[] {
  const dirs = [shippedConfigDir()];
  for (const entry of (nodeConfigDir ?? '').split(path.delimiter)) {
    if (!entry.trim()) continue;
    const dir = path.resolve(entry.trim());
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new ConfigError(`configuration: NODE_CONFIG_DIR names ${dir}, which is not a folder`);
    if (!dirs.includes(dir)) dirs.push(dir);
  }
  return dirs;
}
