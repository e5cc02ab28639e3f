/** What a use case just queued, so the signal can count it (metrics) as it wakes the outbox. */
export interface QueuedJobs {
  kind: string;
  tenantId: string;
  /** Jobs queued at once (resend to all); default 1. */
  count?: number;
}

/** Tells this process's outbox worker that work is due; other processes find it by polling. */
export type WakeOutbox = (queued?: QueuedJobs) => void;

export interface OutboxSignal {
  wake: WakeOutbox;
  /** The outbox worker listens: a wake with a kind wakes the sources of that kind. */
  onWake: (listener: (queued?: QueuedJobs) => void) => void;
}

/** The in-process nudge; `onQueued` sees each use case's report of what it queued. */
export function createOutboxSignal(onQueued?: (queued: QueuedJobs) => void): OutboxSignal {
  const listeners: Array<(queued?: QueuedJobs) => void> = [];
  return {
    wake: (queued) => {
      if (queued) onQueued?.(queued);
      listeners.forEach((l) => l(queued));
    },
    onWake: (listener) => listeners.push(listener),
  };
}
