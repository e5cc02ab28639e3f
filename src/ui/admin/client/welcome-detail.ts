import { api, byId, el, formatTime, reasonOf, timeElement } from './common.js';
import type { PasswordResetEmail, UserSummary, WelcomeStatus } from './api-types.js';
import { stateLabel } from './welcome-badge.js';

function fact(term: string, value: Node | string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, value)];
}

function render(
  user: UserSummary,
  status: WelcomeStatus,
  resets: PasswordResetEmail[],
): HTMLElement[] {
  const facts = el(
    'dl',
    { class: 'facts' },
    ...fact('State', stateLabel(status.state)),
    ...fact('Decided by', status.decidedBy || '—'),
    ...fact('Times sent', String(status.timesSent)),
    ...fact('Last sent', timeElement(status.lastSentAt)),
    ...fact('Delivery', status.delivery ?? '—'),
    ...fact('Link expires', timeElement(status.linkExpiresAt)),
    ...fact('Link used', timeElement(status.linkUsedAt)),
    ...fact('First sign-in', timeElement(status.firstSignInAt)),
  );
  const timeline = el(
    'ol',
    { class: 'timeline', 'aria-label': 'Timeline' },
    ...status.timeline.map((entry) =>
      el('li', {}, el('time', { datetime: entry.at }, formatTime(entry.at)), entry.text),
    ),
  );
  return [
    el(
      'p',
      { class: 'hint' },
      `${user.userName}${user.email && user.email !== user.userName ? ` · ${user.email}` : ''}`,
    ),
    el('p', { class: 'explanation', id: 'welcome-explanation' }, status.explanation),
    facts,
    el('h3', {}, 'Timeline'),
    timeline,
    ...renderResets(resets),
    el(
      'p',
      {},
      el(
        'a',
        { href: `/identity-manager/provisioning-log?${provisioningQuery(user)}` },
        'SCIM requests for this user (what we told the identity provider)',
      ),
    ),
  ];
}

const REQUESTED_BY = {
  administrator: 'by an administrator',
  'self-service': 'on the reset page',
} as const;

/** One password-reset email in words: who asked, whether it went, what the provider said, the link. */
function resetLine(email: PasswordResetEmail): Array<Node | string> {
  const parts: Array<Node | string> = [
    el('time', { datetime: email.requestedAt }, formatTime(email.requestedAt)),
    ` requested${email.requestedBy ? ` ${REQUESTED_BY[email.requestedBy]}` : ''}; `,
  ];
  if (email.state === 'sent') parts.push(`sent ${formatTime(email.sentAt)}`);
  else if (email.state === 'failed') parts.push(`not sent: ${email.lastError ?? 'failed'}`);
  else parts.push(email.lastError ? `retrying after: ${email.lastError}` : 'waiting to be sent');
  if (email.delivery) {
    const reason = email.delivery.reason ? ` (${email.delivery.reason})` : '';
    parts.push(`; ${email.delivery.status}${reason}`);
  }
  // Only a sent email carried its link (the link is made just before the send).
  if (email.state === 'sent') parts.push(linkFate(email));
  return parts;
}

function linkFate(email: PasswordResetEmail): string {
  if (email.linkUsedAt) return `; link used ${formatTime(email.linkUsedAt)}`;
  if (email.linkRevokedReason === 'superseded')
    return '; link no longer valid: another reset link was requested or used';
  if (email.linkRevokedAt) return `; link revoked ${formatTime(email.linkRevokedAt)}`;
  if (!email.linkExpiresAt) return '';
  const past = new Date(email.linkExpiresAt).getTime() <= Date.now();
  return `; link ${past ? 'expired' : 'expires'} ${formatTime(email.linkExpiresAt)}`;
}

/** The user's password-reset emails, newest first; nothing when there are none. */
function renderResets(emails: PasswordResetEmail[]): HTMLElement[] {
  if (emails.length === 0) return [];
  return [
    el('h3', {}, 'Password reset emails'),
    el(
      'ol',
      { class: 'timeline', 'aria-label': 'Password reset emails' },
      ...emails.map((email) => el('li', {}, ...resetLine(email))),
    ),
  ];
}

/** The provisioning log filtered to one user: by id and by userName (a failed create has no id). */
function provisioningQuery(user: UserSummary): string {
  return new URLSearchParams({ userId: user.id, userName: user.userName }).toString();
}

/** Opens the welcome timeline of one user; the explanation answers "why no sign-in yet?". */
export async function showWelcomeDetail(user: UserSummary): Promise<void> {
  const heading = byId('detail-heading');
  const body = byId('detail-body');
  heading.textContent = `Welcome email: ${user.displayName || user.userName}`;
  body.replaceChildren(el('p', { class: 'hint' }, 'Loading…'));
  heading.focus();
  const path = `/api/admin/users/${encodeURIComponent(user.id)}`;
  try {
    const [status, resets] = await Promise.all([
      api<WelcomeStatus>('GET', `${path}/welcome-email`),
      api<{ emails: PasswordResetEmail[] }>('GET', `${path}/password-resets`),
    ]);
    body.replaceChildren(...render(user, status, resets.emails));
  } catch (error) {
    body.replaceChildren(
      el('p', { class: 'status error' }, `Could not load the timeline: ${reasonOf(error)}`),
    );
  }
}
