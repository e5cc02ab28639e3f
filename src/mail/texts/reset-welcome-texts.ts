import type { Language } from '../../ui/i18n';
import { emailTextId, type EmailTextDoc } from './email-text-model';
import type { EmailTextDeps } from './save-welcome-texts';

/** "Reset to default": the language goes back to the built-in texts (audited). */
export async function resetWelcomeTexts(
  deps: EmailTextDeps,
  input: { tenantId: string; language: Language; actor: string },
): Promise<void> {
  const before = await deps.EmailText.findOneAndDelete({
    _id: emailTextId(input.tenantId, input.language),
  }).lean<EmailTextDoc>();
  if (!before) return;
  await deps.tenants.audit({
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'email-texts.welcome.reset',
    target: input.language,
    before: before.texts,
    after: null,
  });
}
