/** A configuration problem: one line naming the key, its variable and, if any, its file. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
