import { once } from 'node:events';
import { createServer } from 'node:net';

import {
  TransportError,
  type MailMessage,
  type MailTransport,
} from '../../../src/mail/transports/mail-transport';
import { createSmtpTransport } from '../../../src/mail/transports/smtp-transport';
import { headerValue, startSmtpSink, type SmtpSink } from '../../support/smtp-sink';

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

let sink: SmtpSink;
let smtp: MailTransport;

beforeAll(async () => {
  sink = await startSmtpSink();
  smtp = createSmtpTransport({ url: sink.url('relay-user', 's3cret-pass'), timeoutMs: 5_000 });
});
afterEach(() => sink.reset());
afterAll(async () => {
  await smtp.close?.();
  await sink.close();
});

async function sendError(promise: Promise<unknown>): Promise<TransportError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TransportError)) throw new Error(`expected a TransportError: ${error}`);
  return error;
}

describe('SMTP transport', () => {
  it('delivers one multipart text+html message and returns its Message-ID', async () => {
    const result = await smtp.send(message);

    const [received] = await sink.waitFor(1);
    expect(received).toMatchObject({
      from: 'welcome@example.org',
      to: ['ada@example.com'],
      subject: 'Welcome to Example Workspace',
      user: 'relay-user',
    });
    const raw = received?.raw ?? '';
    expect(headerValue(raw, 'message-id')).toBe(result.providerMessageId);
    expect(headerValue(raw, 'content-type')).toMatch(/^multipart\/alternative/);
    expect(raw.indexOf('Content-Type: text/plain')).toBeLessThan(
      raw.indexOf('Content-Type: text/html'),
    );
    expect(headerValue(raw, 'to')).toBe('Ada Lovelace <ada@example.com>');
    expect(headerValue(raw, 'from')).toBe('Example Workspace <welcome@example.org>');
  });

  it('removes CR, LF, NUL, the other C0 controls and DEL from both display names and the subject', async () => {
    await smtp.send({
      ...message,
      toName: 'Ada\r\nBcc: victim@example.net\u0000 Lovelace\u007f',
      fromName: '\tExample\u001b Workspace\n',
      subject: 'Welcome\r\nX-Injected: yes\u0007',
    });

    const [received] = await sink.waitFor(1);
    const raw = received?.raw ?? '';
    expect(received?.to).toEqual(['ada@example.com']);
    expect(headerValue(raw, 'to')).toBe('"AdaBcc: victim@example.net Lovelace" <ada@example.com>');
    expect(headerValue(raw, 'from')).toBe('Example Workspace <welcome@example.org>');
    expect(headerValue(raw, 'subject')).toBe('WelcomeX-Injected: yes');
    expect(headerValue(raw, 'x-injected')).toBeUndefined();
    expect(headerValue(raw, 'bcc')).toBeUndefined();
  });

  it('marks the message with the job id in X-Entity-Ref-ID', async () => {
    await smtp.send(message);

    const [received] = await sink.waitFor(1);
    expect(headerValue(received?.raw ?? '', 'x-entity-ref-id')).toBe('job-1');
  });

  it('when the server answers 4xx, fails retryably with the reply code', async () => {
    sink.failNext(1, 451, 'Try again later');

    const error = await sendError(smtp.send(message));

    expect(error).toMatchObject({ retryable: true, status: 451 });
    expect(error.message).toContain('Try again later');
  });

  it('when the server answers 5xx, fails permanently with the reply code', async () => {
    sink.failNext(1, 550, 'Mailbox unavailable');

    const error = await sendError(smtp.send(message));

    expect(error).toMatchObject({ retryable: false, status: 550 });
    expect(sink.messages).toHaveLength(0);
  });

  it('after a refused message, the pooled connection still delivers the next one', async () => {
    sink.failNext(1, 451);

    await expect(smtp.send(message)).rejects.toBeInstanceOf(TransportError);
    await smtp.send(message);

    await expect(sink.waitFor(1)).resolves.toHaveLength(1);
  });

  it('when nothing listens at the URL, fails retryably without repeating the password', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const unreachable = createSmtpTransport({
      url: `smtp://relay-user:s3cret-pass@127.0.0.1:${port}`,
      timeoutMs: 2_000,
    });

    const error = await sendError(unreachable.send(message));
    await unreachable.close?.();

    expect(error.retryable).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.message).not.toContain('s3cret-pass');
  });
});
