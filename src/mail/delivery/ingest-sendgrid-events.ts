import { pushUserEvent } from '../../events/user-events';
import type { EventType } from '../../events/event-types';
import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { EmailOutcome, Metrics } from '../../platform/metrics/metrics';
import { DELIVERY_RANK, type DeliveryEventDoc } from './delivery-event-model';
import type { SendgridEvent } from './parse-sendgrid-events';

/** The webhook events the email counter reports (opens and clicks are the user's business). */
const WEBHOOK_OUTCOMES: Readonly<Record<string, EmailOutcome>> = {
  delivered: 'delivered',
  deferred: 'deferred',
  bounce: 'bounced',
  dropped: 'dropped',
  spamreport: 'spamreport',
};

/** SendGrid outcomes the host application hears about, in the same update that folds them. */
const EVENT_OF: Partial<Record<string, EventType>> = {
  delivered: 'welcome_email.delivered',
  bounce: 'welcome_email.bounced',
};

/**
 * Stores each new event once (SendGrid re-delivers) and folds welcome-email events into the
 * user's delivery status by precedence, for the generation the event is about.
 */
export async function ingestSendgridEvents(
  deps: {
    DeliveryEvent: Model<DeliveryEventDoc>;
    directory: Directory;
    now: () => Date;
    metrics?: Pick<Metrics, 'countEmail'>;
  },
  events: SendgridEvent[],
): Promise<{ stored: number; duplicates: number; ignored: number }> {
  let stored = 0;
  let duplicates = 0;
  let ignored = 0;
  for (const e of events) {
    const kind = e.jobId ? 'password-reset' : 'welcome';
    if (!e.tenantId || !e.userId || DELIVERY_RANK[e.event] === undefined) {
      ignored++;
      continue;
    }
    try {
      await deps.DeliveryEvent.create({
        _id: e.dedupeKey,
        tenantId: e.tenantId,
        userId: e.userId,
        kind,
        generation: e.generation,
        jobId: e.jobId,
        event: e.event,
        at: e.timestamp,
        reason: e.reason,
        bounceType: e.bounceType,
        bounceClassification: e.bounceClassification,
        url: e.url,
        receivedAt: deps.now(),
      });
      stored++;
      const outcome = WEBHOOK_OUTCOMES[e.event];
      if (outcome) deps.metrics?.countEmail(kind, outcome, e.tenantId);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        duplicates++;
        continue;
      }
      throw error;
    }
    if (kind !== 'welcome' || e.generation === undefined) continue;
    const rank = DELIVERY_RANK[e.event]!;
    const users = deps.directory.users.collection;
    const delivery = {
      status: e.event,
      rank,
      at: e.timestamp,
      reason: e.reason ?? null,
      bounceType: e.bounceType ?? null,
    };
    // Folded by precedence, not arrival: only a higher-ranked event of the same generation wins.
    await users.updateOne(
      {
        _id: e.userId,
        tenantId: e.tenantId,
        'welcome.generation': e.generation,
        'welcome.delivery.rank': { $not: { $gte: rank } },
      } as never,
      {
        $set: { 'welcome.delivery': delivery },
        ...(EVENT_OF[e.event]
          ? {
              $push: pushUserEvent(EVENT_OF[e.event]!, {
                tenantId: e.tenantId,
                userId: e.userId,
                at: deps.now(),
                data: { generation: e.generation, reason: e.reason ?? null },
              }),
            }
          : {}),
      },
    );
    if (EVENT_OF[e.event]) deps.directory.pendingEvents.notify('users');
  }
  return { stored, duplicates, ignored };
}
