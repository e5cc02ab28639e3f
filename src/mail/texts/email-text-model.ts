import { Schema, type Connection, type Model } from 'mongoose';
import type { Language } from '../../ui/i18n';
import type { WelcomeTexts } from './welcome-text-fields';

/** A tenant's own words for one email in one language (`_id` = tenant:email:language). */
export interface EmailTextDoc {
  _id: string;
  tenantId: string;
  email: 'welcome';
  language: Language;
  texts: WelcomeTexts;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<EmailTextDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    email: String,
    language: String,
    texts: Schema.Types.Mixed,
    updatedAt: Date,
    updatedBy: String,
  },
  { collection: 'email_texts', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1 });

export const emailTextId = (tenantId: string, language: Language): string =>
  `${tenantId}:welcome:${language}`;

/** One model per connection, created on first use (several capabilities ask for it). */
export function emailTextModel(conn: Connection): Model<EmailTextDoc> {
  return (
    (conn.models.EmailText as Model<EmailTextDoc> | undefined) ??
    conn.model<EmailTextDoc>('EmailText', schema)
  );
}

/** The tenant's words for the welcome email in one language; null keeps the built-in texts. */
export async function findWelcomeTexts(
  EmailText: Model<EmailTextDoc>,
  tenantId: string,
  language: Language,
): Promise<WelcomeTexts | null> {
  const doc = await EmailText.findById(emailTextId(tenantId, language)).lean<EmailTextDoc>();
  return doc?.texts ?? null;
}
