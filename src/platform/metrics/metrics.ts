import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How an email fared, from the outbox (queued … failed) or from SendGrid's Event Webhook. */
export type EmailOutcome =
  | 'queued'
  | 'accepted'
  | 'retried'
  | 'failed'
  | 'delivered'
  | 'deferred'
  | 'bounced'
  | 'dropped'
  | 'spamreport';

export type EmailKind = 'welcome' | 'password-reset' | (string & {});

/**
 * The process's Prometheus instruments, on a registry of its own (never prom-client's global
 * one), built once per process and passed in through the AppContext. Callers make one-line
 * calls; only this file knows metric names and labels. Tenant ids appear only on counters whose
 * other labels are few, so a series count stays tenants × a handful.
 */
export interface Metrics {
  readonly registry: Registry;
  observeHttp(method: string, route: string, status: number, seconds: number): void;
  countScim(op: {
    tenantId: string;
    resource: string;
    operation: string;
    status: number;
    scimType?: string;
  }): void;
  countEmail(kind: EmailKind, outcome: EmailOutcome, tenantId?: string, count?: number): void;
  /** One SCIM request refused by the per-tenant token bucket. */
  countThrottled(tenantId: string): void;
  setOutbox(kind: EmailKind, dueJobs: number, oldestDueAgeSeconds: number): void;
  observeDbCommand(command: string, seconds: number, ok: boolean): void;
  /** Provisioning-log entries that could not be stored (buffer full or the database away). */
  countDroppedLogEntries(count: number): void;
}

export interface MetricsOptions {
  /** Node's process metrics (event loop lag, heap, GC, handles); off in most tests. */
  defaultMetrics?: boolean;
  prefix?: string;
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Commands outside this list are counted as `other`, so a label never grows unbounded. */
const DB_COMMANDS = new Set([
  'find',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'aggregate',
  'count',
  'getMore',
  'createIndexes',
  'ping',
]);

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const prefix = options.prefix ?? 'scim_welcome_';
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];

  const http = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP request duration by method, route template and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const scim = new Counter({
    name: `${prefix}scim_operations_total`,
    help: 'SCIM operations by tenant, resource, operation, outcome and scimType (on errors).',
    labelNames: ['tenant', 'resource', 'operation', 'outcome', 'scim_type'] as const,
    registers,
  });
  const emails = new Counter({
    name: `${prefix}emails_total`,
    help: 'Welcome and password-reset emails by outcome: queued, accepted, retried, failed (outbox) and delivered, deferred, bounced, dropped, spamreport (SendGrid Event Webhook).',
    labelNames: ['tenant', 'kind', 'outcome'] as const,
    registers,
  });
  const throttled = new Counter({
    name: `${prefix}scim_throttled_total`,
    help: 'SCIM requests answered 429 because the tenant ran out of its token bucket (per process).',
    labelNames: ['tenant'] as const,
    registers,
  });
  const outboxDue = new Gauge({
    name: `${prefix}outbox_due_jobs`,
    help: 'Jobs in the outbox that are due now (queued, not leased), read at scrape time.',
    labelNames: ['kind'] as const,
    registers,
  });
  const outboxAge = new Gauge({
    name: `${prefix}outbox_oldest_due_age_seconds`,
    help: 'How long the oldest due outbox job has been waiting for a worker (0 when none is due).',
    labelNames: ['kind'] as const,
    registers,
  });
  const db = new Histogram({
    name: `${prefix}db_command_duration_seconds`,
    help: 'Database command duration by command and outcome (driver command monitoring).',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const droppedLog = new Counter({
    name: `${prefix}provisioning_log_dropped_total`,
    help: 'Provisioning-log entries not stored because the write buffer was full or the database was away.',
    registers,
  });

  return {
    registry,
    observeHttp: (method, route, status, seconds) =>
      http.observe({ method, route, status_class: statusClass(status) }, seconds),
    countScim: (op) =>
      scim.inc({
        tenant: op.tenantId,
        resource: op.resource,
        operation: op.operation,
        outcome: op.status < 400 ? 'success' : statusClass(op.status),
        scim_type: op.scimType ?? '',
      }),
    countEmail: (kind, outcome, tenantId, count = 1) =>
      emails.inc({ tenant: tenantId ?? '', kind, outcome }, count),
    countThrottled: (tenantId) => throttled.inc({ tenant: tenantId }),
    setOutbox: (kind, dueJobs, oldestDueAgeSeconds) => {
      outboxDue.set({ kind }, dueJobs);
      outboxAge.set({ kind }, oldestDueAgeSeconds);
    },
    observeDbCommand: (command, seconds, ok) =>
      db.observe(
        { command: DB_COMMANDS.has(command) ? command : 'other', outcome: ok ? 'ok' : 'error' },
        seconds,
      ),
    countDroppedLogEntries: (count) => droppedLog.inc(count),
  };
}
