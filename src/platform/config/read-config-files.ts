import path from 'node:path';
import { Load, Util, type ConfigSource, type LoadOptions } from 'config/lib/util';

export type { ConfigSource };

export interface ConfigFilesRequest {
  /** Folders in order; a later folder's file wins over an earlier one's of the same rank. */
  dirs: readonly string[];
  /** The deployments whose files are read after default.json (NODE_CONFIG_ENV or NODE_ENV). */
  deployments: readonly string[];
  hostName?: string;
  appInstance?: string;
  /** The environment, already trimmed; custom-environment-variables.json is resolved against it. */
  variables: Readonly<Record<string, string>>;
  /** Turns the values taken from variables (all strings) into the types the schema expects. */
  fromVariables: (values: Record<string, unknown>) => Record<string, unknown>;
}

export interface ConfigFiles {
  /** The merged result: default.json, then deployment, host and local files, then variables. */
  values: Record<string, unknown>;
  /** What each file (and the environment) contributed, in merge order. */
  sources: ConfigSource[];
}

/**
 * node-config's own loader (`Load`), without its process-wide singleton: the same files, in
 * the same order, merged by the same code as `require('config')`, except that
 * custom-environment-variables.json is resolved against the `variables` it is given rather
 * than `process.env`, so a test can load a configuration without touching global state.
 */
class VariablesLoad extends Load {
  constructor(
    options: LoadOptions,
    private readonly request: ConfigFilesRequest,
  ) {
    super(options);
  }

  override loadCustomEnvVars(extNames?: string[]): object {
    // config's .d.ts types `parser` as its module namespace; at run time it is the Parser object.
    const parser = this.parser as unknown as { getFilesOrder(): unknown } | undefined;
    const order = parser?.getFilesOrder();
    const names = extNames ?? (Array.isArray(order) ? order : ['json']);
    const allowed = Object.fromEntries(
      names.map((ext, index) => [`custom-environment-variables.${ext}`, index + 1]),
    );
    const dirs = this.options.configDir ?? '';
    for (const file of Util.locateMatchingFiles(dirs, allowed)) {
      this.loadFile(file, (map: object) =>
        this.request.fromVariables(this.substituteDeep(map, this.request.variables)),
      );
    }
    return {};
  }
}

/** True for the source node-config builds from custom-environment-variables.* (the environment). */
export function isEnvironmentSource(source: ConfigSource): boolean {
  return /^custom-environment-variables\.[a-z0-9]+$/.test(path.basename(source.name));
}

/** Reads and merges the configuration files of `dirs` with node-config. */
export function readConfigFiles(request: ConfigFilesRequest): ConfigFiles {
  const load = new VariablesLoad(
    {
      configDir: request.dirs.map((dir) => path.resolve(dir)).join(path.delimiter),
      nodeEnv: [...request.deployments],
      hostName: request.hostName,
      appInstance: request.appInstance,
    },
    request,
  );
  const values = load.scan() as Record<string, unknown>;
  return { values, sources: load.getSources() };
}
