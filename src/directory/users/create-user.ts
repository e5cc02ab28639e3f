import { randomToken, hashPassword } from '../../platform/crypto/secrets';
import { ApiError } from '../../platform/errors/api-error';
import type { TenantLibrary } from '../../tenants/tenant-library';
import { decideWelcome, type UserSource } from '../../welcome/policy/decide-welcome';
import type { Directory } from '../directory';
import type { UserDoc } from './user-model';
import type { WakeOutbox } from '../../platform/workers/outbox-signal';

export interface CreateUserDeps {
  directory: Directory;
  tenants: TenantLibrary;
  now: () => Date;
  /** Tells this process's outbox worker that a job is due (others find it by polling). */
  wakeOutbox: WakeOutbox;
}

export interface CreateUserInput {
  tenantId: string;
  resource: Record<string, unknown>;
  password?: string;
  source: UserSource;
  connector: string;
}

/**
 * Creates a user and, in the same single-document insert, the welcome decision taken from
 * the tenant's switch for this source at this moment. A retried create hits the unique
 * userName index (409), so it can never queue a second email.
 */
export async function createUser(deps: CreateUserDeps, input: CreateUserInput): Promise<UserDoc> {
  const tenant = await deps.tenants.findTenantById(input.tenantId);
  if (!tenant) throw new ApiError(404, 'tenant_not_found', 'tenant not found');
  const now = deps.now();
  const decision = decideWelcome(tenant, input.source, now);
  const welcome = {
    ...decision,
    nonce: randomToken(16),
    attempts: 0,
    sentCount: 0,
    ...(decision.state === 'queued' ? { dueAt: now } : {}),
  };
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const doc = await deps.directory.users.insert(
    input.tenantId,
    input.resource,
    {
      source: input.source,
      connector: input.connector,
      noGroups: true,
      welcome,
      ...(passwordHash ? { passwordHash } : {}),
    },
    now,
  );
  if (decision.state === 'queued') deps.wakeOutbox({ kind: 'welcome', tenantId: input.tenantId });
  return doc;
}
