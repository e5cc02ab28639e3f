import { api, ApiFailure, byId, reasonOf, say } from './common.js';
import type { UserSummary } from './api-types.js';

interface Preferences {
  sendLoginEmailsToNewUsers: boolean;
}

const value = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();

/** The body in SCIM core User attribute names (RFC 7643 §4.1), leaving out what is empty. */
function bodyOf(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = { userName: value(form, 'userName') };
  const givenName = value(form, 'givenName');
  const familyName = value(form, 'familyName');
  if (givenName || familyName)
    body.name = { ...(givenName && { givenName }), ...(familyName && { familyName }) };
  const email = value(form, 'email');
  if (email) body.emails = [{ value: email, primary: true }];
  const language = value(form, 'preferredLanguage');
  if (language) body.preferredLanguage = language;
  return body;
}

async function describePreference(): Promise<void> {
  const hint = byId('add-user-preference');
  try {
    const prefs = await api<Preferences>('GET', '/api/admin/preferences');
    hint.textContent = `Send login emails to new users is ${prefs.sendLoginEmailsToNewUsers ? 'Yes' : 'No'} (change it under Preferences).`;
  } catch {
    hint.textContent = '';
  }
}

/** "Add a user": 201 shows what happens next; 409 marks the user name as taken. */
export function initAddUserForm(onAdded: () => Promise<void>): void {
  const form = byId<HTMLFormElement>('add-user-form');
  const status = byId('add-user-status');
  const userName = byId<HTMLInputElement>('new-userName');
  const fieldError = byId('new-userName-error');
  const markUserName = (message: string) => {
    fieldError.textContent = message;
    if (message) userName.setAttribute('aria-invalid', 'true');
    else userName.removeAttribute('aria-invalid');
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    markUserName('');
    if (!value(form, 'userName')) {
      markUserName('Enter a user name.');
      userName.focus();
      return;
    }
    say(status, 'Adding…');
    try {
      const user = await api<UserSummary>('POST', '/api/admin/users', bodyOf(form));
      const next =
        user.welcome.state === 'off'
          ? 'No login email was sent: Send login emails to new users is No.'
          : 'A login email is on its way.';
      say(status, `Added ${user.userName}. ${next}`, 'ok');
      form.reset();
      await onAdded();
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 409) {
        markUserName('A user with this user name exists.');
        say(status, 'Not added: a user with this user name exists.', 'error');
        userName.focus();
      } else {
        say(status, `Not added: ${reasonOf(error)}`, 'error');
      }
    }
  });
  void describePreference();
}
