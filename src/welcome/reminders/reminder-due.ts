/** `welcome.reminder` in a user document: the one reminder of the current generation. */
export interface ReminderState {
  state: 'queued' | 'sent' | 'failed' | 'skipped';
  generation: number;
  /** While queued: when it may be claimed (past the lease, or the retry's backoff). */
  dueAt: Date;
  leaseId: string;
  attempts: number;
  sentAt: Date;
  lastError: string | undefined;
}

const DAY_MS = 86_400_000;

/** Bounced, dropped or reported as spam: a reminder to that address would not help. */
const UNREACHABLE = ['bounce', 'dropped', 'spamreport'];

/**
 * The whole rule for "a reminder is due", as one filter, so that the claim re-checks it
 * atomically: the welcome email of this generation was accepted at least `days` ago, its link
 * has not expired, the user is active and has not signed in, and the reminder has not been
 * sent (or its lease or backoff has run out).
 */
export function reminderDue(tenantId: string, days: number, now: Date): Record<string, unknown> {
  return {
    tenantId,
    'welcome.state': 'sent',
    firstSignInAt: null,
    active: { $ne: false },
    'welcome.sentAt': { $lte: new Date(now.getTime() - days * DAY_MS) },
    'welcome.linkExpiresAt': { $gt: now },
    'welcome.delivery.status': { $nin: UNREACHABLE },
    $or: [
      { 'welcome.reminder': { $exists: false } },
      { 'welcome.reminder.state': 'queued', 'welcome.reminder.dueAt': { $lte: now } },
    ],
  };
}
