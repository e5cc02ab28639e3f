import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { TransportError, type MailTransport } from '../../mail/transports/mail-transport';
import type { Logger } from '../../platform/logging/logger';
import type { JobSource } from '../../platform/workers/outbox-worker';
import { recordSent } from '../outbox/record-sent';
import type { TestEmailJobDoc } from './test-email-job';

/**
 * Sends queued test emails with a send lease, like every other job source; a refused send is
 * not retried. An accepted send is recorded as the other sources record theirs (recordSent):
 * a failed write of that is retried, never taken for a failed send.
 */
export function createTestEmailJobSource(deps: {
  TestEmailJob: Model<TestEmailJobDoc>;
  transport: MailTransport;
  emailFrom: string;
  now: () => Date;
  leaseSeconds: number;
  logger: Logger;
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
      } catch (error) {
        const reason = error instanceof TransportError ? error.message : String(error);
        await settle({ state: 'failed', lastError: reason });
        return true;
      }
      await recordSent(
        deps.logger,
        { kind: 'welcome-test', jobId: job._id, tenantId: job.tenantId },
        () => settle({ state: 'sent' }),
      );
      return true;
    },
  };
}
