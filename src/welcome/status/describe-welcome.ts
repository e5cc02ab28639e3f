import type { UserDoc } from '../../directory/users/user-model';
import type { DeliveryEventDoc } from '../../mail/delivery/delivery-event-model';

export interface WelcomeTimelineEntry {
  at: string;
  event: string;
  text: string;
}

export interface WelcomeStatus {
  state: string;
  generation: number;
  decidedBy: string;
  timesSent: number;
  lastSentAt: string | null;
  linkExpiresAt: string | null;
  linkUsedAt: string | null;
  firstSignInAt: string | null;
  delivery: string | null;
  /** One line for the administrator: why the user has not clicked the link yet. */
  explanation: string;
  canResend: boolean;
  timeline: WelcomeTimelineEntry[];
}

const SWITCH_LABEL: Record<string, string> = {
  sendWelcomeEmail: 'Send Welcome Email (Identity Manager)',
  sendLoginEmailsToNewUsers: 'Send login emails to new users (Admin client)',
};

const BOUNCE_TEXT: Record<string, string> = {
  'Invalid Address': 'the mailbox does not exist',
  'Mailbox Unavailable': 'the mailbox is unavailable',
  Reputation: 'the receiving server refused the sender',
  Technical: 'a technical problem at the receiving server',
  Content: 'the receiving server refused the content',
  'Frequency or Volume Too High': 'too many messages to that server',
};

function eventText(e: DeliveryEventDoc): string {
  switch (e.event) {
    case 'processed':
      return 'accepted by SendGrid';
    case 'deferred':
      return `delayed: the receiving server deferred it${e.reason ? ` (${e.reason})` : ''}`;
    case 'delivered':
      return 'delivered to the mailbox';
    case 'open':
      return 'opened';
    case 'click':
      return 'a link in the email was clicked';
    case 'bounce':
      return `bounced: ${(e.bounceClassification && BOUNCE_TEXT[e.bounceClassification]) ?? e.reason ?? 'the receiving server refused it'}`;
    case 'dropped':
      return `dropped by SendGrid: ${e.reason ?? 'no reason given'}`;
    case 'spamreport':
      return 'reported as spam by the recipient';
    default:
      return e.event;
  }
}

/** "; a reminder goes out on …" while one is still to come before the link expires. */
function reminderDue(
  sentAt: unknown,
  expires: Date | undefined,
  days: number | null | undefined,
  now: Date,
): string {
  if (!days || !(sentAt instanceof Date) || !expires) return '';
  const due = new Date(sentAt.getTime() + days * 86_400_000);
  if (due.getTime() >= expires.getTime() || expires.getTime() <= now.getTime()) return '';
  return due.getTime() > now.getTime()
    ? `; a reminder goes out on ${due.toISOString()}`
    : '; a reminder is on its way';
}

const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : null);

