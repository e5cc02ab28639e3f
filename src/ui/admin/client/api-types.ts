/** The JSON shapes of the administration API the pages read (CONTRACT.md). */

export interface WelcomeSummary {
  state: string;
  delivery: string | null;
  explanation: string;
  canResend: boolean;
}

export interface UserSummary {
  id: string;
  userName: string;
  displayName: string;
  email: string | null;
  active: boolean;
  source: string;
  connector: string | null;
  created: string;
  firstSignInAt: string | null;
  welcome: WelcomeSummary;
}

export interface UserPage {
  total: number;
  page: number;
  limit: number;
  users: UserSummary[];
}

export interface WelcomeStatus {
  userName?: string;
  state: string;
  generation: number;
  decidedBy: string;
  timesSent: number;
  lastSentAt: string | null;
  linkExpiresAt: string | null;
  linkUsedAt: string | null;
  firstSignInAt: string | null;
  delivery: string | null;
  explanation: string;
  canResend: boolean;
  timeline: Array<{ at: string; event: string; text: string }>;
}

/** `GET /api/admin/users/{id}/password-resets`: one password-reset email. */
export interface PasswordResetEmail {
  id: string;
  requestedBy: 'administrator' | 'self-service' | null;
  requestedAt: string;
  state: 'queued' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
  delivery: { status: string; at: string; reason: string | null } | null;
  linkExpiresAt: string | null;
  linkUsedAt: string | null;
  linkRevokedAt: string | null;
  linkRevokedReason: string | null;
}

export interface ScimTokenView {
  id: string;
  label: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ScimTokenList {
  scimBaseUrl: string;
  tokens: ScimTokenView[];
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

export interface Outbox {
  transport: string;
  messages: OutboxMessage[];
}

/** `GET /api/admin/provisioning-log` (src/scim/provisioning-log/list-provisioning-log.ts). */
export interface ProvisioningLogEntry {
  id: string;
  at: string;
  connector: string;
  method: string;
  path: string;
  resourceType: string;
  resourceId: string | null;
  userName: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
  requestId: string;
  /** A connector's successful reads in the minute from `at`; null on one request's entry. */
  reads: { count: number; byKind: Record<string, number> } | null;
}

export interface ProvisioningLogPage {
  entries: ProvisioningLogEntry[];
  next: string | null;
}

/** `GET /api/admin/audit-log` (src/tenants/list-audit-log.ts). */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorEmail: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditLogPage {
  entries: AuditEntry[];
  next: string | null;
}

export type SignInMode = 'password' | 'sso' | 'both';

/** `GET /api/admin/sign-in`: the tenant's identity provider, never its client secret. */
export interface SignInSettings {
  mode: SignInMode;
  redirectUri: string;
  upstream: {
    issuer: string;
    clientId: string;
    secretHint: string;
    claim: string;
    attribute: string;
    redirectUri: string;
    updatedAt: string;
  } | null;
}
