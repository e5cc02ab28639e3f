/** A fully rendered email, identical whichever transport sends it. */
export interface MailMessage {
  to: string;
  toName?: string;
  from: string;
  fromName?: string;
  subject: string;
  html: string;
  text: string;
  /** SendGrid categories, e.g. `["welcome"]`. No personal data. */
  categories: string[];
  /** Correlation ids only (tenantId, userId, generation, jobId). No personal data. */
  customArgs: Record<string, string>;
}

export interface SendResult {
  /** The provider's message id (SendGrid's `X-Message-Id`, SMTP's Message-ID, outbox id). */
  providerMessageId?: string;
}

/**
 * A failed send. `retryable` is true for 429, 5xx, timeouts and network errors; other 4xx
 * are permanent. `retryAfterMs` carries the provider's hint (SendGrid `X-RateLimit-Reset`).
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface MailTransport {
  readonly name: 'sendgrid' | 'smtp' | 'outbox';
  send(message: MailMessage): Promise<SendResult>;
  close?(): Promise<void>;
}
