import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';

import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** An in-process SMTP server that accepts any sender, recipient and login, and records mail. */
export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** `smtp://user:pass@127.0.0.1:PORT`; any credentials are accepted. */
  url(user?: string, pass?: string): string;
  readonly messages: SinkMessage[];
  /** The next `count` messages are refused with `code` (4xx transient, 5xx permanent). */
  failNext(count: number, code: number, text?: string): void;
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  reset(): void;
  close(): Promise<void>;
}

export interface SinkMessage {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** The `Subject:` header, unfolded; MIME encoded-words are left as sent. */
  subject: string;
  /** The logged-in user, when the client authenticated. */
  user?: string;
  raw: string;
  receivedAt: Date;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const events = new EventEmitter();
  const messages: SinkMessage[] = [];
  let failure = { count: 0, code: 0, text: '' };

  const server = new SMTPServer({
    authOptional: true,
    // Plain-text AUTH on loopback, as a local relay without TLS would allow.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Open client connections hold close() for up to this long before they are cut.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failure.count > 0) {
          failure.count -= 1;
          const error: SMTPServerError = new Error(failure.text || `Simulated ${failure.code}`);
          error.responseCode = failure.code;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((recipient) => recipient.address),
          subject: headerValue(raw, 'subject') ?? '',
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
          receivedAt: new Date(),
        });
        callback(null);
        events.emit('message');
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  const host = '127.0.0.1';

  return {
    host,
    port,
    url(user = 'sink-user', pass = 'sink-pass') {
      return `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@${host}:${port}`;
    },
    messages,
    failNext(count, code, text = '') {
      failure = { count, code, text };
    },
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          events.off('message', check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          events.off('message', check);
          reject(new Error(`SMTP sink got ${messages.length} of ${count} in ${timeoutMs} ms`));
        }, timeoutMs);
        events.on('message', check);
        check();
      });
    },
    reset() {
      messages.length = 0;
      failure = { count: 0, code: 0, text: '' };
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One header of a raw message, with folded continuation lines joined (RFC 5322 §2.2.3). */
export function headerValue(raw: string, name: string): string | undefined {
  const headerBlock = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  const prefix = `${name.toLowerCase()}:`;
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(prefix));
  return line?.slice(prefix.length).trim();
}
