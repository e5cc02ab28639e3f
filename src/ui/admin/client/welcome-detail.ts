import { api, byId, el, formatTime, reasonOf, timeElement } from './common.js';
import type { UserSummary, WelcomeStatus } from './api-types.js';
import { stateLabel } from './welcome-badge.js';

function fact(term: string, value: Node | string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, value)];
}

function render(user: UserSummary, status: WelcomeStatus): HTMLElement[] {
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
  try {
    const status = await api<WelcomeStatus>(
      'GET',
      `/api/admin/users/${encodeURIComponent(user.id)}/welcome-email`,
    );
    body.replaceChildren(...render(user, status));
  } catch (error) {
    body.replaceChildren(
      el('p', { class: 'status error' }, `Could not load the timeline: ${reasonOf(error)}`),
    );
  }
}
