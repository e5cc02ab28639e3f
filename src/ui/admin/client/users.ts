import { api, byId, el, reasonOf, say } from './common.js';
import type { UserSummary } from './api-types.js';
import { initAddUserForm } from './add-user-form.js';
import { attachMenu } from './menu.js';
import { createUserList } from './user-list.js';
import { taskItems } from './user-tasks.js';
import { welcomeBadge } from './welcome-badge.js';

const status = byId('task-status');

function renderRow(user: UserSummary): HTMLTableRowElement {
  const nameId = `associate-${user.id}`;
  const task = el(
    'button',
    { type: 'button', class: 'task', 'aria-label': 'Task', 'aria-describedby': nameId },
    '⋮',
  );
  attachMenu(task, () => taskItems(user, status, list.reload));
  return el(
    'tr',
    { 'data-user-id': user.id },
    el('td', { id: nameId }, user.displayName || user.userName),
    el(
      'td',
      {},
      user.userName,
      user.email && user.email !== user.userName
        ? el('span', { class: 'delivery' }, user.email)
        : null,
    ),
    el('td', {}, user.connector ?? user.source),
    el(
      'td',
      {},
      welcomeBadge(user.welcome),
      el('span', { class: 'delivery' }, user.welcome.explanation),
    ),
    el('td', {}, el('span', { class: 'menu-wrap' }, task)),
  );
}

const list = createUserList({ prefix: 'associates', limit: 20, noun: 'associates', renderRow });

/** "Send welcome email to everyone who has not signed in", behind a confirm step. */
function initResendPending(): void {
  const start = byId<HTMLButtonElement>('resend-pending');
  const confirm = byId('resend-confirm');
  const result = byId('resend-status');
  const toggle = (open: boolean) => {
    confirm.hidden = !open;
    start.setAttribute('aria-expanded', String(open));
  };
  start.addEventListener('click', () => {
    toggle(true);
    byId('resend-confirm-yes').focus();
  });
  byId('resend-confirm-no').addEventListener('click', () => {
    toggle(false);
    start.focus();
  });
  byId('resend-confirm-yes').addEventListener('click', async () => {
    toggle(false);
    start.focus();
    say(result, 'Sending…');
    try {
      const answer = await api<{ users: number }>(
        'POST',
        '/api/admin/welcome-emails/resend-pending',
      );
      const who = answer.users === 1 ? 'user who has' : 'users who have';
      say(result, `Welcome emails queued for ${answer.users} ${who} not signed in.`, 'ok');
      await list.reload();
    } catch (error) {
      say(result, `Not sent: ${reasonOf(error)}`, 'error');
    }
  });
}

initResendPending();
initAddUserForm(list.reload);
void list.reload();
