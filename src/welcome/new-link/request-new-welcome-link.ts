import type { UserDoc } from '../../directory/users/user-model';
import type { TenantLibrary } from '../../tenants/tenant-library';
import type { LinkDoc } from '../links/link-model';
import { inspectLinkHolder, type LinkProblem } from '../password/link-holder';
import type { PasswordDeps } from '../password/password-deps';
import { bumpGeneration } from '../resend/resend-welcome-email';
import { welcomeNextStep, type WelcomeNextStep } from './welcome-next-step';

export interface NewLinkDeps extends PasswordDeps {
  tenants: Pick<TenantLibrary, 'audit'>;
  wakeOutbox: () => void;
}

/** At most one self-service new link per user an hour (the limit). */
export const NEW_LINK_INTERVAL_MS = 3_600_000;

export type NewLinkOutcome =
  | { status: 'still-valid' }
  /** The same answer whether or not an email went out (limited, raced, or sent). */
  | { status: 'requested'; link: LinkDoc; user: UserDoc; started: boolean }
  | {
      status: Exclude<WelcomeNextStep, 'new-link'>;
      problem: LinkProblem;
      link?: LinkDoc;
      user?: UserDoc;
    };

/**
 * "Email me a new link" on an expired or superseded welcome link: starts a new generation
 * exactly as an administrator's resend does (same outbox, same exactly-once send), but only
 * while the user has not signed in, is active, and has not asked within the last hour.
 *
 * The precondition lives in the one conditional update that starts the generation: the
 * generation the request saw and no request in the last hour. So of any number of concurrent
 * requests one starts a generation and the others change nothing.
 */
export async function requestNewWelcomeLink(
  deps: NewLinkDeps,
  token: string,
): Promise<NewLinkOutcome> {
  const holder = await inspectLinkHolder(deps, token, 'welcome');
  if (holder.status === 'valid') return { status: 'still-valid' };
  const step = welcomeNextStep(holder.status, holder.link, holder.user);
  if (step !== 'new-link' || !holder.link || !holder.user) {
    const status = step === 'new-link' ? 'unknown' : step;
    return { status, problem: holder.status, link: holder.link, user: holder.user };
  }
  const { link, user } = holder;
  const now = deps.now();
  const seen = Number((user.welcome as { generation?: number }).generation ?? 0);
  const updated = await bumpGeneration(deps, user.tenantId, user._id, 'user', 'user:new-link', {
    filter: {
      active: { $ne: false },
      'welcome.generation': seen,
      'welcome.newLinkRequestedAt': {
        $not: { $gt: new Date(now.getTime() - NEW_LINK_INTERVAL_MS) },
      },
    },
    set: { 'welcome.newLinkRequestedAt': now },
  });
  if (!updated) return { status: 'requested', link, user, started: false };
  await deps.tenants.audit({
    tenantId: user.tenantId,
    actor: `user:${user._id}`,
    action: 'welcome-email.new-link-requested',
    target: user._id,
    after: { generation: (updated.welcome as { generation: number }).generation },
  });
  deps.wakeOutbox();
  return { status: 'requested', link, user: updated, started: true };
}
