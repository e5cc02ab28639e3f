import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { withCleanHeaderTexts } from './header-text';
import type { MailMessage, MailTransport } from './mail-transport';

/** A message captured by the development `outbox` transport. */
export interface OutboxMessageDoc extends MailMessage {
  _id: string;
  tenantId: string;
  createdAt: Date;
}

const schema = new Schema<OutboxMessageDoc>(
  {
    _id: String,
    tenantId: String,
    to: String,
    toName: String,
    from: String,
    fromName: String,
    subject: String,
    html: String,
    text: String,
    categories: [String],
    customArgs: Schema.Types.Mixed,
    createdAt: Date,
  },
  { collection: 'outbox_messages', versionKey: false },
);
schema.index({ tenantId: 1, createdAt: -1 });

export function createOutboxMessageModel(conn: Connection): Model<OutboxMessageDoc> {
  return conn.models.OutboxMessage ?? conn.model<OutboxMessageDoc>('OutboxMessage', schema);
}

/** Development transport: stores the rendered message; `/mailbox` shows it. */
export function createOutboxTransport(conn: Connection, now: () => Date): MailTransport {
  const Message = createOutboxMessageModel(conn);
  return {
    name: 'outbox',
    async send(message) {
      const id = randomUUID();
      await Message.create({
        ...withCleanHeaderTexts(message),
        _id: id,
        tenantId: message.customArgs.tenantId ?? '',
        createdAt: now(),
      });
      return { providerMessageId: id };
    },
  };
}
