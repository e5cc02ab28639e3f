import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEBIAN_PACKAGES,
  FERRETDB_MODULE,
  FERRETDB_VERSION,
  POSTGRES_MAJOR,
  versionKey,
  type EngineSources,
} from './engine-sources';
import { commandExists, exists, runCommand } from './run-command';

export interface InstalledEngine {
  /** PostgreSQL's binaries (initdb, pg_ctl, postgres, psql). */
  pgBin: string;
  ferretdb: string;
}

export class EngineUnavailableError extends Error {}

const PG_CONFIG = `/usr/lib/postgresql/${POSTGRES_MAJOR}/bin/pg_config`;
const isRoot = () => process.getuid?.() === 0;

async function missingPackages(): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of DEBIAN_PACKAGES) {
    try {
      const { stdout } = await runCommand('dpkg-query', ['-W', '-f=${Status}', pkg]);
      if (!stdout.includes('install ok installed')) missing.push(pkg);
    } catch {
      missing.push(pkg);
    }
  }
  return missing;
}

async function installPackages(step: (line: string) => void): Promise<void> {
  if (!(await commandExists('dpkg-query'))) {
    throw new EngineUnavailableError('this is not a Debian-like system (no dpkg-query)');
  }
  const missing = await missingPackages();
  if (missing.length === 0) return;
  if (!isRoot() || !(await commandExists('apt-get'))) {
    throw new EngineUnavailableError(
      `Debian packages missing (${missing.join(' ')}) and apt-get cannot run as this user`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update', '-qq'], { env });
  await runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env,
  });
  step(`installed ${missing.length} Debian packages`);
}

/** Unpacks a tarball into `into` (fresh) and returns the folder it holds. */
async function unpack(tarball: string, into: string): Promise<string> {
  await rm(into, { recursive: true, force: true });
  await mkdir(into, { recursive: true });
  await runCommand('tar', ['xzf', tarball, '-C', into]);
  const { stdout } = await runCommand('tar', ['tzf', tarball]);
  return path.join(into, stdout.split('\n')[0]!.split('/')[0]!);
}

interface BuildContext {
  sources: EngineSources;
  cache: string;
  env: NodeJS.ProcessEnv;
  pkglibdir: string;
}

/** libbson ≥ 1.24 as a static library in its own prefix (Debian's 1.23 is too old). */
async function buildLibbson(b: BuildContext): Promise<void> {
  const key = versionKey(b.sources.tarballs['mongo-c-driver']);
  const prefix = path.join(b.cache, 'prefix', key);
  if (await exists(path.join(prefix, 'lib', 'pkgconfig', 'libbson-static-1.0.pc'))) return;
  const src = await unpack(b.sources.tarballs['mongo-c-driver'], path.join(b.cache, 'build', key));
  const build = path.join(src, 'cmake-build');
  await runCommand(
    'cmake',
    [
      '-S',
      src,
      '-B',
      build,
      '-DENABLE_MONGOC=OFF',
      '-DENABLE_TESTS=OFF',
      '-DENABLE_EXAMPLES=OFF',
      '-DENABLE_STATIC=ON',
      '-DCMAKE_C_FLAGS=-fPIC',
      '-DCMAKE_BUILD_TYPE=Release',
      `-DCMAKE_INSTALL_PREFIX=${prefix}`,
      `-DBUILD_VERSION=${key.replace(/^mongo-c-driver-/, '')}`,
    ],
    { env: b.env },
  );
  await runCommand('cmake', ['--build', build, '--parallel', '2', '--target', 'install'], {
    env: b.env,
  });
  await rm(path.join(b.cache, 'build', key), { recursive: true, force: true });
}

/** Debian ships the Intel decimal library without the pkg-config file DocumentDB asks for. */
async function writeIntelMathPc(b: BuildContext): Promise<void> {
  const dir = path.join(b.cache, 'pkgconfig');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'intelmathlib.pc'),
    [
      'Name: intelmathlib',
      'Description: Intel decimal floating-point math library (Debian libintelrdfpmath-dev)',
      'Version: 2.0',
      'Cflags: -I/usr/include',
      'Libs: -L/usr/lib/x86_64-linux-gnu -lbidgcc000',
      '',
    ].join('\n'),
  );
}

const stampOf = (b: BuildContext, name: ExtensionName) =>
  path.join(b.cache, 'stamps', `${versionKey(b.sources.tarballs[name])}.pg${POSTGRES_MAJOR}`);

/**
 * Installed once per version: a stamp in the cache records the build, and the installed shared
 * libraries are checked too (a machine may keep the cache but lose the system folders).
 */
async function isInstalled(b: BuildContext, name: ExtensionName, libraries: readonly string[]) {
  const present = await Promise.all(libraries.map((l) => exists(path.join(b.pkglibdir, l))));
  return present.every(Boolean) && (await exists(stampOf(b, name)));
}

type ExtensionName = 'pgvector' | 'pg_cron' | 'documentdb';

