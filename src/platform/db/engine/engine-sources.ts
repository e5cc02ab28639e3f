import os from 'node:os';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { exists } from './run-command';

/** The engine's fixed versions: PostgreSQL from Debian, FerretDB from the Go module proxy. */
export const POSTGRES_MAJOR = 15;
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB/v2/cmd/ferretdb';
export const FERRETDB_VERSION = 'v2.7.0';

/** Debian packages the build and the cluster need (../shared/vendor/README.md, fact 1). */
export const DEBIAN_PACKAGES = [
  `postgresql-${POSTGRES_MAJOR}`,
  `postgresql-server-dev-${POSTGRES_MAJOR}`,
  `postgresql-${POSTGRES_MAJOR}-postgis-3`,
  `postgresql-${POSTGRES_MAJOR}-rum`,
  'libintelrdfpmath-dev',
  'libpcre2-dev',
  'pkg-config',
  'build-essential',
  'cmake',
  'libkrb5-dev',
  'libicu-dev',
  'libpq-dev',
  'systemtap-sdt-dev',
];

/** The vendored source tarballs, by the name their archive starts with. */
export const SOURCE_NAMES = ['mongo-c-driver', 'pgvector', 'pg_cron', 'documentdb'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface EngineSources {
  dir: string;
  /** Absolute tarball path per source; its file name carries the version and is the cache key. */
  tarballs: Record<SourceName, string>;
}

/**
 * Where the vendored sources are: `ENGINE_SOURCE_DIR`, else `../shared/vendor` beside the
 * repository when it exists. Undefined when a tarball is missing.
 */
export async function findEngineSources(
  repoRoot: string,
  configured?: string,
): Promise<EngineSources | { missing: string }> {
  const dir = path.resolve(configured || path.join(repoRoot, '..', 'shared', 'vendor'));
  if (!(await exists(dir))) return { missing: `no source folder at ${dir}` };
  const files = await readdir(dir);
  const tarballs = {} as Record<SourceName, string>;
  for (const name of SOURCE_NAMES) {
    const file = files
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.tar.gz'))
      .sort()
      .pop();
    if (!file) return { missing: `no ${name}-*.tar.gz in ${dir}` };
    tarballs[name] = path.join(dir, file);
  }
  return { dir, tarballs };
}

/** The build cache, outside the repository: `ENGINE_CACHE_DIR`, else the user's cache folder. */
export function engineCacheDir(configured?: string): string {
  if (configured) return path.resolve(configured);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'scim-welcome', 'engine');
}

/** `documentdb-0.108-0-b2e220c4.tar.gz` → `documentdb-0.108-0-b2e220c4`. */
export const versionKey = (tarball: string) => path.basename(tarball).replace(/\.tar\.gz$/, '');
