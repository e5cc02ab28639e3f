import type { Connection } from 'mongoose';
import type { Config } from '../../platform/config/load-config';
import type { MailTransport } from './mail-transport';
import { createOutboxTransport } from './outbox-transport';
import { createSendgridTransport } from './sendgrid-transport';
import { createSmtpTransport } from './smtp-transport';

/** The one transport EMAIL_TRANSPORT selects. */
export function createTransport(config: Config, conn: Connection, now: () => Date): MailTransport {
  switch (config.emailTransport) {
    case 'sendgrid':
      return createSendgridTransport({
        apiKey: config.sendgridApiKey ?? '',
        baseUrl: config.sendgridApiBaseUrl,
        timeoutMs: config.sendgridTimeoutMs,
      });
    case 'smtp':
      return createSmtpTransport({
        url: config.smtpUrl ?? '',
        timeoutMs: config.sendgridTimeoutMs,
      });
    case 'outbox':
      return createOutboxTransport(conn, now);
  }
}
