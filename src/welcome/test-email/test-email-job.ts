import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { TransportError, type MailTransport } from '../../mail/transports/mail-transport';
import type { RenderedEmail } from '../../mail/templates';
import type { JobSource } from '../outbox/outbox-worker';

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

/** Sends queued test emails with a send lease, like every other job source; no retries. */
export function createTestEmailJobSource(deps: {
  TestEmailJob: Model<TestEmailJobDoc>;
  transport: MailTransport;
  emailFrom: string;
  now: () => Date;
  leaseSeconds: number;
}): JobSource {
  const jobs = deps.TestEmailJob.collection;
  return {
    name: 'test-email',
    async runOnce() {
      const now = deps.now();
      const leaseId = randomUUID();
      const job = (await jobs.findOneAndUpdate(
        { state: 'queued', dueAt: { $lte: now } },
        {
          $set: { dueAt: new Date(now.getTime() + deps.leaseSeconds * 1000), leaseId },
          $inc: { attempts: 1 },
        },
        { returnDocument: 'after' },
      )) as TestEmailJobDoc | null;
      if (!job) return false;
      const settle = (fields: Partial<TestEmailJobDoc>) =>
        jobs.updateOne({ _id: job._id, leaseId } as never, { $set: fields });
      try {
        await deps.transport.send({
          to: job.to,
          from: deps.emailFrom,
          fromName: job.fromName,
          subject: job.subject,
          html: job.html,
          text: job.text,
          categories: ['welcome-test'],
          customArgs: { tenantId: job.tenantId, kind: 'welcome-test' },
        });
        await settle({ state: 'sent' });
      } catch (error) {
        const reason = error instanceof TransportError ? error.message : String(error);
        await settle({ state: 'failed', lastError: reason });
      }
      return true;
    },
  };
}
