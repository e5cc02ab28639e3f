import type { Logger } from '../../platform/logging/logger';
import { retryDelayMs } from '../../platform/workers/outbox-worker';

/** Tries to record an accepted send, with the outbox's backoff: 6 waits, 3–6 s in all. */
const RECORD_ATTEMPTS = 7;
const RECORD_BACKOFF = { baseMs: 200, maxMs: 1_600 };

/**
 * Records a send the provider accepted. Failing to record it is not a failed send: treating it
 * as one would send the email again at once. The record is retried for 3–6 s; if the
 * database stays away longer, the job keeps its send lease (OUTBOX_LEASE_SECONDS) and goes again
 * only when that runs out, the one case left where an email can go twice, and the log says so.
 */
export async function recordSent(
  logger: Logger,
  email: { kind: string; tenantId: string; userId?: string; jobId?: string },
  record: () => Promise<unknown>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await record();
      return;
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS) {
        logger.error('email sent but not recorded; it goes again when its lease runs out', {
          ...email,
          error,
        });
        throw error;
      }
      logger.warn('email sent; recording it failed, retrying', {
        ...email,
        attempt,
        error: (error as Error).message,
      });
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, RECORD_BACKOFF)));
    }
  }
}
