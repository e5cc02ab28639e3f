import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';

/**
 * The Admin client's Preferences (seed: "Go to the Preferences page and select the Global
 * preferences tab … System settings group … Send login emails to new users … Save").
 */
export function renderPreferencesPage(view: AdminPageView): string {
  const main = markup`
<div class="page-header">
  <div>
    <h1>Preferences</h1>
    <p class="lead">Settings of the Admin client for this tenant.</p>
  </div>
</div>
<div role="tablist" aria-label="Preferences">
  <button type="button" role="tab" id="tab-global" aria-selected="true" aria-controls="panel-global" tabindex="0">Global preferences</button>
  <button type="button" role="tab" id="tab-about" aria-selected="false" aria-controls="panel-about" tabindex="-1">About login emails</button>
</div>
<div role="tabpanel" id="panel-global" aria-labelledby="tab-global" tabindex="0" class="panel">
  <form id="preferences-form">
    <h2 id="system-heading">System</h2>
    <fieldset role="radiogroup" aria-describedby="login-emails-hint">
      <legend>Send login emails to new users</legend>
      <p id="login-emails-hint" class="hint">Users you add in the Admin client get a welcome email with their user name and a one-time sign-in link. Choose No if you plan to tell them yourself.</p>
      <label class="choice"><input type="radio" name="sendLoginEmailsToNewUsers" value="yes" disabled> Yes</label>
      <label class="choice"><input type="radio" name="sendLoginEmailsToNewUsers" value="no" disabled> No</label>
    </fieldset>
    <button type="submit" id="preferences-save" disabled>Save</button>
    <p id="preferences-status" class="status" role="status"></p>
  </form>
</div>
<div role="tabpanel" id="panel-about" aria-labelledby="tab-about" tabindex="0" class="panel" hidden>
  <h2>About login emails</h2>
  <p>Enable automatic welcome emails if you don't plan to handle it yourself.</p>
  <ul>
    <li>This preference applies to users added in the Admin client. Users provisioned over SCIM follow the <a href="/identity-manager">Identity Manager</a>'s <strong>Send Welcome Email</strong> switch.</li>
    <li>The setting decides when a user is created; changing it later sends nothing to existing users.</li>
    <li>The sign-in link can only be used once. Until the user's first sign-in you can send a new welcome email from the <a href="/admin/users">Users</a> page; after it, send a password reset instead.</li>
  </ul>
</div>`;
  return renderAdminPage(view, { title: 'Preferences', main, script: 'preferences.js' });
}
