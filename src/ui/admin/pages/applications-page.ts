import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';
import { singleSignOnSection } from './single-sign-on-section';

/**
 * Identity Manager → Applications: the tenant's OpenID Connect issuer to paste into an
 * application, the registered applications (client secret shown once, rotate, edit, default,
 * delete), the form that registers or edits one, and single sign-on through the tenant's own
 * identity provider. `applications.js` fills it from the API.
 */
export function renderApplicationsPage(view: AdminPageView): string {
  const main = markup`
<div class="page-header">
  <div>
    <h1>Applications</h1>
    <p class="lead">Applications your users sign in to with this tenant's OpenID Connect provider. Register each one, then give it the issuer, its client ID and, for a confidential application, its client secret.</p>
  </div>
</div>
<section class="panel" aria-labelledby="issuer-heading">
  <h2 id="issuer-heading">Sign-in provider</h2>
  <div class="field">
    <label for="issuer-url">Issuer URL</label>
    <div class="copy-field">
      <input id="issuer-url" type="text" readonly value="">
      <button type="button" class="secondary" data-copy="issuer-url" aria-label="Copy issuer URL">Copy</button>
    </div>
  </div>
  <div class="field">
    <label for="discovery-url">Discovery URL</label>
    <div class="copy-field">
      <input id="discovery-url" type="text" readonly value="" aria-describedby="discovery-hint">
      <button type="button" class="secondary" data-copy="discovery-url" aria-label="Copy discovery URL">Copy</button>
    </div>
    <p id="discovery-hint" class="hint">Most OpenID Connect libraries need only this address: they read the endpoints and keys from it.</p>
  </div>
</section>
<section class="panel" aria-labelledby="applications-heading">
  <h2 id="applications-heading" tabindex="-1">Registered applications</h2>
  <p id="applications-status" class="status" role="status"></p>
  <div class="table-wrap"><table>
    <caption class="visually-hidden">Registered applications</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Client ID</th><th scope="col">Type</th><th scope="col">Redirect URIs</th><th scope="col">Actions</th></tr></thead>
    <tbody id="applications-body"></tbody>
  </table></div>
  <div id="secret-box" class="secret" hidden>
    <h3 id="secret-heading" tabindex="-1">Client secret</h3>
    <p><strong>Copy it now: it will not be shown again.</strong> If it is lost, rotate the secret and give the application the new one.</p>
    <div class="copy-field">
      <label class="visually-hidden" for="client-secret">Client secret</label>
      <input id="client-secret" type="text" readonly value="" spellcheck="false" autocomplete="off">
      <button type="button" class="secondary" data-copy="client-secret" aria-label="Copy client secret">Copy</button>
    </div>
  </div>
</section>
<section class="panel" aria-labelledby="form-heading">
  <h2 id="form-heading" tabindex="-1">Register an application</h2>
  <form id="application-form" novalidate aria-describedby="form-status">
    <div class="field">
      <label for="app-name">Name</label>
      <input id="app-name" name="name" type="text" maxlength="100" autocomplete="off">
    </div>
    <div class="field">
      <label for="app-redirect-uris">Redirect URIs</label>
      <textarea id="app-redirect-uris" name="redirectUris" rows="3" cols="60" spellcheck="false" aria-describedby="redirect-hint"></textarea>
      <p id="redirect-hint" class="hint">One per line. https, or http only for localhost or 127.0.0.1.</p>
    </div>
    <div class="field">
      <label for="app-post-logout-uris">Post-logout redirect URIs</label>
      <textarea id="app-post-logout-uris" name="postLogoutRedirectUris" rows="2" cols="60" spellcheck="false" aria-describedby="post-logout-hint"></textarea>
      <p id="post-logout-hint" class="hint">One per line; optional. Where the application may send users after they sign out.</p>
    </div>
    <div class="field">
      <label for="app-initiate-login-uri">Initiate login URI</label>
      <input id="app-initiate-login-uri" name="initiateLoginUri" type="text" inputmode="url" spellcheck="false" autocomplete="off" aria-describedby="initiate-hint">
      <p id="initiate-hint" class="hint">Optional. Where a welcome or password-reset journey hands a signed-in user over to the application.</p>
    </div>
    <fieldset>
      <legend>Client type</legend>
      <label class="choice"><input type="radio" name="clientType" value="confidential" checked> Confidential (a server-side application that keeps a client secret)</label>
      <label class="choice"><input type="radio" name="clientType" value="public"> Public (a single-page or native application, no secret)</label>
    </fieldset>
    <div class="field">
      <label class="choice"><input id="app-default" name="isDefault" type="checkbox" aria-describedby="default-hint"> Default application</label>
      <p id="default-hint" class="hint">Where welcome and password-reset journeys end. Only one application is the default.</p>
    </div>
    <p id="form-status" class="status" role="status"></p>
    <div class="row">
      <button type="submit" id="form-submit">Register application</button>
      <button type="button" id="form-cancel" class="secondary" hidden>Cancel editing</button>
    </div>
  </form>
</section>
${singleSignOnSection}`;
  return renderAdminPage(view, { title: 'Applications', main, script: 'applications.js' });
}
