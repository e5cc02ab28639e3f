import { markup } from '../../../mail/templates/escape-html';
import { EVENT_TYPES } from '../../../events/event-types';
import { renderAdminPage, type AdminPageView } from '../layout';

/**
 * Identity Manager → Events and webhooks: webhook endpoints (secret shown once, test, rotate,
 * delivery log, enable), event-reader credentials for the Events API, and a live tail.
 */
export function renderEventsPage(view: AdminPageView): string {
  const typeOptions = EVENT_TYPES.map(
    (type) =>
      markup`<label class="choice"><input type="checkbox" name="types" value="${type}"> ${type}</label>`,
  );
  const main = markup`
<div class="page-header">
  <div>
    <h1>Events and webhooks</h1>
    <p class="lead">What identity providers change here, told to your application: pull the Events API with a cursor, or receive signed webhooks.</p>
  </div>
</div>
<section aria-labelledby="endpoints-heading" class="panel">
  <h2 id="endpoints-heading">Webhook endpoints</h2>
  <p id="endpoints-status" class="status" role="status"></p>
  <div class="table-wrap"><table>
    <caption class="visually-hidden">Webhook endpoints</caption>
    <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
    <tbody id="endpoints-body"></tbody>
  </table></div>
  <div id="secret-box" hidden>
    <label for="endpoint-secret">Signing secret (shown once: copy it now)</label>
    <input id="endpoint-secret" readonly>
    <button type="button" data-copy="endpoint-secret" class="secondary">Copy</button>
  </div>
  <form id="endpoint-form">
    <h3>Add an endpoint</h3>
    <label for="endpoint-url">URL</label>
    <input id="endpoint-url" name="url" type="url" required placeholder="https://app.example.com/webhooks/scim">
    <fieldset>
      <legend>Event types (none checked: all)</legend>
      ${typeOptions}
    </fieldset>
    <button type="submit">Add endpoint</button>
  </form>
  <div id="deliveries" hidden>
    <h3 id="deliveries-heading" tabindex="-1">Delivery log</h3>
    <div class="table-wrap"><table>
      <caption class="visually-hidden">Recent deliveries</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Result</th><th scope="col">Latency</th><th scope="col">Response</th><th scope="col">Actions</th></tr></thead>
      <tbody id="deliveries-body"></tbody>
    </table></div>
  </div>
</section>
<section aria-labelledby="readers-heading" class="panel">
  <h2 id="readers-heading">Event-reader credentials</h2>
  <p class="hint">For <code>GET /api/events?after=&lt;cursor&gt;</code>. They read events only; SCIM tokens cannot.</p>
  <p id="readers-status" class="status" role="status"></p>
  <div id="reader-box" hidden>
    <label for="reader-token">Credential (shown once: copy it now)</label>
    <input id="reader-token" readonly>
    <button type="button" data-copy="reader-token" class="secondary">Copy</button>
  </div>
  <ul id="readers-list"></ul>
  <form id="reader-form">
    <label for="reader-label">Label</label>
    <input id="reader-label" name="label" required maxlength="100" placeholder="Host application">
    <button type="submit">Create credential</button>
  </form>
</section>
<section aria-labelledby="tail-heading" class="panel">
  <h2 id="tail-heading">Recent events</h2>
  <p class="hint">Updated every few seconds.</p>
  <div role="log" aria-labelledby="tail-heading"><ol id="tail"></ol></div>
</section>`;
  return renderAdminPage(view, { title: 'Events and webhooks', main, script: 'events.js' });
}
