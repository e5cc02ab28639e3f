import {
  editApplication,
  forgetApplication,
  initApplicationForm,
  type ApplicationView,
  type WithSecret,
} from './application-form.js';
import { api, byId, el, initCopyButtons, reasonOf, say } from './common.js';
import { confirmStep } from './confirm-step.js';
import { initSingleSignOn } from './single-sign-on.js';

interface ApplicationList {
  issuer: string;
  applications: ApplicationView[];
}

const status = byId('applications-status');
const listHeading = byId('applications-heading');
const secretBox = byId('secret-box');
let secretOf: string | null = null;

const pathOf = (app: ApplicationView) => `/api/admin/applications/${encodeURIComponent(app.id)}`;

/** The secret of a registration or rotation, once; a reload does not bring it back. */
function showSecret(app: ApplicationView, secret: string): void {
  secretOf = app.id;
  byId<HTMLInputElement>('client-secret').value = secret;
  byId('secret-heading').textContent = `Client secret of ${app.name}`;
  secretBox.hidden = false;
  byId('secret-heading').focus();
}

function hideSecret(): void {
  secretOf = null;
  byId<HTMLInputElement>('client-secret').value = '';
  secretBox.hidden = true;
}

function actionButton(
  app: ApplicationView,
  action: string,
  label: string,
  name: string,
  onClick: (button: HTMLButtonElement) => void,
  kind = 'secondary',
): HTMLButtonElement {
  const button = el(
    'button',
    { type: 'button', class: kind, 'aria-label': name, 'data-action': action, 'data-app': app.id },
    label,
  );
  button.addEventListener('click', () => onClick(button));
  return button;
}

/** Reloads the list, then puts focus on `focus` (a selector, or an element still on the page). */
async function reload(focus?: string | HTMLElement): Promise<void> {
  await load();
  const target =
    typeof focus === 'string' ? document.querySelector<HTMLElement>(focus) : (focus ?? null);
  target?.focus();
}

const buttonOf = (app: ApplicationView, action: string) =>
  `button[data-action="${action}"][data-app="${CSS.escape(app.id)}"]`;

function actionsOf(app: ApplicationView): HTMLElement {
  const cell = el('td', {});
  const fail = (doing: string) => (error: unknown) =>
    say(status, `${doing}: ${reasonOf(error)}`, 'error');
  const edit = actionButton(app, 'edit', 'Edit', `Edit ${app.name}`, () => editApplication(app));
  const makeDefault = actionButton(
    app,
    'default',
    'Make default',
    `Make default: ${app.name}`,
    () =>
      void api('PATCH', pathOf(app), { isDefault: true })
        .then(async () => {
          await reload(buttonOf(app, 'edit'));
          say(status, `${app.name} is now the default application.`, 'ok');
        })
        .catch(fail(`${app.name} was not made the default`)),
  );
  const rotate = actionButton(
    app,
    'rotate',
    'Rotate secret',
    `Rotate secret of ${app.name}`,
    (origin) =>
      confirmStep(
        cell,
        origin,
        `Rotate the client secret of ${app.name}? The current secret stops working at once.`,
        'Rotate secret',
        () =>
          api<WithSecret>('POST', `${pathOf(app)}/secret`)
            .then(async (rotated) => {
              await load();
              say(status, `New secret for ${app.name}: copy it now, it is not shown again.`, 'ok');
              if (rotated.clientSecret) showSecret(rotated, rotated.clientSecret);
            })
            .catch(fail(`The secret of ${app.name} was not rotated`)),
      ),
  );
  const remove = actionButton(
    app,
    'delete',
    'Delete',
    `Delete ${app.name}`,
    (origin) =>
      confirmStep(
        cell,
        origin,
        `Delete ${app.name}? Its users can no longer sign in to it, and its client ID is gone for good.`,
        `Delete ${app.name}`,
        () =>
          api('DELETE', pathOf(app))
            .then(async () => {
              if (secretOf === app.id) hideSecret();
              forgetApplication(app.id);
              await reload(listHeading);
              say(status, `${app.name} deleted.`, 'ok');
            })
            .catch(fail(`${app.name} was not deleted`)),
      ),
    'danger',
  );
  cell.append(edit);
  if (!app.isDefault) cell.append(' ', makeDefault);
  if (app.clientType === 'confidential') cell.append(' ', rotate);
  cell.append(' ', remove);
  return cell;
}

function row(app: ApplicationView): HTMLTableRowElement {
  const uris = el('ul', { class: 'links' }, ...app.redirectUris.map((uri) => el('li', {}, uri)));
  const type = app.clientType === 'public' ? 'Public' : 'Confidential';
  const hint = app.secretHint ? el('span', { class: 'hint' }, ` (secret ${app.secretHint}…)`) : '';
  return el(
    'tr',
    {},
    el(
      'td',
      {},
      app.name,
      app.isDefault && ' ',
      app.isDefault && el('span', { class: 'badge ok' }, 'Default'),
    ),
    el('td', {}, el('code', {}, app.clientId)),
    el('td', {}, type, hint),
    el('td', {}, uris),
    actionsOf(app),
  );
}

async function load(): Promise<void> {
  const list = await api<ApplicationList>('GET', '/api/admin/applications');
  byId<HTMLInputElement>('issuer-url').value = list.issuer;
  byId<HTMLInputElement>('discovery-url').value = `${list.issuer}/.well-known/openid-configuration`;
  const body = byId('applications-body');
  body.replaceChildren(...list.applications.map(row));
  if (list.applications.length === 0) {
    body.append(
      el(
        'tr',
        {},
        el('td', { colspan: '5' }, 'No applications yet: register the first one below.'),
      ),
    );
  }
}

initCopyButtons(status);
initSingleSignOn();
initApplicationForm({
  async registered(app) {
    const secret = app.clientSecret
      ? ' Copy its client secret now: it is not shown again.'
      : ' It is public, so it has no secret.';
    await load();
    say(status, `${app.name} registered.${secret}`, 'ok');
    if (app.clientSecret) showSecret(app, app.clientSecret);
    else listHeading.focus();
  },
  async saved(app) {
    await reload(buttonOf(app, 'edit'));
    say(status, `Changes to ${app.name} saved.`, 'ok');
  },
});
void load().catch((error: unknown) =>
  say(status, `Could not load the applications: ${reasonOf(error)}`, 'error'),
);
