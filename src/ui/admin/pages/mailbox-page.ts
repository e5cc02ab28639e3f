import { markup } from '../../../mail/templates/escape-html';
import { renderAdminPage, type AdminPageView } from '../layout';

/**
 * The development mailbox: what the `outbox` transport captured, so a newcomer can follow a
 * welcome link without a mail server. The email's HTML is shown in a sandboxed iframe (no
 * scripts); its links are also listed as ordinary anchors.
 */
export function renderMailboxPage(view: AdminPageView): string {
  const main = markup`
<div class="page-header">
  <div>
    <h1>Mailbox</h1>
    <p class="lead">Emails captured by the development <code>outbox</code> transport for this tenant. Nothing shown here has left the server.</p>
  </div>
  <button type="button" id="mailbox-refresh" class="secondary">Refresh</button>
</div>
<p id="mailbox-status" class="status" role="status"></p>
<div class="mailbox">
  <section class="panel" aria-labelledby="messages-heading">
    <h2 id="messages-heading">Messages</h2>
    <ul id="messages" class="messages"></ul>
  </section>
  <section class="panel" aria-labelledby="preview-heading">
    <h2 id="preview-heading" tabindex="-1">Preview</h2>
    <div id="preview-body"><p class="hint">Select a message to read it.</p></div>
  </section>
</div>`;
  return renderAdminPage(view, { title: 'Mailbox', main, script: 'mailbox.js' });
}
