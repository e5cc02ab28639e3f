import { Schema, type Connection } from 'mongoose';
import { randomToken } from './secrets';

interface ServerSecretDoc {
  _id: string;
  value: string;
}

const schema = new Schema<ServerSecretDoc>(
  { _id: String, value: String },
  { collection: 'server_secrets', versionKey: false },
);

/**
 * APP_SECRET when configured; otherwise (development only, enforced by the config schema)
 * one random secret created once and shared by every process through the database.
 */
export async function resolveAppSecret(conn: Connection, configured?: string): Promise<string> {
  if (configured) return configured;
  const Secret = conn.models.ServerSecret ?? conn.model<ServerSecretDoc>('ServerSecret', schema);
  await Secret.updateOne(
    { _id: 'app' },
    { $setOnInsert: { value: randomToken(48) } },
    { upsert: true },
  ).catch((error: { code?: number }) => {
    if (error.code !== 11000) throw error;
  });
  const doc = await Secret.findById('app').lean<ServerSecretDoc>();
  if (!doc) throw new Error('could not create the development app secret');
  return doc.value;
}
