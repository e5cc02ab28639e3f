import { api, byId, el, formatTime, reasonOf, say } from './common.js';
import type { Outbox, OutboxMessage } from './api-types.js';

const list = byId('messages');
const preview = byId('preview-body');
const status = byId('mailbox-status');
let messages: OutboxMessage[] = [];
let selectedId: string | null = null;

/** Links of the plain-text part, shown as ordinary anchors that open in this window. */
function linksOf(text: string): string[] {
  const found = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  return [...new Set(found.map((link) => link.replace(/[.,;:!?]+$/, '')))];
}

function show(message: OutboxMessage): void {
  selectedId = message.id;
  list
    .querySelectorAll('button')
    .forEach((b) => b.setAttribute('aria-current', String(b.dataset.messageId === message.id)));
  const links = linksOf(message.text ?? '');
  // No allow-scripts and no allow-same-origin: the email's markup runs nothing and reaches
  // nothing. Its links still work as in a mail client: a click opens a new, ordinary tab.
  const frame = el('iframe', {
    class: 'preview',
    title: `Email: ${message.subject}`,
    sandbox: 'allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox',
    referrerpolicy: 'no-referrer',
  });
  frame.srcdoc = message.html ?? '';
  preview.replaceChildren(
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'To'),
      el('dd', {}, message.to),
      el('dt', {}, 'Subject'),
      el('dd', {}, message.subject),
      el('dt', {}, 'Received'),
      el('dd', {}, formatTime(message.createdAt)),
    ),
    el('h3', { id: 'links-heading' }, 'Links in this email'),
    links.length
      ? el(
          'ul',
          { class: 'links', 'aria-labelledby': 'links-heading' },
          ...links.map((href) => el('li', {}, el('a', { href }, href))),
        )
      : el('p', { class: 'hint' }, 'This email has no links.'),
    el('h3', {}, 'As the recipient sees it'),
    frame,
  );
}

function renderList(): void {
  list.replaceChildren(
    ...messages.map((message) => {
      const button = el(
        'button',
        {
          type: 'button',
          'data-message-id': message.id,
          'aria-current': String(message.id === selectedId),
        },
        el('span', { class: 'subject' }, message.subject),
        el('span', { class: 'meta' }, `To ${message.to} · ${formatTime(message.createdAt)}`),
      );
      button.addEventListener('click', () => {
        show(message);
        byId('preview-heading').focus();
      });
      return el('li', {}, button);
    }),
  );
}

async function refresh(announce: boolean): Promise<void> {
  try {
    const outbox = await api<Outbox>('GET', '/api/admin/outbox');
    const changed = outbox.messages.map((m) => m.id).join() !== messages.map((m) => m.id).join();
    messages = outbox.messages;
    if (changed) renderList();
    if (outbox.transport !== 'outbox') {
      say(
        status,
        `Emails are sent with the ${outbox.transport} transport, so they do not appear here. Set EMAIL_TRANSPORT=outbox to use this mailbox.`,
      );
    } else if (announce || changed) {
      say(
        status,
        messages.length
          ? `${messages.length} message${messages.length === 1 ? '' : 's'}.`
          : 'No messages yet. Emails appear here as soon as the outbox sends them.',
      );
    }
    const first = messages[0];
    if (!selectedId && first) show(first);
  } catch (error) {
    say(status, `Could not load the mailbox: ${reasonOf(error)}`, 'error');
    throw error;
  }
}

byId('mailbox-refresh').addEventListener('click', () => void refresh(true).catch(() => undefined));
void refresh(true)
  .then(() => {
    // New mail shows up by itself while the page is open.
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible')
        refresh(false).catch(() => window.clearInterval(timer));
    }, 3000);
  })
  .catch(() => undefined);
