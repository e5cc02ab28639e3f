import { api, byId, el, formatTime, reasonOf, say } from './common.js';
import { pager, readFilters } from './log-filters.js';
import type { AuditEntry, AuditLogPage } from './api-types.js';

const body = byId('audit-body');
const status = byId('audit-status');
const filters = readFilters('audit-filters', ['action', 'actor', 'from', 'to']);

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value);

function row(entry: AuditEntry): HTMLElement {
  const change =
    entry.before === null && entry.after === null
      ? '—'
      : `${show(entry.before)} → ${show(entry.after)}`;
  return el(
    'tr',
    {},
    el('td', {}, el('time', { datetime: entry.at }, formatTime(entry.at))),
    el('td', {}, entry.actorEmail ?? entry.actor),
    el('td', {}, el('code', {}, entry.action)),
    el('td', {}, entry.target ?? '—'),
    el('td', {}, change),
  );
}

const load = pager<AuditEntry>({
  newest: byId<HTMLButtonElement>('audit-newest'),
  older: byId<HTMLButtonElement>('audit-older'),
  load: async (cursor) => {
    const query = new URLSearchParams(filters);
    if (cursor) query.set('cursor', cursor);
    return api<AuditLogPage>('GET', `/api/admin/audit-log?${query.toString()}`);
  },
  show: (entries) => {
    body.replaceChildren(...entries.map(row));
    say(status, entries.length ? `${entries.length} entries shown.` : 'Nothing audited matches.');
  },
});

load().catch((error: unknown) =>
  say(status, `Could not load the audit log: ${reasonOf(error)}`, 'error'),
);
