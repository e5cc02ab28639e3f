import { api, ApiFailure, byId, reasonOf, say } from './common.js';

/** An application as `GET /api/admin/applications` shows it (never its secret). */
export interface ApplicationView {
  id: string;
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  initiateLoginUri: string | null;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  clientType: 'confidential' | 'public';
  secretHint: string | null;
  scopes: string[];
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The answer to a registration or a rotation: the secret is in it, and never again. */
export interface WithSecret extends ApplicationView {
  clientSecret: string | null;
}

export interface ApplicationFormEvents {
  registered(app: WithSecret): Promise<void>;
  saved(app: ApplicationView): Promise<void>;
}

const form = byId<HTMLFormElement>('application-form');
const status = byId('form-status');
const heading = byId('form-heading');
const submit = byId<HTMLButtonElement>('form-submit');
const cancel = byId<HTMLButtonElement>('form-cancel');
const fields = {
  name: byId<HTMLInputElement>('app-name'),
  redirectUris: byId<HTMLTextAreaElement>('app-redirect-uris'),
  postLogoutRedirectUris: byId<HTMLTextAreaElement>('app-post-logout-uris'),
  initiateLoginUri: byId<HTMLInputElement>('app-initiate-login-uri'),
  isDefault: byId<HTMLInputElement>('app-default'),
};
type FieldName = keyof typeof fields | 'tokenEndpointAuthMethod';
const LABELS: Record<FieldName, string> = {
  name: 'Name',
  redirectUris: 'Redirect URIs',
  postLogoutRedirectUris: 'Post-logout redirect URIs',
  initiateLoginUri: 'Initiate login URI',
  tokenEndpointAuthMethod: 'Client type',
  isDefault: 'Default application',
};

let editing: ApplicationView | null = null;

/** The non-empty lines of a text area, each with its line number (for error messages). */
function linesOf(area: HTMLTextAreaElement): Array<{ value: string; line: number }> {
  return area.value
    .split('\n')
    .map((value, index) => ({ value: value.trim(), line: index + 1 }))
    .filter((entry) => entry.value !== '');
}

function clientType(): 'confidential' | 'public' {
  const checked = form.querySelector<HTMLInputElement>('input[name="clientType"]:checked');
  return checked?.value === 'public' ? 'public' : 'confidential';
}

function setClientType(type: 'confidential' | 'public'): void {
  form.querySelectorAll<HTMLInputElement>('input[name="clientType"]').forEach((radio) => {
    radio.checked = radio.value === type;
  });
}

function body(): Record<string, unknown> {
  const type = clientType();
  const out: Record<string, unknown> = {
    name: fields.name.value.trim(),
    redirectUris: linesOf(fields.redirectUris).map((l) => l.value),
    postLogoutRedirectUris: linesOf(fields.postLogoutRedirectUris).map((l) => l.value),
    initiateLoginUri: fields.initiateLoginUri.value.trim() || null,
    isDefault: fields.isDefault.checked,
  };
  // A confidential application keeps its way of presenting the secret unless the type changes.
  if (!editing) out.tokenEndpointAuthMethod = type === 'public' ? 'none' : 'client_secret_basic';
  else if (type !== editing.clientType) {
    out.tokenEndpointAuthMethod = type === 'public' ? 'none' : 'client_secret_basic';
  }
  return out;
}

/**
 * The API's message with its field named as the form labels it, for example
 * `redirectUris[1]: "x" is not an absolute URL` → `Redirect URIs, line 3: "x" is not …`.
 */
function explain(message: string): { text: string; field: FieldName | null } {
  const match = /^(\w+)(?:\[(\d+)\])?: (.*)$/s.exec(message);
  const field = match && match[1]! in LABELS ? (match[1] as FieldName) : null;
  if (!match || !field) return { text: message, field: null };
  let where = LABELS[field];
  if (match[2] !== undefined && (field === 'redirectUris' || field === 'postLogoutRedirectUris')) {
    const line = linesOf(fields[field])[Number(match[2])]?.line;
    if (line !== undefined) where += `, line ${line}`;
  }
  return { text: `${where}: ${match[3]}`, field };
}

function clearInvalid(): void {
  for (const control of Object.values(fields)) control.removeAttribute('aria-invalid');
}

function showError(error: unknown, doing: string): void {
  const { text, field } =
    error instanceof ApiFailure ? explain(error.message) : { text: reasonOf(error), field: null };
  say(status, `${doing}: ${text}`, 'error');
  if (field && field !== 'tokenEndpointAuthMethod') {
    fields[field].setAttribute('aria-invalid', 'true');
    fields[field].focus();
  }
}

/** Back to "Register an application", empty. */
export function resetForm(): void {
  editing = null;
  form.reset();
  clearInvalid();
  heading.textContent = 'Register an application';
  submit.textContent = 'Register application';
  cancel.hidden = true;
}

/** An application is gone: stop editing it (an edit of another one stays). */
export function forgetApplication(id: string): void {
  if (editing?.id === id) resetForm();
}

/** Fills the form with an application to change it. */
export function editApplication(app: ApplicationView): void {
  editing = app;
  clearInvalid();
  say(status, '');
  fields.name.value = app.name;
  fields.redirectUris.value = app.redirectUris.join('\n');
  fields.postLogoutRedirectUris.value = app.postLogoutRedirectUris.join('\n');
  fields.initiateLoginUri.value = app.initiateLoginUri ?? '';
  fields.isDefault.checked = app.isDefault;
  setClientType(app.clientType);
  heading.textContent = `Edit ${app.name}`;
  submit.textContent = 'Save changes';
  cancel.hidden = false;
  fields.name.focus();
}

/** The registration form, which also edits the application chosen with "Edit". */
export function initApplicationForm(events: ApplicationFormEvents): void {
  cancel.addEventListener('click', () => {
    const was = editing;
    resetForm();
    say(status, was ? `Changes to ${was.name} discarded.` : '');
    heading.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearInvalid();
    const target = editing;
    void (async () => {
      try {
        if (target) {
          const path = `/api/admin/applications/${encodeURIComponent(target.id)}`;
          const saved = await api<ApplicationView>('PATCH', path, body());
          resetForm();
          say(status, '');
          await events.saved(saved);
        } else {
          const created = await api<WithSecret>('POST', '/api/admin/applications', body());
          resetForm();
          say(status, '');
          await events.registered(created);
        }
      } catch (error) {
        showError(error, target ? `${target.name} was not saved` : 'Not registered');
      }
    })();
  });
}
