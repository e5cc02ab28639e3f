import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';

/**
 * The Identity Manager's "Provisioning log": what this server answered each SCIM request of the
 * tenant's identity providers, so an administrator whose Entra ID log says "failed" can read our
 * side. The filters are a plain GET form (the URL can be shared, and the welcome timeline links
 * here with `userId` and `userName`); `provisioning-log.js` fills the table from the JSON API.
 */
export function renderProvisioningLogPage(view: AdminPageView): string {
  const main = markup`
<div class="page-header">
  <div>
    <h1>Provisioning log</h1>
    <p class="lead">Every change and every error your identity provider's SCIM requests made, and what this server answered; successful reads (lookups, GETs, lists) are counted per connector and minute. No request bodies, passwords or tokens are kept.</p>
  </div>
</div>
<section class="panel" aria-labelledby="filters-heading">
  <h2 id="filters-heading">Filter</h2>
  <form id="log-filters" method="get" action="/identity-manager/provisioning-log" class="row" role="search">
    <input type="hidden" id="f-userId" name="userId" value="">
    <div class="field">
      <label for="f-userName">User name</label>
      <input id="f-userName" name="userName" type="search" autocomplete="off" spellcheck="false" maxlength="300">
    </div>
    <div class="field">
      <label for="f-connector">Connector (token label)</label>
      <input id="f-connector" name="connector" type="text" autocomplete="off" maxlength="100">
    </div>
    <div class="field">
      <label for="f-from">From</label>
      <input id="f-from" name="from" type="datetime-local">
    </div>
    <div class="field">
      <label for="f-to">To</label>
      <input id="f-to" name="to" type="datetime-local">
    </div>
    <div class="field checkbox">
      <input id="f-errors" name="errors" type="checkbox" value="true">
      <label for="f-errors">Errors only</label>
    </div>
    <div class="field"><button type="submit">Show</button></div>
  </form>
  <p><a href="/identity-manager/provisioning-log">Clear the filters</a></p>
</section>
<section class="panel" aria-labelledby="log-heading">
  <h2 id="log-heading">Requests, newest first</h2>
  <p id="log-status" class="status" role="status"></p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="log-heading">
    <table>
      <caption class="visually-hidden">SCIM requests and this server's answers</caption>
      <thead><tr>
        <th scope="col">Time</th><th scope="col">Connector</th><th scope="col">Request</th>
        <th scope="col">User name</th><th scope="col">Resource id</th><th scope="col">Status</th>
        <th scope="col">Error</th><th scope="col">Duration</th><th scope="col">Request id</th>
      </tr></thead>
      <tbody id="log-body"></tbody>
    </table>
  </div>
  <nav class="pager" aria-label="Pages of the provisioning log">
    <button type="button" id="log-newest" class="secondary">Newest</button>
    <button type="button" id="log-older" class="secondary">Older entries</button>
  </nav>
</section>`;
  return renderAdminPage(view, { title: 'Provisioning log', main, script: 'provisioning-log.js' });
}
