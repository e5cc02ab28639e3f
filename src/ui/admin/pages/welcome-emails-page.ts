import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';

const LANGUAGE_NAMES: ReadonlyArray<[string, string]> = [
  ['en', 'English'],
  ['nb', 'Norsk bokmål'],
  ['sv', 'Svenska'],
  ['da', 'Dansk'],
  ['de', 'Deutsch'],
  ['nl', 'Nederlands'],
];

/**
 * Welcome emails (issue 12): "Remind users who have not signed in", and the tenant's own
 * words for the welcome email per language with a live preview of both parts, a test email
 * to oneself and "Reset to default". `welcome-emails.js` fills it from the JSON API.
 */
export function renderWelcomeEmailsPage(view: AdminPageView): string {
  const languages = LANGUAGE_NAMES.map(
    ([code, name]) => markup`<option value="${code}">${name}</option>`,
  );
  const main = markup`
<div class="page-header">
  <div>
    <h1>Welcome emails</h1>
    <p class="lead">What new users receive, and a reminder for those who have not signed in yet.</p>
  </div>
</div>
<section class="panel" aria-labelledby="reminder-heading">
  <h2 id="reminder-heading">Reminders</h2>
  <form id="reminder-form" class="row">
    <div class="field">
      <label class="choice"><input type="checkbox" id="reminder-on" disabled> Remind users who have not signed in</label>
    </div>
    <div class="field">
      <label for="reminder-days">Days after the welcome email</label>
      <input id="reminder-days" type="number" min="1" step="1" required disabled aria-describedby="reminder-hint">
    </div>
    <div class="field"><button type="submit" id="reminder-save" disabled>Save</button></div>
  </form>
  <p id="reminder-hint" class="hint">One reminder per welcome email, with the same link, while the link still works. It must be shorter than the link's lifetime.</p>
  <p id="reminder-status" class="status" role="status"></p>
</section>
<section class="panel" aria-labelledby="texts-heading">
  <h2 id="texts-heading">Your words in the welcome email</h2>
  <p class="hint" id="placeholder-hint">Placeholders: <code>{firstName}</code>, <code>{displayName}</code>, <code>{tenantName}</code>, <code>{linkExpiry}</code>, <code>{applicationName}</code> (the application the email leads to). Leave a field empty to keep the built-in text.</p>
  <div class="grid">
    <form id="texts-form">
      <div class="field">
        <label for="texts-language">Language</label>
        <select id="texts-language">${languages}</select>
      </div>
      <div class="field"><label for="text-subject">Subject</label><input id="text-subject" name="subject" disabled type="text" maxlength="200" aria-describedby="placeholder-hint"></div>
      <div class="field"><label for="text-heading">Heading</label><input id="text-heading" name="heading" disabled type="text" maxlength="200" aria-describedby="placeholder-hint"></div>
      <div class="field"><label for="text-intro">Introduction</label><textarea id="text-intro" name="intro" disabled rows="5" maxlength="2000" aria-describedby="placeholder-hint"></textarea></div>
      <div class="field"><label for="text-closing">Closing</label><textarea id="text-closing" name="closing" disabled rows="3" maxlength="1000" aria-describedby="placeholder-hint"></textarea></div>
      <div class="field"><label for="text-senderName">Sender display name</label><input id="text-senderName" name="senderName" disabled type="text" maxlength="100" aria-describedby="placeholder-hint"></div>
      <div class="row">
        <button type="submit" id="texts-save" disabled>Save</button>
        <button type="button" id="texts-test" disabled class="secondary">Send a test email to me</button>
        <button type="button" id="texts-reset" disabled class="secondary">Reset to default</button>
      </div>
      <p id="texts-status" class="status" role="status"></p>
    </form>
    <div>
      <h3 id="preview-heading">Preview</h3>
      <div class="field">
        <label for="preview-email">Show</label>
        <select id="preview-email">
          <option value="welcome">Welcome email</option>
          <option value="reminder">Reminder (uses the same words)</option>
        </select>
      </div>
      <dl class="facts"><dt>From</dt><dd id="preview-from"></dd><dt>Subject</dt><dd id="preview-subject"></dd></dl>
      <div class="preview-pair">
        <iframe id="preview-html" class="preview" title="HTML part of the previewed email" sandbox="" referrerpolicy="no-referrer"></iframe>
        <pre id="preview-text" class="preview-text" tabindex="0" aria-label="Text part of the previewed email"></pre>
      </div>
    </div>
  </div>
</section>`;
  return renderAdminPage(view, { title: 'Welcome emails', main, script: 'welcome-emails.js' });
}
