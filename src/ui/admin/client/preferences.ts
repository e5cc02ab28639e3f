import { api, byId, reasonOf, say } from './common.js';
import { initTabs } from './tabs.js';

interface Preferences {
  sendLoginEmailsToNewUsers: boolean;
}

const saved = (on: boolean) =>
  `Saved: users you add in the Admin client will ${on ? '' : 'not '}get a login email`;

/** Preferences → Global preferences → System → "Send login emails to new users", Save. */
async function initPreferences(): Promise<void> {
  const form = byId<HTMLFormElement>('preferences-form');
  const save = byId<HTMLButtonElement>('preferences-save');
  const status = byId('preferences-status');
  const radios = Array.from(
    form.querySelectorAll<HTMLInputElement>('input[name="sendLoginEmailsToNewUsers"]'),
  );
  const show = (on: boolean) => radios.forEach((r) => (r.checked = (r.value === 'yes') === on));
  const chosen = () => radios.find((r) => r.checked)?.value === 'yes';
  let stored = false;

  form.addEventListener('change', () => {
    say(status, chosen() === stored ? '' : 'Unsaved change: select Save to apply it.');
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    say(status, 'Saving…');
    try {
      const result = await api<Preferences>('PATCH', '/api/admin/preferences', {
        sendLoginEmailsToNewUsers: chosen(),
      });
      stored = result.sendLoginEmailsToNewUsers;
      show(stored);
      say(status, saved(stored), 'ok');
    } catch (error) {
      say(status, `Not saved: ${reasonOf(error)}`, 'error');
    } finally {
      save.disabled = false;
    }
  });

  try {
    const prefs = await api<Preferences>('GET', '/api/admin/preferences');
    stored = prefs.sendLoginEmailsToNewUsers;
    show(stored);
    radios.forEach((r) => (r.disabled = false));
    save.disabled = false;
  } catch (error) {
    say(status, `Could not load the preferences: ${reasonOf(error)}`, 'error');
  }
}

initTabs(document.querySelector<HTMLElement>('[role="tablist"]')!);
void initPreferences();
