import { el } from './common.js';
import type { WelcomeSummary } from './api-types.js';

type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

const STATES: Readonly<Record<string, [string, Tone]>> = {
  off: ['Not sent', 'neutral'],
  queued: ['Queued', 'warn'],
  sending: ['Sending', 'warn'],
  sent: ['Sent', 'ok'],
  failed: ['Failed', 'bad'],
  'signed-in': ['Signed in', 'ok'],
};

const DELIVERY: Readonly<Record<string, string>> = {
  processed: 'accepted by the provider',
  deferred: 'delayed',
  delivered: 'delivered',
  open: 'opened',
  click: 'link clicked',
  bounce: 'bounced',
  dropped: 'dropped',
  spamreport: 'reported as spam',
};

const BAD_DELIVERY = new Set(['bounce', 'dropped', 'spamreport']);

export function stateLabel(state: string): string {
  return STATES[state]?.[0] ?? state;
}

/** The welcome state at a glance: a badge (text, not only colour) and the delivery status. */
export function welcomeBadge(welcome: WelcomeSummary): HTMLElement {
  const [label, tone] = STATES[welcome.state] ?? [welcome.state, 'neutral'];
  const badTone = welcome.delivery && BAD_DELIVERY.has(welcome.delivery) ? 'bad' : tone;
  const delivery = welcome.delivery ? (DELIVERY[welcome.delivery] ?? welcome.delivery) : null;
  return el(
    'span',
    { class: 'welcome-state', title: welcome.explanation },
    el('span', { class: `badge ${badTone}` }, label),
    delivery && el('span', { class: 'delivery' }, `Delivery: ${delivery}`),
  );
}
