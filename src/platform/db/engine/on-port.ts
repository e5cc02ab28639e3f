import { freePort } from './run-command';

/** The port picked was taken by another program before this one could bind it. */
export class PortTakenError extends Error {}

/**
 * The error for a server that did not start: PortTakenError when its `output` says its port
 * was taken (Node's EADDRINUSE, PostgreSQL's and Go's "address already in use"), so that
 * onPort tries another.
 */
export const startFailure = (message: string, output: string): Error =>
  /EADDRINUSE|address already in use/i.test(output)
    ? new PortTakenError(message)
    : new Error(message);

/**
 * Runs `start` on `fixed`, or on a free port and, when another program took that one between
 * picking and binding (`start` throws PortTakenError; parallel tests start servers all the
 * time), on another, up to five picks.
 */
export async function onPort<T>(
  fixed: number | undefined,
  start: (port: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(fixed ?? (await freePort()));
    } catch (error) {
      if (fixed !== undefined || !(error instanceof PortTakenError) || attempt === 5) throw error;
    }
  }
}
