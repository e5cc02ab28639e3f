import { Schema, type Connection, type Model } from 'mongoose';

/** An outbox job that is not a welcome email (welcome jobs live on the user document). */
export interface MailJobDoc {
  _id: string;
  kind: 'password-reset';
  tenantId: string;
  userId: string;
  nonce: string;
  state: 'queued' | 'sent' | 'failed';
  dueAt: Date;
  attempts: number;
  createdAt: Date;
  sentAt?: Date;
  providerMessageId?: string;
  lastError?: string;
  /**
   * Who asked: an administrator (Admin client, admin API), or `self-service`: the public reset
   * page or `POST /api/password-reset`, where anyone who knows the address can ask.
   */
  requestedBy?: 'administrator' | 'self-service';
}

const schema = new Schema<MailJobDoc>(
  {
    _id: String,
    kind: String,
    tenantId: String,
    userId: String,
    nonce: String,
    state: String,
    dueAt: Date,
    attempts: Number,
    createdAt: Date,
    sentAt: Date,
    providerMessageId: String,
    lastError: String,
    requestedBy: String,
  },
  { collection: 'mail_jobs', versionKey: false },
);
schema.index({ state: 1, dueAt: 1 });
schema.index({ tenantId: 1, userId: 1, createdAt: -1 });

export function createMailJobModel(conn: Connection): Model<MailJobDoc> {
  return conn.model<MailJobDoc>('MailJob', schema);
}
