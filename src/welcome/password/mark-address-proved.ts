import type { UserDoc } from '../../directory/users/user-model';
import { recipientOf } from '../outbox/recipient';
import type { PasswordDeps } from './password-deps';

/**
 * A redeemed welcome or reset link proves the user holds the address it was sent to: kept as
 * `emailVerified` (lower-cased), so the sign-in claim `email_verified` is true while the user's
 * email is still that address (a later change of address over SCIM makes it false again).
 */
export async function markAddressProved(
  deps: Pick<PasswordDeps, 'directory'>,
  user: UserDoc,
): Promise<void> {
  const address = recipientOf(user);
  if (!address) return;
  await deps.directory.users.collection.updateOne(
    { _id: user._id, tenantId: user.tenantId } as never,
    { $set: { emailVerified: address.toLowerCase() } },
  );
}