const EXTENSIONS: ReadonlyArray<{
  name: ExtensionName;
  subdirs: string[];
  libraries: string[];
  makeArgs: string[];
}> = [
  { name: 'pgvector', subdirs: ['.'], libraries: ['vector.so'], makeArgs: ['OPTFLAGS='] },
  { name: 'pg_cron', subdirs: ['.'], libraries: ['pg_cron.so'], makeArgs: [] },
  {
    name: 'documentdb',
    subdirs: ['pg_documentdb_core', 'pg_documentdb', 'internal/pg_documentdb_extended_rum'],
    libraries: ['pg_documentdb_core.so', 'pg_documentdb.so', 'pg_documentdb_extended_rum.so'],
    makeArgs: [],
  },
];

/** Builds and installs one PostgreSQL extension source with PGXS, then stamps it. */
async function buildExtension(
  b: BuildContext,
  name: ExtensionName,
  subdirs: string[],
  makeArgs: string[],
): Promise<void> {
  const key = versionKey(b.sources.tarballs[name]);
  const stamp = stampOf(b, name);
  const src = await unpack(b.sources.tarballs[name], path.join(b.cache, 'build', key));
  const args = [`PG_CONFIG=${PG_CONFIG}`, ...makeArgs];
  for (const sub of subdirs) {
    const cwd = path.join(src, sub);
    await runCommand('make', ['-j2', ...args], { cwd, env: b.env });
    await runCommand('make', ['install', ...args], { cwd, env: b.env });
  }
  await mkdir(path.dirname(stamp), { recursive: true });
  await writeFile(stamp, `${new Date().toISOString()}\n`);
  await rm(path.join(b.cache, 'build', key), { recursive: true, force: true });
}

async function installFerretdb(cache: string, env: NodeJS.ProcessEnv): Promise<string> {
  const bin = path.join(cache, `ferretdb-${FERRETDB_VERSION}`, 'bin');
  const binary = path.join(bin, 'ferretdb');
  if (!(await commandExists('go'))) {
    throw new EngineUnavailableError('Go is not installed, so FerretDB cannot be built');
  }
  await runCommand('go', ['install', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    env: { ...env, GOBIN: bin },
  });
  return binary;
}

/** Runs `fn` holding `<cache>/build.lock` (a folder: mkdir is atomic); a dead holder's lock is taken over. */
async function withBuildLock(
  cache: string,
  step: (line: string) => void,
  fn: () => Promise<void>,
): Promise<void> {
  const lock = path.join(cache, 'build.lock');
  await mkdir(cache, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => '0'));
      if (!holder || !isAlive(holder)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (waited === 0) step(`waiting for process ${holder}, which is building the engine`);
      if (waited > 900) throw new Error(`process ${holder} has held ${lock} for 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  try {
    await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes PostgreSQL 15 + DocumentDB + FerretDB 2.7 available (../shared/vendor/README.md):
 * Debian packages when missing, the four vendored sources built once into `cache`, FerretDB
 * with `go install`. Each step that does work prints one line; a second run only says so.
 */
export async function installEngine(
  sources: EngineSources,
  cache: string,
  step: (line: string) => void,
): Promise<InstalledEngine> {
  await installPackages(step);
  const pkgconfig = [
    path.join(cache, 'prefix', versionKey(sources.tarballs['mongo-c-driver']), 'lib', 'pkgconfig'),
    path.join(cache, 'pkgconfig'),
  ];
  const env = {
    ...process.env,
    PKG_CONFIG_PATH: [...pkgconfig, process.env.PKG_CONFIG_PATH].filter(Boolean).join(':'),
  };
  const { stdout } = await runCommand(PG_CONFIG, ['--pkglibdir']);
  const b: BuildContext = { sources, cache, env, pkglibdir: stdout.trim() };

  const ferretBinary = path.join(cache, `ferretdb-${FERRETDB_VERSION}`, 'bin', 'ferretdb');
  const missing = async () => {
    const out: Array<(typeof EXTENSIONS)[number]> = [];
    for (const e of EXTENSIONS) if (!(await isInstalled(b, e.name, e.libraries))) out.push(e);
    return out;
  };
  if ((await missing()).length > 0 || !(await exists(ferretBinary))) {
    if (!isRoot()) {
      throw new EngineUnavailableError(
        `the DocumentDB extensions are not installed in ${b.pkglibdir}, and installing them needs root`,
      );
    }
    // One builder at a time: a second process (npm test beside npm start) waits, then finds
    // everything built.
    await withBuildLock(cache, step, async () => {
      for (const e of await missing()) {
        if (e.name === 'documentdb') {
          await buildLibbson(b);
          await writeIntelMathPc(b);
          step(`built libbson (${versionKey(sources.tarballs['mongo-c-driver'])})`);
        }
        await buildExtension(b, e.name, e.subdirs, e.makeArgs);
        step(`built and installed ${versionKey(sources.tarballs[e.name])}`);
      }
      if (!(await exists(ferretBinary))) {
        await installFerretdb(cache, process.env);
        step(`built FerretDB ${FERRETDB_VERSION} with go install`);
      }
    });
  }
  step(
    `PostgreSQL ${POSTGRES_MAJOR} + DocumentDB + FerretDB ${FERRETDB_VERSION} installed (cache: ${cache})`,
  );
  const ferretdb = ferretBinary;
  return { pgBin: path.dirname(PG_CONFIG), ferretdb };
}
