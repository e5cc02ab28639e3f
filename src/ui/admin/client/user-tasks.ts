import { api, ApiFailure, reasonOf, say } from './common.js';
import type { UserSummary } from './api-types.js';
import type { MenuItem } from './menu.js';

export const SIGNED_IN_REASON = 'Signed in already — send a password reset instead';

/**
 * The Task menu of one associate (seed: "Resend welcome email"): until the first sign-in,
 * "Send welcome email"; after it that item is disabled and a password reset is offered.
 */
export function taskItems(
  user: UserSummary,
  status: HTMLElement,
  refresh: () => Promise<void>,
): MenuItem[] {
  const name = user.displayName || user.userName;
  const signedIn = !user.welcome.canResend || user.firstSignInAt !== null;
  const sendWelcome: MenuItem = {
    label: 'Send welcome email',
    disabledReason: signedIn ? SIGNED_IN_REASON : undefined,
    onSelect: async () => {
      say(status, `Sending a welcome email to ${name}…`);
      try {
        await api('POST', `/api/admin/users/${encodeURIComponent(user.id)}/welcome-email`);
        say(
          status,
          `Welcome email to ${name} queued: a new one-time link replaces any earlier one.`,
          'ok',
        );
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 409) {
          say(status, `${name}: ${SIGNED_IN_REASON}.`, 'error');
        } else if (error instanceof ApiFailure && error.status === 429) {
          say(status, `Not sent to ${name}, too many welcome emails: ${error.message}.`, 'error');
        } else {
          say(status, `Could not send a welcome email to ${name}: ${reasonOf(error)}`, 'error');
        }
      }
      await refresh();
    },
  };
  if (!signedIn) return [sendWelcome];
  const sendReset: MenuItem = {
    label: 'Send password reset',
    onSelect: async () => {
      say(status, `Sending a password reset to ${name}…`);
      try {
        await api('POST', `/api/admin/users/${encodeURIComponent(user.id)}/password-reset`);
        say(status, `Password reset email to ${name} queued.`, 'ok');
      } catch (error) {
        say(status, `Could not send a password reset to ${name}: ${reasonOf(error)}`, 'error');
      }
    },
  };
  return [sendWelcome, sendReset];
}
