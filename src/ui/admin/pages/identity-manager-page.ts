import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';

/**
 * The Identity Manager (seed: "Turn on the Send Welcome Email setting in the upper right
 * corner"): the switch, the users provisioned over SCIM with their welcome status, and the
 * tenant's SCIM connections. `identity-manager.js` fills it from the JSON API.
 */
export function renderIdentityManagerPage(view: AdminPageView): string {
  const main = markup`
<div class="page-header">
  <div>
    <h1>Identity Manager</h1>
    <p class="lead">Users your identity provider (Microsoft Entra ID, Okta) provisions over SCIM, and whether they get a welcome email with sign-in info.</p>
  </div>
  <div class="switch-field">
    <div class="switch-row">
      <span id="send-welcome-label" class="switch-label">Send Welcome Email</span>
      <button type="button" id="send-welcome-switch" role="switch" aria-checked="false"
        aria-labelledby="send-welcome-label" aria-describedby="send-welcome-status" disabled>
        <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
        <span class="switch-text" aria-hidden="true">Off</span>
      </button>
    </div>
    <p id="send-welcome-status" class="status" role="status"></p>
    <p class="hint"><a href="/identity-manager/welcome-emails">Reminders and your own words in the welcome email</a></p>
  </div>
</div>
<div class="grid">
  <section class="panel" aria-labelledby="users-heading">
    <h2 id="users-heading">Users provisioned over SCIM</h2>
    <form id="users-search" role="search" class="row">
      <div class="field">
        <label for="users-q">Search by name, user name or email</label>
        <input id="users-q" name="q" type="search" autocomplete="off" spellcheck="false">
      </div>
      <div class="field"><button type="submit">Search</button></div>
    </form>
    <p id="users-status" class="status" role="status"></p>
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Users provisioned over SCIM; select a name to see the welcome email timeline</caption>
        <thead><tr>
          <th scope="col">Name</th><th scope="col">User name</th><th scope="col">Connector</th>
          <th scope="col">Created</th><th scope="col">Welcome email</th>
        </tr></thead>
        <tbody id="users-body"></tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages of users">
      <button type="button" id="users-prev" class="secondary">Previous page</button>
      <span id="users-page"></span>
      <button type="button" id="users-next" class="secondary">Next page</button>
    </nav>
  </section>
  <section class="panel" id="welcome-detail" aria-labelledby="detail-heading">
    <h2 id="detail-heading" tabindex="-1">Welcome email</h2>
    <div id="detail-body"><p class="hint">Select a user to see why they have or have not signed in yet, and every step of their welcome email.</p></div>
  </section>
</div>
<section class="panel" aria-labelledby="scim-heading">
  <h2 id="scim-heading">SCIM connections</h2>
  <p class="hint">In Microsoft Entra ID paste the base URL as <strong>Tenant URL</strong> and a token as <strong>Secret Token</strong>; in Okta use them as <strong>SCIM connector base URL</strong> and the HTTP header bearer token.</p>
  <div class="field">
    <label for="scim-base-url">SCIM base URL</label>
    <div class="copy-field">
      <input id="scim-base-url" type="text" readonly value="">
      <button type="button" class="secondary" data-copy="scim-base-url" aria-label="Copy SCIM base URL">Copy</button>
    </div>
  </div>
  <h3 id="tokens-heading">Tokens</h3>
  <div class="table-wrap">
    <table aria-labelledby="tokens-heading">
      <thead><tr><th scope="col">Label</th><th scope="col">Token</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
      <tbody id="tokens-body"></tbody>
    </table>
  </div>
  <form id="token-form" class="row">
    <div class="field">
      <label for="token-label">New token label</label>
      <input id="token-label" name="label" type="text" required maxlength="100" placeholder="Entra ID">
    </div>
    <div class="field"><button type="submit">Create token</button></div>
  </form>
  <div id="new-token" class="secret" hidden>
    <h3 id="new-token-heading" tabindex="-1">Copy the new token now: it is shown only once</h3>
    <div class="copy-field">
      <label class="visually-hidden" for="new-token-value">New SCIM token</label>
      <input id="new-token-value" type="text" readonly value="">
      <button type="button" class="secondary" data-copy="new-token-value" aria-label="Copy new SCIM token">Copy</button>
    </div>
  </div>
  <p id="tokens-status" class="status" role="status"></p>
</section>`;
  return renderAdminPage(view, { title: 'Identity Manager', main, script: 'identity-manager.js' });
}
