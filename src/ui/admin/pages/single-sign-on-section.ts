import { markup } from '../../../mail/templates/escape-html';

const CLAIMS = [
  ['oid', 'oid (Entra ID object ID)'],
  ['sub', 'sub'],
  ['email', 'email'],
  ['preferred_username', 'preferred_username'],
] as const;

const MODES = [
  ['password', 'Password', 'Users sign in with the password they set from the welcome email.'],
  [
    'sso',
    'Company account only',
    'The tenant’s SCIM users have no password here: they sign in at your identity provider, and the welcome email says “sign in with your company account”.',
  ],
  ['both', 'Both', 'The sign-in page offers the company account first and the password below it.'],
] as const;

/**
 * Identity Manager → Applications → Single sign-on: the redirect URI to register at the
 * tenant's identity provider, the connection form and the sign-in mode. `single-sign-on.js`
 * fills it from `GET /api/admin/sign-in`; the client secret is never put on the page.
 */
export const singleSignOnSection = markup`
<section class="panel" aria-labelledby="sso-heading">
  <h2 id="sso-heading">Single sign-on</h2>
  <p class="lead">Let the tenant’s users sign in with their company account at your own OpenID Connect identity provider, such as Entra ID or Okta.</p>
  <div class="field">
    <label for="sso-redirect-uri">Redirect URI</label>
    <div class="copy-field">
      <input id="sso-redirect-uri" type="text" readonly value="" aria-describedby="sso-redirect-hint">
      <button type="button" class="secondary" data-copy="sso-redirect-uri" data-copy-status="sso-status" aria-label="Copy redirect URI">Copy</button>
    </div>
    <p id="sso-redirect-hint" class="hint">Register it at the identity provider: in Entra ID as a Web redirect URI of the app registration, in Okta as the sign-in redirect URI of the web application.</p>
  </div>
  <p id="sso-status" class="status" role="status"></p>
  <h3 id="sso-connection-heading" tabindex="-1">Identity provider</h3>
  <div id="sso-connection"></div>
  <form id="sso-form" novalidate aria-labelledby="sso-connection-heading">
    <div class="field">
      <label for="sso-issuer">Issuer URL</label>
      <input id="sso-issuer" name="issuer" type="text" inputmode="url" spellcheck="false" autocomplete="off" maxlength="500" aria-describedby="sso-issuer-hint">
      <p id="sso-issuer-hint" class="hint">For example https://login.microsoftonline.com/{directory-id}/v2.0 or https://{your-okta-domain}.</p>
    </div>
    <div class="field">
      <label for="sso-client-id">Client ID</label>
      <input id="sso-client-id" name="clientId" type="text" spellcheck="false" autocomplete="off" maxlength="500">
    </div>
    <div class="field">
      <label for="sso-client-secret">Client secret</label>
      <input id="sso-client-secret" name="clientSecret" type="password" spellcheck="false" autocomplete="new-password" maxlength="2000" aria-describedby="sso-secret-hint">
      <p id="sso-secret-hint" class="hint">Required. It is stored encrypted and never shown again.</p>
    </div>
    <div class="row wide">
      <div class="field">
        <label for="sso-claim">Claim that identifies the user</label>
        <select id="sso-claim" name="claim">${CLAIMS.map(([value, label]) => markup`<option value="${value}">${label}</option>`)}</select>
      </div>
      <div class="field">
        <label for="sso-attribute">SCIM attribute it matches</label>
        <select id="sso-attribute" name="attribute"><option value="externalId">externalId</option><option value="userName">userName</option></select>
      </div>
    </div>
    <p id="sso-form-status" class="status" role="status"></p>
    <div id="sso-actions" class="row">
      <button type="submit" id="sso-save">Save connection</button>
      <button type="button" id="sso-remove" class="danger" hidden>Remove connection</button>
    </div>
  </form>
  <h3 id="sso-mode-heading">Sign-in mode</h3>
  <form id="sso-mode-form" novalidate aria-labelledby="sso-mode-heading">
    <fieldset>
      <legend>The tenant’s SCIM users sign in with</legend>
      ${MODES.map(
        ([value, label, hint]) => markup`<div class="field">
        <label class="choice"><input type="radio" name="mode" value="${value}" aria-describedby="sso-mode-${value}-hint"> ${label}</label>
        <p id="sso-mode-${value}-hint" class="hint">${hint}</p>
      </div>`,
      )}
    </fieldset>
    <p id="sso-mode-status" class="status" role="status"></p>
    <button type="submit" id="sso-mode-save">Save sign-in mode</button>
  </form>
</section>`;
