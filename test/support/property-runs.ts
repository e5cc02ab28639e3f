/**
 * fast-check run parameters for every property test: a fixed seed, so a run is the same every
 * time, unless `FC_SEED` gives another; `FC_PATH` replays only the shrunk counterexample of a
 * failure. A failure prints both (`{ seed: …, path: … }`): rerun with
 * `FC_SEED=<seed> FC_PATH=<path> npx jest <file>`.
 */
export const PROPERTY_SEED = Number(process.env.FC_SEED ?? 20_240_611);

export function propertyRuns(numRuns: number): { seed: number; numRuns: number; path?: string } {
  const path = process.env.FC_PATH;
  return path ? { seed: PROPERTY_SEED, numRuns, path } : { seed: PROPERTY_SEED, numRuns };
}
