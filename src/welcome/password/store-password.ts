import { hashPassword } from '../../platform/crypto/secrets';
import type { PasswordDeps } from './password-deps';

/**
 * Stores the scrypt hash of a new password. Under the user's document lock because FerretDB
 * 1.x applies an update by rewriting the whole document (see document-lock.ts), and
 * `recordSignIn` may be writing the same user at the same moment.
 */
export async function storePassword(
  deps: Pick<PasswordDeps, 'directory' | 'locks'>,
  input: { tenantId: string; userId: string; password: string },
): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  const users = deps.directory.users.collection;
  return deps.locks.withLock(`user:${input.userId}`, async () => {
    if (!(await deps.directory.users.findById(input.tenantId, input.userId))) return false;
    await users.updateOne({ _id: input.userId } as never, { $set: { passwordHash } });
    return true;
  });
}
