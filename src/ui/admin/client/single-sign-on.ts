import type { SignInSettings } from './api-types.js';
import { api, ApiFailure, byId, el, reasonOf, say, timeElement } from './common.js';
import { confirmStep } from './confirm-step.js';
import { initSignInMode, showMode } from './sign-in-mode.js';

type Upstream = NonNullable<SignInSettings['upstream']>;

const status = byId('sso-status');
const formStatus = byId('sso-form-status');
const form = byId<HTMLFormElement>('sso-form');
const actions = byId('sso-actions');
const remove = byId<HTMLButtonElement>('sso-remove');
const fields = {
  issuer: byId<HTMLInputElement>('sso-issuer'),
  clientId: byId<HTMLInputElement>('sso-client-id'),
  clientSecret: byId<HTMLInputElement>('sso-client-secret'),
  claim: byId<HTMLSelectElement>('sso-claim'),
  attribute: byId<HTMLSelectElement>('sso-attribute'),
};
type FieldName = keyof typeof fields;
const LABELS: Record<FieldName, string> = {
  issuer: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  claim: 'Claim',
  attribute: 'SCIM attribute',
};
let current: Upstream | null = null;
let saving = false;

function fact(term: string, value: Node | string): Node[] {
  return [el('dt', {}, term), el('dd', {}, value)];
}

function showConnection(upstream: Upstream | null): void {
  current = upstream;
  const hint = byId('sso-secret-hint');
  fields.clientSecret.value = '';
  remove.hidden = !upstream;
  if (!upstream) {
    byId('sso-connection').replaceChildren(
      el('p', {}, 'Not connected: users sign in with a password until a connection is saved.'),
    );
    hint.textContent = 'Required. It is stored encrypted and never shown again.';
    return;
  }
  byId('sso-connection').replaceChildren(
    el(
      'dl',
      { class: 'facts' },
      ...fact('Issuer', upstream.issuer),
      ...fact('Client ID', el('code', {}, upstream.clientId)),
      ...fact('Client secret', `stored, starts with ${upstream.secretHint}`),
      ...fact('Matching', `claim ${upstream.claim} = SCIM ${upstream.attribute}`),
      ...fact('Saved', timeElement(upstream.updatedAt)),
    ),
  );
  fields.issuer.value = upstream.issuer;
  fields.clientId.value = upstream.clientId;
  fields.claim.value = upstream.claim;
  fields.attribute.value = upstream.attribute;
  hint.textContent = `Leave empty to keep the stored secret (starts with ${upstream.secretHint}).`;
}

function show(view: SignInSettings): void {
  byId<HTMLInputElement>('sso-redirect-uri').value = view.redirectUri;
  showConnection(view.upstream);
  showMode(view.mode);
}

async function load(): Promise<void> {
  show(await api<SignInSettings>('GET', '/api/admin/sign-in'));
}

const describedBy = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '');

/** An invalid field is described by the message too, so focusing it reads why. */
function markInvalid(control: HTMLElement): void {
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [...describedBy(control), formStatus.id].join(' '));
}

function clearInvalid(): void {
  for (const control of Object.values(fields)) {
    control.removeAttribute('aria-invalid');
    const rest = describedBy(control).filter((id) => id !== formStatus.id);
    if (rest.length > 0) control.setAttribute('aria-describedby', rest.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * The API's message with its fields named as the form labels them, for example
 * `clientId/clientSecret: … does not accept …` → `Client ID and Client secret: …`, those
 * fields marked invalid and the first one focused.
 */
function showError(error: unknown): void {
  const match = error instanceof ApiFailure ? /^([\w/]+): (.*)$/s.exec(error.message) : null;
  const named = (match?.[1]?.split('/') ?? []).filter((n): n is FieldName => n in LABELS);
  const text =
    match && named.length > 0
      ? `${named.map((n) => LABELS[n]).join(' and ')}: ${match[2]}`
      : reasonOf(error);
  say(formStatus, `Not saved: ${text}`, 'error');
  for (const name of named) markInvalid(fields[name]);
  if (named[0]) fields[named[0]].focus();
}

function body(): Record<string, string> {
  const out: Record<string, string> = {
    issuer: fields.issuer.value.trim(),
    clientId: fields.clientId.value.trim(),
    claim: fields.claim.value,
    attribute: fields.attribute.value,
  };
  // Empty keeps the stored secret: the API reads a missing clientSecret that way.
  if (fields.clientSecret.value !== '') out.clientSecret = fields.clientSecret.value;
  return out;
}

async function submit(): Promise<void> {
  if (saving) return;
  saving = true;
  clearInvalid();
  say(formStatus, 'Checking the connection at the identity provider…');
  try {
    showConnection(
      (await api<SignInSettings>('PUT', '/api/admin/sign-in/upstream', body())).upstream,
    );
    say(
      formStatus,
      'Connection saved: the identity provider accepted the client ID and secret.',
      'ok',
    );
  } catch (error) {
    showError(error);
  } finally {
    saving = false;
  }
}

function confirmRemove(): void {
  const buttons = [...actions.childNodes];
  const issuer = current?.issuer ?? 'the identity provider';
  confirmStep(
    actions,
    remove,
    `Remove the connection to ${issuer}? Its client secret is deleted; saving it again needs the secret.`,
    'Remove connection',
    async () => {
      try {
        await api('DELETE', '/api/admin/sign-in/upstream');
        await load();
        actions.replaceChildren(...buttons);
        form.reset();
        clearInvalid();
        say(formStatus, `The connection to ${issuer} is removed.`, 'ok');
        byId('sso-connection-heading').focus();
      } catch (error) {
        actions.replaceChildren(...buttons);
        say(formStatus, `Not removed: ${reasonOf(error)}`, 'error');
        remove.focus();
      }
    },
  );
}

/** The "Single sign-on" section of the Applications page. */
export function initSingleSignOn(): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  remove.addEventListener('click', confirmRemove);
  initSignInMode();
  void load().catch((error: unknown) =>
    say(status, `Could not load single sign-on: ${reasonOf(error)}`, 'error'),
  );
}