/** Answers the administrator's question "why has the user not clicked the link yet?". */
export function describeWelcome(
  user: UserDoc,
  events: DeliveryEventDoc[],
  link: { usedAt?: Date; expiresAt?: Date } | null,
  now: Date,
  /** The tenant's "Remind users who have not signed in", to say when a reminder is due. */
  options: { reminderDays?: number | null } = {},
): WelcomeStatus {
  const w = user.welcome as Record<string, unknown>;
  const delivery = (w.delivery ?? null) as { status?: string; reason?: string } | null;
  const generation = Number(w.generation ?? 0);
  const expires = (w.linkExpiresAt as Date | undefined) ?? link?.expiresAt;
  const timeline: WelcomeTimelineEntry[] = [];
  timeline.push({
    at: (w.decidedAt as Date | undefined)?.toISOString() ?? user.meta.created.toISOString(),
    event: 'decided',
    text: `created with ${SWITCH_LABEL[String(w.switch)] ?? 'the switch'} ${w.switchValue ? 'on' : 'off'}`,
  });
  if (w.resentAt instanceof Date)
    timeline.push(
      w.reason === 'user:new-link'
        ? {
            at: w.resentAt.toISOString(),
            event: 'new-link',
            text: 'new link requested by the user',
          }
        : {
            at: w.resentAt.toISOString(),
            event: 'resent',
            text: 'an administrator sent a new welcome email',
          },
    );
  const reminder = w.reminder as { state?: string; sentAt?: Date } | undefined;
  if (reminder?.sentAt instanceof Date)
    timeline.push({
      at: reminder.sentAt.toISOString(),
      event: 'reminder-sent',
      text: `reminder for welcome email #${generation} sent, with the same link`,
    });
  if (w.sentAt instanceof Date)
    timeline.push({
      at: w.sentAt.toISOString(),
      event: 'sent',
      text: `welcome email #${generation} handed to the email provider`,
    });
  for (const e of events)
    timeline.push({ at: e.at.toISOString(), event: e.event, text: eventText(e) });
  if (link?.usedAt)
    timeline.push({
      at: link.usedAt.toISOString(),
      event: 'link-used',
      text: 'the sign-in link was used',
    });
  if (user.firstSignInAt)
    timeline.push({
      at: user.firstSignInAt.toISOString(),
      event: 'signed-in',
      text: 'signed in for the first time',
    });
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  const latest = events.filter((e) => e.generation === generation);
  const worst = [
    'spamreport',
    'bounce',
    'dropped',
    'click',
    'open',
    'delivered',
    'deferred',
    'processed',
  ].find((name) => latest.some((e) => e.event === name));
  const worstEvent = worst ? latest.filter((e) => e.event === worst).pop() : undefined;
  let explanation: string;
  if (user.firstSignInAt)
    explanation =
      'signed in: the welcome email can no longer be sent; use a password reset if needed';
  else if (w.state === 'off')
    explanation = `not sent: ${SWITCH_LABEL[String(w.switch)] ?? 'the switch'} was off when the user was created`;
  else if (w.state === 'queued')
    explanation = w.lastError
      ? `queued: retrying after "${String(w.lastError)}"`
      : 'queued: waiting to be sent';
  else if (w.state === 'failed') explanation = `failed: ${String(w.lastError ?? 'unknown error')}`;
  else if (link?.usedAt)
    explanation = 'the link was used, but the user has not finished signing in';
  else if (expires && expires.getTime() <= now.getTime())
    explanation = `link expired on ${expires.toISOString()}: send a new welcome email`;
  else if (worstEvent && ['spamreport', 'bounce', 'dropped', 'deferred'].includes(worstEvent.event))
    explanation = eventText(worstEvent);
  else if (worst === 'delivered') explanation = 'delivered, not opened yet';
  else if (worst === 'open') explanation = 'opened, but the link has not been used yet';
  else if (worst === 'click')
    explanation = 'the link was clicked, but the user has not finished signing in';
  else explanation = 'sent: waiting for the email provider to report delivery';
  if (w.state === 'sent' && !user.firstSignInAt && reminder?.sentAt instanceof Date)
    explanation += `; a reminder was sent on ${reminder.sentAt.toISOString()}`;
  else if (w.state === 'sent' && !user.firstSignInAt && !link?.usedAt && !reminder)
    explanation += reminderDue(w.sentAt, expires, options.reminderDays, now);

  return {
    state: user.firstSignInAt ? 'signed-in' : String(w.state ?? 'off'),
    generation,
    decidedBy: String(w.reason ?? ''),
    timesSent: Number(w.sentCount ?? 0),
    lastSentAt: iso(w.sentAt),
    linkExpiresAt: iso(expires),
    linkUsedAt: iso(link?.usedAt),
    firstSignInAt: iso(user.firstSignInAt),
    delivery: delivery?.status ?? null,
    explanation,
    canResend: !user.firstSignInAt,
    timeline,
  };
}
