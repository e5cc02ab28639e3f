import { ApiError } from '../platform/errors/api-error';
import { DUMMY_PASSWORD_HASH, sha256Hex, verifyPassword } from '../platform/crypto/secrets';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter';
import type { TenantModels } from './models';
import type { Role } from './sessions';

export interface SignInInput {
  tenantId: string;
  email: string;
  password: string;
  clientIp: string;
}

export interface SignedInPrincipal {
  subject: string;
  tenantId: string;
  role: Role;
  email: string;
}

/** Another kind of account that can sign in (directory users); returns null when unknown. */
export type PasswordAccountFinder = (
  tenantId: string,
  email: string,
) => Promise<{ id: string; passwordHash?: string; onSignedIn?: () => Promise<void> } | null>;

export const SIGN_IN_LIMITS = { perAccount: 10, perClient: 30, windowSeconds: 15 * 60 };

const invalid = () =>
  new ApiError(401, 'invalid_credentials', 'the email or password is not correct');

/**
 * Password sign-in for administrators and users. Unknown email and wrong password give the
 * same answer and cost the same scrypt work; attempts are limited per account and per client.
 */
export async function signIn(
  deps: {
    models: TenantModels;
    limiter: RateLimiter;
    findUser?: PasswordAccountFinder;
    /** Records administrator sign-ins and failures in the tenant's audit log. */
    audit?: (entry: {
      tenantId: string;
      actor: string;
      action: string;
      target?: string;
    }) => Promise<void>;
  },
  input: SignInInput,
): Promise<SignedInPrincipal> {
  const email = input.email.trim().toLowerCase();
  const { perAccount, perClient, windowSeconds } = SIGN_IN_LIMITS;
  const byClient = await deps.limiter.hit(
    `sign-in:client:${input.clientIp}`,
    perClient,
    windowSeconds,
  );
  const byAccount = await deps.limiter.hit(
    `sign-in:account:${sha256Hex(`${input.tenantId}\n${email}`)}`,
    perAccount,
    windowSeconds,
  );
  if (!byClient.allowed || !byAccount.allowed) {
    const retry = Math.max(byClient.retryAfterSeconds, byAccount.retryAfterSeconds);
    throw new ApiError(
      429,
      'too_many_attempts',
      'too many sign-in attempts; try again later',
      undefined,
      {
        'Retry-After': String(retry),
      },
    );
  }
  const admin = await deps.models.Administrator.findOne({ tenantId: input.tenantId, email }).lean();
  if (admin) {
    const ok = await verifyPassword(input.password, admin.passwordHash);
    // Not awaited: a known address must cost no more time than an unknown one.
    const entry = { tenantId: input.tenantId, actor: admin._id, target: email };
    void deps
      .audit?.({ ...entry, action: ok ? 'admin.sign-in' : 'admin.sign-in-failed' })
      .catch(() => undefined);
    if (!ok) throw invalid();
    return { subject: admin._id, tenantId: input.tenantId, role: 'admin', email };
  }
  const user = deps.findUser ? await deps.findUser(input.tenantId, email) : null;
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !user.passwordHash || !ok) throw invalid();
  await user.onSignedIn?.();
  return { subject: user.id, tenantId: input.tenantId, role: 'user', email };
}
