import type { Model } from 'mongoose';
import { ApiError } from '../../platform/errors/api-error';
import type { TenantLibrary } from '../../tenants/tenant-library';
import type { Language } from '../../ui/i18n';
import { emailTextId, type EmailTextDoc } from './email-text-model';
import { validateWelcomeTexts, type WelcomeTexts } from './welcome-text-fields';

export interface EmailTextDeps {
  EmailText: Model<EmailTextDoc>;
  tenants: Pick<TenantLibrary, 'audit'>;
  now: () => Date;
}

/** 400 naming every problem (unknown placeholders by name), or the validated texts. */
export function assertValidTexts(input: unknown): WelcomeTexts {
  const result = validateWelcomeTexts(input);
  if (!result.ok) throw new ApiError(400, 'invalid_texts', result.problems.join('; '));
  return result.texts;
}

/**
 * Saves a tenant's words for the welcome email in one language, audited (who, when, old →
 * new). Fields left empty keep the built-in text; all empty is the same as a reset.
 */
export async function saveWelcomeTexts(
  deps: EmailTextDeps,
  input: { tenantId: string; language: Language; actor: string; texts: unknown },
): Promise<WelcomeTexts> {
  const texts = assertValidTexts(input.texts);
  const _id = emailTextId(input.tenantId, input.language);
  const before = Object.keys(texts).length
    ? await deps.EmailText.findOneAndUpdate(
        { _id },
        {
          $set: {
            tenantId: input.tenantId,
            email: 'welcome',
            language: input.language,
            texts,
            updatedAt: deps.now(),
            updatedBy: input.actor,
          },
        },
        { upsert: true, new: false },
      ).lean<EmailTextDoc>()
    : await deps.EmailText.findOneAndDelete({ _id }).lean<EmailTextDoc>();
  await deps.tenants.audit({
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'email-texts.welcome.save',
    target: input.language,
    before: before?.texts ?? null,
    after: texts,
  });
  return texts;
}
