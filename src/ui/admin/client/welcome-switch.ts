import { api, byId, reasonOf, say } from './common.js';

interface Settings {
  sendWelcomeEmail: boolean;
}

const confirmation = (on: boolean) =>
  `Saved: new SCIM users will ${on ? '' : 'not '}get a welcome email`;

/**
 * The "Send Welcome Email" switch: saved at once on activation (Space or Enter, it is a
 * button); on failure it flips back and says why.
 */
export async function initWelcomeSwitch(): Promise<void> {
  const button = byId<HTMLButtonElement>('send-welcome-switch');
  const text = button.querySelector('.switch-text') as HTMLElement;
  const status = byId('send-welcome-status');
  const show = (on: boolean) => {
    button.setAttribute('aria-checked', String(on));
    text.textContent = on ? 'On' : 'Off';
  };
  let saving = false;

  button.addEventListener('click', async () => {
    if (saving) return;
    const before = button.getAttribute('aria-checked') === 'true';
    const wanted = !before;
    saving = true;
    show(wanted);
    button.setAttribute('aria-busy', 'true');
    say(status, 'Saving…');
    try {
      const saved = await api<Settings>('PATCH', '/api/identity-manager/settings', {
        sendWelcomeEmail: wanted,
      });
      show(saved.sendWelcomeEmail);
      say(status, confirmation(saved.sendWelcomeEmail), 'ok');
    } catch (error) {
      show(before);
      say(
        status,
        `Not saved, the switch is still ${before ? 'On' : 'Off'}: ${reasonOf(error)}`,
        'error',
      );
    } finally {
      saving = false;
      button.removeAttribute('aria-busy');
    }
  });

  try {
    const settings = await api<Settings>('GET', '/api/identity-manager/settings');
    show(settings.sendWelcomeEmail);
    button.disabled = false;
  } catch (error) {
    say(status, `Could not load the setting: ${reasonOf(error)}`, 'error');
  }
}
