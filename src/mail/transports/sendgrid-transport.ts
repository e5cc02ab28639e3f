import { Client } from '@sendgrid/client';
import { MailService, type MailDataRequired } from '@sendgrid/mail';

import { withCleanHeaderTexts } from './header-text';
import { TransportError, type MailMessage, type MailTransport } from './mail-transport';

export interface SendgridTransportOptions {
  apiKey: string;
  /** Defaults to `https://api.sendgrid.com`; tests point it at the local stand-in. */
  baseUrl?: string;
  /** Whole-request timeout; defaults to 10 s. */
  timeoutMs?: number;
  /** Clock in epoch milliseconds, for turning `X-RateLimit-Reset` into a delay. */
  now?: () => number;
}

const DEFAULT_BASE_URL = 'https://api.sendgrid.com';
const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends through the SendGrid v3 Mail Send API (`POST /v3/mail/send`). */
export function createSendgridTransport(options: SendgridTransportOptions): MailTransport {
  const { apiKey, baseUrl = DEFAULT_BASE_URL, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const now = options.now ?? Date.now;

  // Our own Client and MailService: the packages' default exports are process-wide singletons.
  const client = new Client();
  client.setApiKey(apiKey);
  // After setApiKey, which resets baseUrl to the region's host.
  client.setDefaultRequest('baseUrl', baseUrl);
  const mailService = new MailService();
  mailService.setClient(client);
  mailService.setTimeout(timeoutMs);

  return {
    name: 'sendgrid',
    async send(message) {
      try {
        const [response] = await mailService.send(toMailData(withCleanHeaderTexts(message)));
        const providerMessageId = readHeader(response.headers, 'x-message-id');
        return providerMessageId === undefined ? {} : { providerMessageId };
      } catch (error) {
        throw redact(toTransportError(error, timeoutMs, now()), apiKey);
      }
    },
  };
}

function toMailData(message: MailMessage): MailDataRequired {
  return {
    to: { email: message.to, name: message.toName },
    from: { email: message.from, name: message.fromName },
    subject: message.subject,
    content: [
      { type: 'text/plain', value: message.text },
      { type: 'text/html', value: message.html },
    ],
    categories: message.categories,
    customArgs: { ...message.customArgs },
    trackingSettings: {
      // Click tracking rewrites every link through SendGrid's redirector, which would put the
      // one-time sign-in token in a third party's logs. Opens still tell us the mail arrived.
      clickTracking: { enable: false, enableText: false },
      openTracking: { enable: true },
    },
  };
}

function toTransportError(error: unknown, timeoutMs: number, nowMs: number): TransportError {
  const response = responseOf(error);
  if (response) {
    const { status, headers, body } = response;
    const detail = sendgridMessages(body);
    const suffix = detail ? `: ${detail}` : '';
    if (status === 429) {
      const retryAfterMs = retryAfterFrom(headers, nowMs);
      return new TransportError(`SendGrid rate limit (429)${suffix}`, true, status, retryAfterMs);
    }
    if (status >= 500) {
      return new TransportError(`SendGrid unavailable (${status})${suffix}`, true, status);
    }
    return new TransportError(`SendGrid rejected the message (${status})${suffix}`, false, status);
  }
  if (isAxiosError(error)) {
    const code = typeof error.code === 'string' ? error.code : 'unknown';
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new TransportError(`SendGrid request timed out after ${timeoutMs} ms`, true);
    }
    return new TransportError(`SendGrid network error (${code}): ${error.message}`, true);
  }
  // The helpers validate the message before any request: retrying the same message cannot help.
  const reason = error instanceof Error ? error.message : String(error);
  return new TransportError(`SendGrid request not built: ${reason}`, false);
}

interface ErrorResponse {
  status: number;
  headers: unknown;
  body: unknown;
}

/** Reads a `ResponseError` of @sendgrid/helpers: `{code: status, response: {headers, body}}`. */
function responseOf(error: unknown): ErrorResponse | undefined {
  if (!(error instanceof Error) || !('code' in error) || !('response' in error)) return undefined;
  const { code, response } = error;
  if (typeof code !== 'number' || typeof response !== 'object' || response === null) {
    return undefined;
  }
  const headers = 'headers' in response ? response.headers : undefined;
  const body = 'body' in response ? response.body : undefined;
  return { status: code, headers, body };
}

function isAxiosError(error: unknown): error is Error & { code?: unknown } {
  return error instanceof Error && 'isAxiosError' in error && error.isAxiosError === true;
}

/** SendGrid answers errors as `{errors: [{message, field, help}]}`. */
function sendgridMessages(body: unknown): string {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return '';
  const { errors } = body;
  if (!Array.isArray(errors)) return '';
  const messages: string[] = [];
  for (const entry of errors as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const message = 'message' in entry ? entry.message : undefined;
    const field = 'field' in entry ? entry.field : undefined;
    if (typeof message !== 'string') continue;
    messages.push(typeof field === 'string' && field ? `${message} (${field})` : message);
  }
  return messages.join('; ');
}

/** `X-RateLimit-Reset` is the unix time (seconds) at which the rate-limit window reopens. */
function retryAfterFrom(headers: unknown, nowMs: number): number | undefined {
  const reset = Number(readHeader(headers, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - nowMs);
  const retryAfter = Number(readHeader(headers, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  return undefined;
}

/** Axios hands headers over lower-cased, as a plain object or an `AxiosHeaders`. */
function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value: unknown = (headers as Record<string, unknown>)[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function redact(error: TransportError, apiKey: string): TransportError {
  if (!apiKey || !error.message.includes(apiKey)) return error;
  const message = error.message.split(apiKey).join('[redacted]');
  return new TransportError(message, error.retryable, error.status, error.retryAfterMs);
}
