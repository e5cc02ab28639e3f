import { createTransport } from 'nodemailer';

import { withCleanHeaderTexts } from './header-text';
import { TransportError, type MailMessage, type MailTransport } from './mail-transport';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:port` (or `smtps://` for implicit TLS). */
  url: string;
  /** Applies to connecting, the greeting and every idle wait on the socket; defaults to 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Lets a job's messages be told apart by mail clients (Gmail threads identical subjects). */
const ENTITY_REF_HEADER = 'X-Entity-Ref-ID';

/** Network failures nodemailer reports without an SMTP reply; worth another attempt. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'ECONNREFUSED',
  'ECONNRESET',
]);

/** Sends through any SMTP relay, on a pooled connection that `close()` shuts down. */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transporter = createTransport({
    url: options.url,
    pool: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const secrets = secretsOf(options.url);

  return {
    name: 'smtp',
    async send(message) {
      try {
        const info = await transporter.sendMail(toMailOptions(withCleanHeaderTexts(message)));
        return info.messageId ? { providerMessageId: info.messageId } : {};
      } catch (error) {
        throw toTransportError(error, secrets);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

function toMailOptions(message: MailMessage) {
  const jobId = Object.hasOwn(message.customArgs, 'jobId') ? message.customArgs.jobId : undefined;
  return {
    from: message.fromName ? { name: message.fromName, address: message.from } : message.from,
    to: message.toName ? { name: message.toName, address: message.to } : message.to,
    subject: message.subject,
    // Both parts make nodemailer build multipart/alternative, text first as RFC 2046 asks.
    text: message.text,
    html: message.html,
    headers: jobId ? { [ENTITY_REF_HEADER]: jobId } : {},
  };
}

/** RFC 5321 §4.2.1: 4yz is a transient failure, 5yz a permanent one. */
function toTransportError(error: unknown, secrets: string[]): TransportError {
  const { message, code, responseCode } = describe(error);
  const text = redact(`SMTP send failed: ${message}`, secrets);
  if (responseCode !== undefined) {
    // 503 "bad sequence of commands" is a session problem, not a verdict on the message.
    const permanent = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return new TransportError(text, !permanent, responseCode);
  }
  // Without a code the cause is unknown; the outbox's bounded backoff keeps retries finite.
  if (code === undefined) return new TransportError(text, true);
  // Any other coded failure (EAUTH, ENOAUTH, EENVELOPE, EMESSAGE, ECONFIG) repeats on retry.
  return new TransportError(text, CONNECTION_CODES.has(code));
}

function describe(error: unknown): { message: string; code?: string; responseCode?: number } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const responseCode =
    'responseCode' in error && typeof error.responseCode === 'number'
      ? error.responseCode
      : undefined;
  return { message: error.message, code, responseCode };
}

/** The URL's password, which must never reach a log line or the admin UI. */
function secretsOf(url: string): string[] {
  try {
    const { password } = new URL(url);
    return [password, decodeURIComponent(password)]
      .filter((secret) => secret.length > 0)
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
