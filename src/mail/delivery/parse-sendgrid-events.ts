import { createHash } from 'node:crypto';

/** Event names of SendGrid's Event Webhook (delivery and engagement events). */
export const SENDGRID_EVENT_NAMES = [
  'processed',
  'deferred',
  'delivered',
  'bounce',
  'dropped',
  'spamreport',
  'open',
  'click',
  'unsubscribe',
  'group_unsubscribe',
  'group_resubscribe',
] as const;

export type SendgridEventName = (typeof SENDGRID_EVENT_NAMES)[number];

export interface SendgridEvent {
  event: SendgridEventName;
  timestamp: Date;
  /** `sg_message_id` as sent: the `X-Message-Id` followed by `.filter…` routing data. */
  sgMessageId?: string;
  /** The part of `sg_message_id` equal to the `X-Message-Id` the send returned. */
  providerMessageId?: string;
  sgEventId?: string;
  tenantId?: string;
  userId?: string;
  generation?: number;
  jobId?: string;
  /** `reason` (bounce, dropped), or the receiving server's `response` (deferred, delivered). */
  reason?: string;
  /** Bounce events: `bounce` or `blocked`. */
  bounceType?: string;
  /** Bounce events: SendGrid's classification, e.g. `Invalid Address`, `Mailbox Unavailable`. */
  bounceClassification?: string;
  /** Deferred events: the delivery attempt number. */
  attempt?: number;
  /** Click events: the link that was clicked. */
  url?: string;
  /** Same value whenever SendGrid re-posts the same event (`sg_event_id` is not stable). */
  dedupeKey: string;
}

export interface ParsedSendgridEvents {
  events: SendgridEvent[];
  /** Entries that were not well-formed events of a known kind; they are skipped. */
  rejected: number;
}

const EVENT_NAMES: ReadonlySet<string> = new Set(SENDGRID_EVENT_NAMES);
const DECIMAL = /^\d{1,15}$/;

/** Validates an Event Webhook body (a JSON array of events) into typed events. */
export function parseSendgridEvents(body: unknown): ParsedSendgridEvents {
  if (!Array.isArray(body)) return { events: [], rejected: 1 };
  const events: SendgridEvent[] = [];
  let rejected = 0;
  for (const entry of body as unknown[]) {
    const event = parseEvent(entry);
    if (event) events.push(event);
    else rejected += 1;
  }
  return { events, rejected };
}

/** Custom args arrive flattened into the event next to SendGrid's own fields. */
function parseEvent(entry: unknown): SendgridEvent | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  const field = (name: string): unknown => (Object.hasOwn(record, name) ? record[name] : undefined);

  const name = field('event');
  const seconds = field('timestamp');
  if (typeof name !== 'string' || !EVENT_NAMES.has(name)) return undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;

  const strings = {
    sgMessageId: field('sg_message_id'),
    sgEventId: field('sg_event_id'),
    tenantId: field('tenantId'),
    userId: field('userId'),
    jobId: field('jobId'),
    reason: field('reason'),
    response: field('response'),
    type: field('type'),
    bounceClassification: field('bounce_classification'),
    url: field('url'),
  };
  for (const value of Object.values(strings)) {
    if (value !== undefined && typeof value !== 'string') return undefined;
  }
  const text = strings as Record<keyof typeof strings, string | undefined>;
  const generation = parseCount(field('generation'));
  const attempt = parseCount(field('attempt'));
  if (generation === null || attempt === null) return undefined;

  const timestamp = new Date(seconds * 1000);
  if (Number.isNaN(timestamp.getTime())) return undefined;
  const providerMessageId = text.sgMessageId?.split('.filter')[0];
  const reason = text.reason ?? text.response;
  const stable = [name, providerMessageId, seconds, reason, text.url, attempt, text.tenantId];
  const key = [...stable, text.userId, generation, text.jobId].map((part) => part ?? null);
  return withoutUndefined({
    event: name as SendgridEventName,
    timestamp,
    sgMessageId: text.sgMessageId,
    providerMessageId,
    sgEventId: text.sgEventId,
    tenantId: text.tenantId,
    userId: text.userId,
    generation,
    jobId: text.jobId,
    reason,
    bounceType: name === 'bounce' ? text.type : undefined,
    bounceClassification: text.bounceClassification,
    attempt,
    url: text.url,
    dedupeKey: createHash('sha256').update(JSON.stringify(key)).digest('hex'),
  });
}

/** Custom args are strings (`"2"`); `attempt` is a string too. `null` marks a malformed value. */
function parseCount(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  return null;
}

/** A fresh plain object holding only the fields that have a value. */
function withoutUndefined(event: SendgridEvent): SendgridEvent {
  const entries = Object.entries(event).filter(([, value]) => value !== undefined);
  // Object.fromEntries types its result loosely; the entries are a subset of `event`'s own.
  return Object.fromEntries(entries) as unknown as SendgridEvent;
}
