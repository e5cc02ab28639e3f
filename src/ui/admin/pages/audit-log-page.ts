import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';

/** The tenant's audit log, read-only: who changed what and when (`audit-log.js` fills it). */
export function renderAuditLogPage(view: AdminPageView): string {
  const main = markup`
<div class="page-header">
  <div>
    <h1>Audit log</h1>
    <p class="lead">Switch and preference changes (old → new), welcome-email resends, SCIM tokens created and revoked, and administrator sign-ins. Read-only.</p>
  </div>
</div>
<section class="panel" aria-labelledby="filters-heading">
  <h2 id="filters-heading">Filter</h2>
  <form id="audit-filters" method="get" action="/admin/audit-log" class="row" role="search">
    <div class="field">
      <label for="f-action">What</label>
      <select id="f-action" name="action">
        <option value="">Everything</option>
        <option value="identity-manager.">Identity Manager switch</option>
        <option value="preferences.">Global preferences</option>
        <option value="welcome-email.">Welcome-email resends</option>
        <option value="scim-token.">SCIM tokens</option>
        <option value="admin.">Administrator sign-ins</option>
        <option value="user.">Users created and reset</option>
      </select>
    </div>
    <div class="field">
      <label for="f-actor">Who (administrator email)</label>
      <input id="f-actor" name="actor" type="email" autocomplete="off" maxlength="300">
    </div>
    <div class="field">
      <label for="f-from">From</label>
      <input id="f-from" name="from" type="datetime-local">
    </div>
    <div class="field">
      <label for="f-to">To</label>
      <input id="f-to" name="to" type="datetime-local">
    </div>
    <div class="field"><button type="submit">Show</button></div>
  </form>
</section>
<section class="panel" aria-labelledby="audit-heading">
  <h2 id="audit-heading">Changes, newest first</h2>
  <p id="audit-status" class="status" role="status"></p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-heading">
    <table>
      <caption class="visually-hidden">Audited administrator actions</caption>
      <thead><tr>
        <th scope="col">Time</th><th scope="col">Who</th><th scope="col">What</th>
        <th scope="col">Target</th><th scope="col">Change</th>
      </tr></thead>
      <tbody id="audit-body"></tbody>
    </table>
  </div>
  <nav class="pager" aria-label="Pages of the audit log">
    <button type="button" id="audit-newest" class="secondary">Newest</button>
    <button type="button" id="audit-older" class="secondary">Older entries</button>
  </nav>
</section>`;
  return renderAdminPage(view, { title: 'Audit log', main, script: 'audit-log.js' });
}
