import { markup } from '../../../mail/templates/escape-html';
import { LANGUAGES } from '../../i18n';
import { renderAdminPage, type AdminPageView } from '../layout';

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  nb: 'Norsk bokmål',
  sv: 'Svenska',
  da: 'Dansk',
  de: 'Deutsch',
  nl: 'Nederlands',
};

/**
 * The Admin client's Users page (seed: "Select the user from the Associates list … Click the
 * Task button and then select Send welcome email"), the form to add a user and the bulk
 * resend to everyone who has not signed in.
 */
export function renderUsersPage(view: AdminPageView): string {
  const languages = LANGUAGES.map(
    (code) => markup`<option value="${code}">${LANGUAGE_NAMES[code] ?? code}</option>`,
  );
  const main = markup`
<div class="page-header">
  <div>
    <h1>Users</h1>
    <p class="lead">Everyone in this tenant, added here or provisioned over SCIM.</p>
  </div>
  <div>
    <button type="button" id="resend-pending" class="secondary" aria-controls="resend-confirm" aria-expanded="false">Send welcome email to everyone who has not signed in</button>
    <div id="resend-confirm" class="confirm" hidden>
      <p id="resend-confirm-text">Send a new welcome email to every user who has not signed in yet? Links in earlier welcome emails stop working.</p>
      <button type="button" id="resend-confirm-yes">Send to everyone</button>
      <button type="button" id="resend-confirm-no" class="secondary">Cancel</button>
    </div>
    <p id="resend-status" class="status" role="status"></p>
  </div>
</div>
<div class="grid">
  <section class="panel" aria-labelledby="associates-heading">
    <h2 id="associates-heading">Associates</h2>
    <form id="associates-search" role="search" class="row">
      <div class="field">
        <label for="associates-q">Search by name, user name or email</label>
        <input id="associates-q" name="q" type="search" autocomplete="off" spellcheck="false">
      </div>
      <div class="field"><button type="submit">Search</button></div>
    </form>
    <p id="associates-status" class="status" role="status"></p>
    <p id="task-status" class="status" role="status"></p>
    <div class="table-wrap">
      <table aria-labelledby="associates-heading">
        <thead><tr>
          <th scope="col">Name</th><th scope="col">User name</th><th scope="col">Added by</th>
          <th scope="col">Welcome email</th><th scope="col"><span class="visually-hidden">Task</span></th>
        </tr></thead>
        <tbody id="associates-body"></tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages of associates">
      <button type="button" id="associates-prev" class="secondary">Previous page</button>
      <span id="associates-page"></span>
      <button type="button" id="associates-next" class="secondary">Next page</button>
    </nav>
  </section>
  <section class="panel" aria-labelledby="add-user-heading">
    <h2 id="add-user-heading">Add a user</h2>
    <p class="hint" id="add-user-preference"></p>
    <form id="add-user-form" novalidate>
      <div class="field">
        <label for="new-userName">User name (required)</label>
        <input id="new-userName" name="userName" type="text" required autocomplete="off" aria-describedby="new-userName-error">
        <span id="new-userName-error" class="status error field-error"></span>
      </div>
      <div class="field"><label for="new-givenName">Given name</label><input id="new-givenName" name="givenName" type="text" autocomplete="off"></div>
      <div class="field"><label for="new-familyName">Family name</label><input id="new-familyName" name="familyName" type="text" autocomplete="off"></div>
      <div class="field"><label for="new-email">Email</label><input id="new-email" name="email" type="email" autocomplete="off"></div>
      <div class="field">
        <label for="new-language">Preferred language</label>
        <select id="new-language" name="preferredLanguage"><option value="">Tenant default</option>${languages}</select>
      </div>
      <button type="submit">Add user</button>
      <p id="add-user-status" class="status" role="status"></p>
    </form>
  </section>
</div>`;
  return renderAdminPage(view, { title: 'Users', main, script: 'users.js' });
}
