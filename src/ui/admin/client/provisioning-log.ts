import { api, byId, el, formatTime, reasonOf, say } from './common.js';
import { pager, readFilters } from './log-filters.js';
import type { ProvisioningLogEntry, ProvisioningLogPage } from './api-types.js';

const body = byId('log-body');
const status = byId('log-status');
const filters = readFilters('log-filters', [
  'userId',
  'userName',
  'connector',
  'from',
  'to',
  'errors',
]);

/** A connector's successful reads in one minute: "312 successful reads (User list 300, …)". */
function readsRow(entry: ProvisioningLogEntry, reads: NonNullable<ProvisioningLogEntry['reads']>) {
  const kinds = Object.entries(reads.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return el(
    'tr',
    { class: 'reads' },
    el('td', {}, el('time', { datetime: entry.at }, `${formatTime(entry.at)} (the minute)`)),
    el('td', {}, entry.connector),
    el(
      'td',
      { colspan: '3' },
      `${reads.count} successful ${reads.count === 1 ? 'read' : 'reads'} (${kinds})`,
    ),
    el('td', {}, el('span', { class: 'badge ok' }, '2xx')),
    el('td', {}, '—'),
    el('td', {}, `slowest ${Math.round(entry.durationMs)} ms`),
    el('td', {}, '—'),
  );
}

function row(entry: ProvisioningLogEntry): HTMLElement {
  if (entry.reads) return readsRow(entry, entry.reads);
  const failed = entry.status >= 400;
  const error = [entry.scimType, entry.detail].filter(Boolean).join(': ');
  return el(
    'tr',
    {},
    el('td', {}, el('time', { datetime: entry.at }, formatTime(entry.at))),
    el('td', {}, entry.connector),
    el('td', {}, el('code', {}, `${entry.method} ${entry.path}`)),
    el('td', {}, entry.userName ?? '—'),
    el('td', {}, entry.resourceId ? el('code', {}, entry.resourceId) : '—'),
    el('td', {}, el('span', { class: failed ? 'badge bad' : 'badge ok' }, String(entry.status))),
    el('td', {}, error || '—'),
    el('td', {}, `${Math.round(entry.durationMs)} ms`),
    el('td', {}, el('code', {}, entry.requestId)),
  );
}

const load = pager<ProvisioningLogEntry>({
  newest: byId<HTMLButtonElement>('log-newest'),
  older: byId<HTMLButtonElement>('log-older'),
  load: async (cursor) => {
    const query = new URLSearchParams(filters);
    if (cursor) query.set('cursor', cursor);
    return api<ProvisioningLogPage>('GET', `/api/admin/provisioning-log?${query.toString()}`);
  },
  show: (entries) => {
    body.replaceChildren(...entries.map(row));
    say(status, entries.length ? `${entries.length} entries shown.` : 'No SCIM requests match.');
  },
});

load().catch((error: unknown) =>
  say(status, `Could not load the log: ${reasonOf(error)}`, 'error'),
);
