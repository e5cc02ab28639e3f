import type { SignInMode, SignInSettings } from './api-types.js';
import { api, byId, reasonOf, say } from './common.js';

const LABELS: Record<SignInMode, string> = {
  password: 'Password',
  sso: 'Company account only',
  both: 'Both',
};

const form = byId<HTMLFormElement>('sso-mode-form');
const status = byId('sso-mode-status');
const radios = () => [...form.querySelectorAll<HTMLInputElement>('input[name="mode"]')];
let stored: SignInMode = 'password';

/** Checks the stored mode (also after a refused change, so the page never shows a wish). */
export function showMode(mode: SignInMode): void {
  stored = mode;
  for (const radio of radios()) radio.checked = radio.value === mode;
}

/** "Save sign-in mode": `PATCH /api/admin/sign-in`; 409 until a connection is saved. */
export function initSignInMode(): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = radios().find((radio) => radio.checked)?.value as SignInMode | undefined;
    if (!chosen) return;
    void api<SignInSettings>('PATCH', '/api/admin/sign-in', { mode: chosen })
      .then((view) => {
        showMode(view.mode);
        say(status, `Sign-in mode saved: ${LABELS[view.mode]}.`, 'ok');
      })
      .catch((error: unknown) => {
        const was = stored;
        showMode(was);
        say(
          status,
          `Not saved: ${reasonOf(error)}. The sign-in mode is still ${LABELS[was]}.`,
          'error',
        );
      });
  });
}
