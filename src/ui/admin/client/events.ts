import { api, byId, el, initCopyButtons, reasonOf, say, timeElement } from './common.js';

interface Endpoint {
  id: string;
  url: string;
  types: string[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  lastError: string | null;
  failingSince: string | null;
}
interface Delivery {
  id: string;
  eventType: string;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error: string | null;
  at: string;
}
interface Reader {
  id: string;
  label: string;
  hint: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface EventView {
  id: string;
  type: string;
  timestamp: string;
  resourceId: string;
  changedAttributes?: string[];
}

const endpointsStatus = byId('endpoints-status');
const readersStatus = byId('readers-status');

function button(
  label: string,
  onClick: () => Promise<void>,
  kind = 'secondary',
  name = label,
): HTMLButtonElement {
  const b = el('button', { type: 'button', class: kind, 'aria-label': name }, label);
  b.addEventListener('click', () => void onClick());
  return b;
}

function endpointState(e: Endpoint): HTMLElement {
  if (e.status === 'disabled') {
    return el(
      'span',
      {},
      el('span', { class: 'badge warn' }, 'Disabled'),
      ' ',
      e.disabledReason ?? '',
    );
  }
  if (e.failingSince)
    return el('span', {}, el('span', { class: 'badge warn' }, 'Retrying'), ' ', e.lastError ?? '');
  return el('span', { class: 'badge ok' }, 'Enabled');
}

async function showDeliveries(endpoint: Endpoint): Promise<void> {
  const { deliveries } = await api<{ deliveries: Delivery[] }>(
    'GET',
    `/api/admin/webhooks/${endpoint.id}/deliveries`,
  );
  const body = byId('deliveries-body');
  body.replaceChildren(
    ...deliveries.map((d) =>
      el(
        'tr',
        {},
        el('td', {}, timeElement(d.at)),
        el('td', {}, d.eventType),
        el('td', {}, d.ok ? `Delivered (${d.status})` : `Failed: ${d.error ?? d.status}`),
        el('td', {}, `${d.latencyMs} ms`),
        el('td', {}, el('code', {}, d.responseExcerpt.slice(0, 120))),
        el(
          'td',
          {},
          button(
            'Redeliver',
            async () => {
              try {
                const again = await api<Delivery>(
                  'POST',
                  `/api/admin/webhooks/${endpoint.id}/deliveries/${d.id}/redeliver`,
                );
                say(
                  endpointsStatus,
                  again.ok ? 'Redelivered.' : `Redelivery failed: ${again.error ?? ''}`,
                  again.ok ? 'ok' : 'error',
                );
                await showDeliveries(endpoint);
              } catch (error) {
                say(endpointsStatus, reasonOf(error), 'error');
              }
            },
            'secondary',
            `Redeliver ${d.eventType} from ${d.at}`,
          ),
        ),
      ),
    ),
  );
  byId('deliveries').hidden = false;
  byId('deliveries-heading').textContent = `Delivery log: ${endpoint.url}`;
  byId('deliveries-heading').focus();
}

function showSecret(secret: string): void {
  byId<HTMLInputElement>('endpoint-secret').value = secret;
  byId('secret-box').hidden = false;
}

async function act(run: () => Promise<string>): Promise<void> {
  try {
    say(endpointsStatus, await run(), 'ok');
    await loadEndpoints();
  } catch (error) {
    say(endpointsStatus, reasonOf(error), 'error');
  }
}

async function loadEndpoints(): Promise<void> {
  const { endpoints } = await api<{ endpoints: Endpoint[] }>('GET', '/api/admin/webhooks');
  const rows = endpoints.map((e) => {
    const path = `/api/admin/webhooks/${e.id}`;
    const actions = el(
      'td',
      {},
      button(
        'Send test event',
        () =>
          act(async () => {
            const d = await api<Delivery>('POST', `${path}/test`);
            return d.ok
              ? `Test event delivered in ${d.latencyMs} ms.`
              : `Test event failed: ${d.error ?? ''}`;
          }),
        'secondary',
        `Send test event to ${e.url}`,
      ),
      ' ',
      button('Delivery log', () => showDeliveries(e), 'secondary', `Delivery log of ${e.url}`),
      ' ',
      button(
        'Rotate secret',
        () =>
          act(async () => {
            const r = await api<{ secret: string }>('POST', `${path}/rotate-secret`, {
              overlapMinutes: 1440,
            });
            showSecret(r.secret);
            return 'New secret created; the old one keeps signing for 24 hours.';
          }),
        'secondary',
        `Rotate secret of ${e.url}`,
      ),
      ' ',
      e.status === 'disabled'
        ? button(
            'Enable',
            () => act(async () => (await api('PATCH', path, { enabled: true }), 'Enabled.')),
            'secondary',
            `Enable ${e.url}`,
          )
        : button(
            'Disable',
            () => act(async () => (await api('PATCH', path, { enabled: false }), 'Disabled.')),
            'secondary',
            `Disable ${e.url}`,
          ),
      ' ',
      button(
        'Delete',
        () => act(async () => (await api('DELETE', path), 'Endpoint deleted.')),
        'danger',
        `Delete ${e.url}`,
      ),
    );
    return el(
      'tr',
      {},
      el('td', {}, e.url),
      el('td', {}, e.types.join(', ') || 'all'),
      el('td', {}, endpointState(e)),
      actions,
    );
  });
  byId('endpoints-body').replaceChildren(...rows);
}

async function loadReaders(): Promise<void> {
  const { readers } = await api<{ readers: Reader[] }>('GET', '/api/admin/event-readers');
  byId('readers-list').replaceChildren(
    ...readers.map((r) =>
      el(
        'li',
        {},
        `${r.label} (${r.hint}…) `,
        r.revokedAt
          ? el('span', { class: 'badge neutral' }, 'Revoked')
          : button(
              'Revoke',
              async () => {
                try {
                  await api('DELETE', `/api/admin/event-readers/${r.id}`);
                  say(readersStatus, `“${r.label}” revoked.`, 'ok');
                  await loadReaders();
                } catch (error) {
                  say(readersStatus, reasonOf(error), 'error');
                }
              },
              'secondary',
              `Revoke ${r.label}`,
            ),
      ),
    ),
  );
}

function initForms(): void {
  byId<HTMLFormElement>('endpoint-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const url = byId<HTMLInputElement>('endpoint-url').value.trim();
    const types = [...form.querySelectorAll<HTMLInputElement>('input[name="types"]:checked')].map(
      (i) => i.value,
    );
    void act(async () => {
      const created = await api<{ secret: string }>('POST', '/api/admin/webhooks', { url, types });
      showSecret(created.secret);
      form.reset();
      return 'Endpoint added. Copy its signing secret now: it is not shown again.';
    });
  });
  byId<HTMLFormElement>('reader-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('reader-label');
    void (async () => {
      try {
        const created = await api<{ token: string }>('POST', '/api/admin/event-readers', {
          label: input.value.trim(),
        });
        byId<HTMLInputElement>('reader-token').value = created.token;
        byId('reader-box').hidden = false;
        input.value = '';
        say(readersStatus, 'Credential created. Copy it now: it is not shown again.', 'ok');
        await loadReaders();
      } catch (error) {
        say(readersStatus, reasonOf(error), 'error');
      }
    })();
  });
}

