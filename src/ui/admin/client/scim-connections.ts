import { api, byId, el, initCopyButtons, reasonOf, say, timeElement } from './common.js';
import type { ScimTokenList, ScimTokenView } from './api-types.js';

interface CreatedToken extends ScimTokenView {
  token: string;
}

/** The SCIM connections panel: base URL to paste into the IdP, tokens, create (shown once), revoke. */
export async function initScimConnections(): Promise<void> {
  const status = byId('tokens-status');
  const body = byId('tokens-body');
  const baseUrl = byId<HTMLInputElement>('scim-base-url');
  const form = byId<HTMLFormElement>('token-form');
  const labelInput = byId<HTMLInputElement>('token-label');
  initCopyButtons(status);

  function revokeControls(token: ScimTokenView): HTMLElement {
    const cell = el('span', {});
    const revoke = el(
      'button',
      { type: 'button', class: 'secondary', 'aria-label': `Revoke token ${token.label}` },
      'Revoke',
    );
    revoke.addEventListener('click', () => {
      const confirm = el(
        'button',
        { type: 'button', class: 'danger' },
        `Confirm: revoke ${token.label}`,
      );
      const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
      cancel.addEventListener('click', () => {
        cell.replaceChildren(revoke);
        revoke.focus();
      });
      confirm.addEventListener('click', async () => {
        try {
          await api<void>('DELETE', `/api/admin/scim-tokens/${encodeURIComponent(token.id)}`);
          say(
            status,
            `Token “${token.label}” revoked: connectors using it can no longer provision users.`,
            'ok',
          );
          await load();
        } catch (error) {
          say(status, `Could not revoke “${token.label}”: ${reasonOf(error)}`, 'error');
        }
      });
      cell.replaceChildren(confirm, ' ', cancel);
      confirm.focus();
    });
    cell.append(el('span', { class: 'badge ok' }, 'Active'), ' ', revoke);
    return cell;
  }

  function row(token: ScimTokenView): HTMLTableRowElement {
    const state = token.revokedAt
      ? el(
          'span',
          {},
          el('span', { class: 'badge neutral' }, 'Revoked'),
          ' ',
          timeElement(token.revokedAt),
        )
      : revokeControls(token);
    return el(
      'tr',
      {},
      el('td', {}, token.label),
      el('td', {}, el('code', {}, token.hint ? `${token.hint}…` : '—')),
      el('td', {}, timeElement(token.createdAt)),
      el('td', {}, token.lastUsedAt ? timeElement(token.lastUsedAt) : 'never'),
      el('td', {}, state),
    );
  }

  async function load(): Promise<void> {
    try {
      const list = await api<ScimTokenList>('GET', '/api/admin/scim-tokens');
      baseUrl.value = list.scimBaseUrl;
      body.replaceChildren(...list.tokens.map(row));
      if (list.tokens.length === 0)
        body.append(
          el(
            'tr',
            {},
            el('td', { colspan: '5' }, 'No tokens yet: create one for each identity provider.'),
          ),
        );
    } catch (error) {
      say(status, `Could not load the SCIM connections: ${reasonOf(error)}`, 'error');
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const label = labelInput.value.trim();
    if (!label) {
      say(status, 'Give the token a label, such as “Entra ID” or “Okta”.', 'error');
      labelInput.focus();
      return;
    }
    try {
      const created = await api<CreatedToken>('POST', '/api/admin/scim-tokens', { label });
      byId<HTMLInputElement>('new-token-value').value = created.token;
      byId('new-token').hidden = false;
      byId('new-token-heading').focus();
      labelInput.value = '';
      say(status, `Token “${created.label}” created. Copy it now: it is shown only once.`, 'ok');
      await load();
    } catch (error) {
      say(status, `Could not create the token: ${reasonOf(error)}`, 'error');
    }
  });

  await load();
}
