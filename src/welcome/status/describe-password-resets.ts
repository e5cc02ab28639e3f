import { DELIVERY_RANK, type DeliveryEventDoc } from '../../mail/delivery/delivery-event-model';
import type { LinkDoc } from '../links/link-model';
import type { MailJobDoc } from '../password-reset/mail-job-model';

/** How many of a user's password-reset emails an administrator sees, newest first. */
export const PASSWORD_RESETS_SHOWN = 20;

export interface PasswordResetView {
  id: string;
  /**
   * Who asked: `administrator`, `self-service` (the public reset page or API: anyone who knows
   * the address), or null for emails from before this was kept.
   */
  requestedBy: 'administrator' | 'self-service' | null;
  requestedAt: Date;
  /** `queued` (retrying after `lastError`, if any), `sent` (accepted by the provider) or `failed`. */
  state: MailJobDoc['state'];
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
  /** The provider's latest word by precedence (delivered, bounce, …), null until it reports. */
  delivery: { status: string; at: Date; reason: string | null; bounceType: string | null } | null;
  /** Every provider event about this email, oldest first. */
  events: Array<{ event: string; at: Date; reason: string | null }>;
  linkExpiresAt: Date | null;
  linkUsedAt: Date | null;
  /**
   * When and why the link stopped working before use (`superseded`: another reset link was
   * requested, or used to choose a password).
   */
  linkRevokedAt: Date | null;
  linkRevokedReason: LinkDoc['revokedReason'] | null;
}

/**
 * What happened to each password-reset email of one user: who asked, whether the provider took
 * it, what it reported (SendGrid's event webhook) and whether the link was used.
 */
export function describePasswordResets(
  jobs: MailJobDoc[],
  events: DeliveryEventDoc[],
  links: LinkDoc[],
): PasswordResetView[] {
  return jobs.map((job) => {
    const own = events
      .filter((e) => e.jobId === job._id)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const latest = own.reduce<DeliveryEventDoc | undefined>(
      (best, e) =>
        !best || (DELIVERY_RANK[e.event] ?? -1) > (DELIVERY_RANK[best.event] ?? -1) ? e : best,
      undefined,
    );
    const link = links.find((l) => l.jobId === job._id);
    return {
      id: job._id,
      requestedBy: job.requestedBy ?? null,
      requestedAt: job.createdAt,
      state: job.state,
      attempts: job.attempts,
      sentAt: job.sentAt ?? null,
      lastError: job.lastError ?? null,
      delivery: latest
        ? {
            status: latest.event,
            at: latest.at,
            reason: latest.reason ?? null,
            bounceType: latest.bounceType ?? null,
          }
        : null,
      events: own.map((e) => ({ event: e.event, at: e.at, reason: e.reason ?? null })),
      linkExpiresAt: link?.expiresAt ?? null,
      linkUsedAt: link?.usedAt ?? null,
      linkRevokedAt: link?.revokedAt ?? null,
      linkRevokedReason: link?.revokedReason ?? null,
    };
  });
}
