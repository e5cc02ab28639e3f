import type { Connection } from 'mongoose';
import type { MailMessage } from '../../../src/mail/transports/mail-transport';
import {
  createOutboxMessageModel,
  createOutboxTransport,
} from '../../../src/mail/transports/outbox-transport';
import { connectDatabase } from '../../../src/platform/db/connect';
import { createLogger } from '../../../src/platform/logging/logger';
import { uniqueDbName } from '../../support/test-app';

const message: MailMessage = {
  to: 'ada@example.com',
  toName: 'Ada Lovelace',
  from: 'welcome@example.org',
  fromName: 'Example Workspace',
  subject: 'Welcome to Example Workspace',
  text: 'Sign in: https://app.example.org/welcome/one-time-token',
  html: '<p><a href="https://app.example.org/welcome/one-time-token">Sign in</a></p>',
  categories: ['welcome'],
  customArgs: { tenantId: 't-1', userId: 'u-1', generation: '1', jobId: 'job-1' },
};

let conn: Connection;
beforeAll(async () => {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run the tests through jest');
  const logger = createLogger({ level: 'error' });
  conn = await connectDatabase({ uri, dbName: uniqueDbName('outboxtx'), logger, attempts: 3 });
});
afterAll(async () => {
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

describe('outbox transport', () => {
  it('stores the message without CR, LF, NUL, other C0 controls or DEL in the display names and subject', async () => {
    const transport = createOutboxTransport(conn, () => new Date('2026-01-01T00:00:00Z'));
    const { providerMessageId } = await transport.send({
      ...message,
      toName: 'Ada\r\nBcc: victim@example.net\u0000 Lovelace\u007f',
      fromName: '\tExample\u001b Workspace\n',
      subject: 'Welcome\r\nX-Injected: yes\u0007',
    });

    const stored = await createOutboxMessageModel(conn).findById(providerMessageId).lean();
    expect(stored).toMatchObject({
      to: 'ada@example.com',
      toName: 'AdaBcc: victim@example.net Lovelace',
      fromName: 'Example Workspace',
      subject: 'WelcomeX-Injected: yes',
      text: message.text,
    });
  });

  it('leaves a name made only of control characters out rather than storing an empty one', async () => {
    const transport = createOutboxTransport(conn, () => new Date());
    const { providerMessageId } = await transport.send({ ...message, toName: '\r\n\u0000' });

    const stored = await createOutboxMessageModel(conn).findById(providerMessageId).lean();
    expect(stored?.toName).toBeUndefined();
    expect(stored?.subject).toBe(message.subject);
  });
});
