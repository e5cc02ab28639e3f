import type { UserDoc } from '../../directory/users/user-model';
import { inspectLink, type LinkStatus } from '../links/inspect-link';
import type { LinkDoc, LinkPurpose } from '../links/link-model';
import type { PasswordDeps } from './password-deps';

export type LinkProblem = Exclude<LinkStatus, 'valid'>;

export type LinkHolder =
  | { status: 'valid'; link: LinkDoc; user: UserDoc }
  | { status: LinkProblem; link?: LinkDoc; user?: UserDoc };

/** The user a link belongs to, while they exist and are active; deactivated users cannot redeem. */
export async function findActiveUser(
  deps: Pick<PasswordDeps, 'directory'>,
  tenantId: string,
  userId: string,
): Promise<UserDoc | null> {
  const user = await deps.directory.users.findById(tenantId, userId);
  return user && user.active !== false ? user : null;
}

/** A link's state and its user, changing nothing (mail scanners fetch links, so GET must be safe). */
export async function inspectLinkHolder(
  deps: Pick<PasswordDeps, 'directory' | 'Link' | 'now'>,
  token: string,
  purpose: LinkPurpose,
): Promise<LinkHolder> {
  const inspected = await inspectLink(deps.Link, token, purpose, deps.now());
  const { link } = inspected;
  if (!link) return { status: 'invalid' };
  const user = await findActiveUser(deps, link.tenantId, link.userId);
  if (inspected.status !== 'valid')
    return { status: inspected.status, link, user: user ?? undefined };
  return user ? { status: 'valid', link, user } : { status: 'revoked', link };
}