/** The live tail: the latest events, then every few seconds the events after the cursor. */
async function tail(): Promise<void> {
  const list = byId('tail');
  let cursor: string | undefined;
  const append = (events: EventView[]) => {
    for (const e of events) {
      const changed = e.changedAttributes?.length ? ` (${e.changedAttributes.join(', ')})` : '';
      list.prepend(el('li', {}, timeElement(e.timestamp), ` ${e.type} ${e.resourceId}${changed}`));
    }
    while (list.children.length > 50) list.lastElementChild?.remove();
  };
  for (;;) {
    try {
      const query = cursor === undefined ? '' : `?after=${encodeURIComponent(cursor)}&limit=100`;
      const page = await api<{ data: EventView[]; cursor: string }>(
        'GET',
        `/api/admin/events${query}`,
      );
      append(page.data);
      cursor = page.cursor;
    } catch {
      // A failed poll is tried again on the next tick; a 401 already shows the banner.
    }
    await new Promise((resolve) => window.setTimeout(resolve, 3000));
  }
}

initCopyButtons(endpointsStatus);
initForms();
void loadEndpoints().catch((error: unknown) => say(endpointsStatus, reasonOf(error), 'error'));
void loadReaders().catch((error: unknown) => say(readersStatus, reasonOf(error), 'error'));
void tail();
