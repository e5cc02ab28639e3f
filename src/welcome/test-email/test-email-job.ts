import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { RenderedEmail } from '../../mail/templates';

/** A test email an administrator asked for: already rendered, sent once by the outbox. */
export interface TestEmailJobDoc extends RenderedEmail {
  _id: string;
  tenantId: string;
  to: string;
  fromName: string;
  state: 'queued' | 'sent' | 'failed';
  dueAt: Date;
  attempts: number;
  leaseId?: string;
  lastError?: string;
  createdAt: Date;
  /** Sent jobs are removed by a TTL index a day later: they hold a copy of the message. */
  expiresAt: Date;
}

const schema = new Schema<TestEmailJobDoc>(
  {
    _id: String,
    tenantId: String,
    to: String,
    fromName: String,
    subject: String,
    html: String,
    text: String,
    state: String,
    dueAt: Date,
    attempts: Number,
    leaseId: String,
    lastError: String,
    createdAt: Date,
    expiresAt: Date,
  },
  { collection: 'test_email_jobs', versionKey: false },
);
schema.index({ state: 1, dueAt: 1 });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function testEmailJobModel(conn: Connection): Model<TestEmailJobDoc> {
  return (
    (conn.models.TestEmailJob as Model<TestEmailJobDoc> | undefined) ??
    conn.model<TestEmailJobDoc>('TestEmailJob', schema)
  );
}

/** Records a test email for the outbox (use cases never call a transport; STYLE rule 6). */
export async function queueTestEmail(
  TestEmailJob: Model<TestEmailJobDoc>,
  now: Date,
  message: Pick<TestEmailJobDoc, 'tenantId' | 'to' | 'fromName' | 'subject' | 'html' | 'text'>,
): Promise<void> {
  await TestEmailJob.collection.insertOne({
    _id: randomUUID(),
    ...message,
    state: 'queued',
    dueAt: now,
    attempts: 0,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 86_400_000),
  } as never);
}
