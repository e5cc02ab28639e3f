import { ApiError } from '../platform/errors/api-error';

const MAX_ATTEMPTS = 100;

/**
 * Optimistic concurrency for read-modify-write of one document: `attempt` reads, computes and
 * writes with the version it read in the filter, and returns null when another writer got
 * there first; then it runs again on the fresh document. Each round has a winner, so N
 * concurrent writers finish in at most N rounds; the jitter keeps them from colliding in step.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T | null>): Promise<T> {
  for (let round = 0; round < MAX_ATTEMPTS; round++) {
    const result = await attempt();
    if (result !== null) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(25, 2 + round)));
  }
  throw new ApiError(
    503,
    'busy',
    'the resource is being changed by many requests; retry',
    undefined,
    {
      'Retry-After': '1',
    },
  );
}
