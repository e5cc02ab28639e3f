/**
 * Tells this process's events relay that a write here has just left events in a document, so
 * it publishes them at once instead of at its next scan (which still finds events written by
 * other processes, and any write this signal did not name).
 */
export interface PendingEventsSignal {
  /** `where`: the first of the relay's reads the write concerns (`RELAY_READS`). */
  notify(where: RelayRead): void;
  onNotify(listener: (where: RelayRead) => void): void;
}

/**
 * What a relay pass reads, in this order (relay-events.ts says why the order matters): pending
 * deletions, membership rows, users, groups. A pass announced by writes reads from the first
 * one they concern to the end; a scan reads them all.
 */
export const RELAY_READS = ['deletions', 'memberships', 'users', 'groups'] as const;
export type RelayRead = (typeof RELAY_READS)[number];

export function createPendingEventsSignal(): PendingEventsSignal {
  const listeners: Array<(where: RelayRead) => void> = [];
  return {
    notify: (where) => listeners.forEach((listener) => listener(where)),
    onNotify: (listener) => listeners.push(listener),
  };
}

/** `write`, calling `notify` when it settles (a failed write may still have written events). */
export function notifying<A extends unknown[], R>(
  write: (...args: A) => Promise<R>,
  notify: () => void,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await write(...args);
    } finally {
      notify();
    }
  };
}
