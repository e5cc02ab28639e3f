import { once } from 'node:events';
import { createServer } from 'node:net';

import { TransportError, type MailMessage } from '../../../src/mail/transports/mail-transport';
import { createSendgridTransport } from '../../../src/mail/transports/sendgrid-transport';
import { startSendgridStandIn, type SendgridStandIn } from '../../support/sendgrid-stand-in';

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

let standIn: SendgridStandIn;

beforeAll(async () => {
  standIn = await startSendgridStandIn();
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

function transport(overrides: { apiKey?: string; timeoutMs?: number; baseUrl?: string } = {}) {
  return createSendgridTransport({
    apiKey: overrides.apiKey ?? standIn.apiKey,
    baseUrl: overrides.baseUrl ?? standIn.url,
    timeoutMs: overrides.timeoutMs ?? 5_000,
  });
}

async function sendError(promise: Promise<unknown>): Promise<TransportError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TransportError)) throw new Error(`expected a TransportError: ${error}`);
  return error;
}

describe('SendGrid transport', () => {
  it('sends a v3 Mail Send body the stand-in accepts and returns its X-Message-Id', async () => {
    const result = await transport().send(message);

    const [accepted] = await standIn.waitForAccepted(1);
    expect(result.providerMessageId).toBe(accepted?.messageId);
    expect(accepted?.body).toMatchObject({
      personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada Lovelace' }] }],
      from: { email: 'welcome@example.org', name: 'Example Workspace' },
      subject: 'Welcome to Example Workspace',
      content: [
        { type: 'text/plain', value: message.text },
        { type: 'text/html', value: message.html },
      ],
      categories: ['welcome'],
      custom_args: { tenantId: 't-1', userId: 'u-1', generation: '1', jobId: 'job-1' },
    });
  });

  it('removes CR, LF, NUL, the other C0 controls and DEL from both display names and the subject', async () => {
    await transport().send({
      ...message,
      toName: 'Ada\r\nBcc: victim@example.net\u0000 Lovelace\u007f',
      fromName: '\tExample\u001b Workspace\n',
      subject: 'Welcome\r\nX-Injected: yes\u0007',
    });

    const [accepted] = await standIn.waitForAccepted(1);
    expect(accepted?.body).toMatchObject({
      personalizations: [
        { to: [{ email: 'ada@example.com', name: 'AdaBcc: victim@example.net Lovelace' }] },
      ],
      from: { email: 'welcome@example.org', name: 'Example Workspace' },
      subject: 'WelcomeX-Injected: yes',
    });
    expect(JSON.stringify(accepted?.body)).not.toMatch(/\\[rntu]|\\u00/);
  });

  it('turns click tracking off so the one-time link is not rewritten, and keeps open tracking', async () => {
    await transport().send(message);

    const [accepted] = await standIn.waitForAccepted(1);
    expect(accepted?.body.tracking_settings).toEqual({
      click_tracking: { enable: false, enable_text: false },
      open_tracking: { enable: true },
    });
  });

  it('when SendGrid answers 429, fails retryably with the delay until X-RateLimit-Reset', async () => {
    standIn.failNext(1, 429);

    const error = await sendError(transport().send(message));

    expect(error).toMatchObject({ retryable: true, status: 429 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_000);
  });

  it('reads X-RateLimit-Reset as unix seconds against the injected clock', async () => {
    standIn.failNext(1, 429);
    const resetSeconds = Math.ceil(Date.now() / 1000) + 2;
    const clockMs = (resetSeconds - 10) * 1000;
    const sendgrid = createSendgridTransport({
      apiKey: standIn.apiKey,
      baseUrl: standIn.url,
      now: () => clockMs,
    });

    const error = await sendError(sendgrid.send(message));

    // The stand-in's reset is 2 s past its own clock; ours is 10 s before that reset.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(10_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(11_000);
  });

  it.each([500, 502, 503])('when SendGrid answers %i, fails retryably', async (status) => {
    standIn.failNext(1, status);

    const error = await sendError(transport().send(message));

    expect(error).toMatchObject({ retryable: true, status });
  });

  it('when SendGrid rejects the body with 400, fails permanently with SendGrid’s own messages', async () => {
    const error = await sendError(transport().send({ ...message, to: 'not-an-address' }));

    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(error.message).toContain('Does not contain a valid address.');
    expect(error.message).toContain('personalizations.0.to.0.email');
    expect(standIn.accepted).toHaveLength(0);
  });

  it('with a wrong API key, fails permanently with 401 and never repeats the key', async () => {
    const wrongKey = 'SG.wrong-key-that-must-not-leak';

    const error = await sendError(transport({ apiKey: wrongKey }).send(message));

    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toContain('authorization grant is invalid');
    expect(error.message).not.toContain(wrongKey);
    expect(JSON.stringify(error)).not.toContain(wrongKey);
  });

  it('when SendGrid does not answer within timeoutMs, fails retryably', async () => {
    standIn.delay(5_000);

    const error = await sendError(transport({ timeoutMs: 200 }).send(message));

    expect(error.retryable).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('timed out');
  });

  it('when nothing listens at the base URL, fails retryably as a network error', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    const error = await sendError(transport({ baseUrl: `http://127.0.0.1:${port}` }).send(message));

    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('keeps each transport’s key and base URL to itself (no shared singleton)', async () => {
    const good = transport();
    const bad = transport({ apiKey: 'SG.another-tenant-key' });

    await expect(bad.send(message)).rejects.toMatchObject({ status: 401 });
    await expect(good.send(message)).resolves.toHaveProperty('providerMessageId');
    await expect(bad.send(message)).rejects.toMatchObject({ status: 401 });
    expect(standIn.accepted).toHaveLength(1);
  });
});
