import { ApiError } from '../platform/errors/api-error';

/**
 * Runs tasks of one key one after another in this process, tasks of different keys side by
 * side: concurrent creates of one unique name (an identity provider retrying a create) then
 * meet the unique index one at a time, the first inserts and the others get their 409 at once,
 * instead of waiting on each other in the database until it aborts one as a deadlock.
 */
export function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

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
