import type { Collection, Model } from 'mongoose';
import type { MailMessage, MailTransport } from '../../../src/mail/transports/mail-transport';
import { createLogger } from '../../../src/platform/logging/logger';
import { createTestEmailJobSource } from '../../../src/welcome/test-email/test-email-job-source';
import {
  queueTestEmail,
  testEmailJobModel,
  type TestEmailJobDoc,
} from '../../../src/welcome/test-email/test-email-job';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let TestEmailJob: Model<TestEmailJobDoc>;
beforeAll(async () => {
  t = await createTestApp('testemailsource');
  TestEmailJob = testEmailJobModel(t.ctx.conn);
});
afterAll(async () => t.close());

const sent: MailMessage[] = [];
const transport: MailTransport = {
  name: 'outbox',
  async send(message) {
    sent.push(message);
    return { providerMessageId: `m-${sent.length}` };
  },
};

/** The jobs collection, whose next `failures` updates fail as a database blip would. */
function flakyJobs(failures: number): Model<TestEmailJobDoc> {
  const real = TestEmailJob.collection;
  let left = failures;
  const collection = new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'updateOne' && left > 0)
        return async () => {
          left -= 1;
          throw new Error('connection reset by the database');
        };
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Collection;
  return { collection } as unknown as Model<TestEmailJobDoc>;
}

describe('the test email job source', () => {
  it('an email the provider accepted is recorded as sent even when the first write of that fails, and goes once', async () => {
    await TestEmailJob.deleteMany({});
    await queueTestEmail(TestEmailJob, new Date(), {
      tenantId: 'default',
      to: 'admin@default.test',
      fromName: 'Default',
      subject: '[Test] Welcome',
      html: '<p>hi</p>',
      text: 'hi',
    });
    const source = createTestEmailJobSource({
      TestEmailJob: flakyJobs(1),
      transport,
      emailFrom: 'no-reply@example.test',
      now: () => new Date(),
      leaseSeconds: 60,
      logger: createLogger({ level: 'error' }),
    });
    expect(await source.runOnce()).toBe(true);
    const [job] = await TestEmailJob.find({}).lean();
    expect(job).toMatchObject({ state: 'sent' });
    expect(job!.lastError).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(await source.runOnce()).toBe(false);
    expect(sent).toHaveLength(1);
  });
});
