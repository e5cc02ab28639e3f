import { hashPassword } from '../../platform/crypto/secrets';
import type { PasswordDeps } from './password-deps';

/** Stores the scrypt hash of a new password; false when the user is not there (any more). */
export async function storePassword(
  deps: Pick<PasswordDeps, 'directory'>,
  input: { tenantId: string; userId: string; password: string },
): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  const result = await deps.directory.users.collection.updateOne(
    { _id: input.userId, tenantId: input.tenantId } as never,
    { $set: { passwordHash } },
  );
  return result.matchedCount === 1;
}
