import { el, timeElement } from './common.js';
import type { UserSummary } from './api-types.js';
import { initScimConnections } from './scim-connections.js';
import { createUserList } from './user-list.js';
import { welcomeBadge } from './welcome-badge.js';
import { showWelcomeDetail } from './welcome-detail.js';
import { initWelcomeSwitch } from './welcome-switch.js';

let selectedId: string | null = null;

function markSelected(): void {
  document.querySelectorAll<HTMLTableRowElement>('#users-body tr').forEach((row) => {
    if (row.dataset.userId === selectedId) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  });
}

function renderRow(user: UserSummary): HTMLTableRowElement {
  const open = el(
    'button',
    { type: 'button', class: 'link', 'aria-controls': 'welcome-detail' },
    user.displayName || user.userName,
  );
  open.addEventListener('click', () => {
    selectedId = user.id;
    markSelected();
    void showWelcomeDetail(user);
  });
  const row = el(
    'tr',
    { 'data-user-id': user.id },
    el('td', {}, open),
    el('td', {}, user.userName),
    el('td', {}, user.connector ?? 'SCIM'),
    el('td', {}, timeElement(user.created)),
    el('td', {}, welcomeBadge(user.welcome)),
  );
  if (user.id === selectedId) row.setAttribute('aria-current', 'true');
  return row;
}

void initWelcomeSwitch();
void createUserList({
  prefix: 'users',
  source: 'scim',
  limit: 20,
  noun: 'users',
  renderRow,
}).reload();
void initScimConnections();
