import type { MailTransport } from '../../mail/transports/mail-transport';
import type { Metrics } from '../../platform/metrics/metrics';
import type { TenantLibrary } from '../../tenants/tenant-library';

/**
 * What every email job source shares (built once in createOutbox): who sends, how a job is
 * leased and how it is retried. Each source adds only its own collections and settings.
 */
export interface MailSourceDeps {
  tenants: TenantLibrary;
  transport: MailTransport;
  appSecret: string;
  now: () => Date;
  publicBaseUrl: string;
  emailFrom: string;
  emailFromName?: string;
  leaseSeconds: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** OUTBOX_RETRY_MAX_MS: the backoff stops growing here (retryDelayMs). */
  retryMaxMs?: number;
  metrics?: Pick<Metrics, 'countEmail'>;
}
