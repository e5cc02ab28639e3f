import { Schema, type Connection, type Model } from 'mongoose';

/** One provider event about one email, de-duplicated by `_id` (the event's dedupe key). */
export interface DeliveryEventDoc {
  _id: string;
  tenantId: string;
  userId: string;
  kind: 'welcome' | 'password-reset';
  generation?: number;
  /** A password-reset email's job (mail_jobs `_id`), from the message's custom args. */
  jobId?: string;
  event: string;
  at: Date;
  reason?: string;
  bounceType?: string;
  bounceClassification?: string;
  url?: string;
  receivedAt: Date;
}

const schema = new Schema<DeliveryEventDoc>(
  {
    _id: String,
    tenantId: String,
    userId: String,
    kind: String,
    generation: Number,
    jobId: String,
    event: String,
    at: Date,
    reason: String,
    bounceType: String,
    bounceClassification: String,
    url: String,
    receivedAt: Date,
  },
  { collection: 'delivery_events', versionKey: false },
);
schema.index({ tenantId: 1, userId: 1, at: 1 });

export function createDeliveryEventModel(conn: Connection): Model<DeliveryEventDoc> {
  return conn.model<DeliveryEventDoc>('DeliveryEvent', schema);
}

/**
 * Precedence of delivery outcomes: a later-arriving `processed` never hides a `delivered`,
 * and a spam report outranks everything (SendGrid events arrive out of order).
 */
export const DELIVERY_RANK: Readonly<Record<string, number>> = {
  queued: 0,
  accepted: 1,
  processed: 2,
  deferred: 3,
  delivered: 4,
  open: 5,
  click: 6,
  dropped: 7,
  bounce: 8,
  spamreport: 9,
};
