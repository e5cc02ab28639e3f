import { mongo, type Connection } from 'mongoose';

/** One secret the server issued (or was given), with a label for failure messages. */
export interface IssuedSecret {
  label: string;
  value: string;
}

/**
 * Every way a secret could be written down other than a one-way hash or a ciphertext: as is,
 * lower-cased, percent-encoded, and, for its random part (after a `xxx_` prefix), the decoded
 * bytes as hex, base64 and base64url (a Binary field shows as base64 in the dump).
 */
export function plainForms(secret: string): string[] {
  const forms = new Set([secret, secret.toLowerCase(), encodeURIComponent(secret)]);
  const utf8 = Buffer.from(secret, 'utf8');
  forms.add(utf8.toString('base64')).add(utf8.toString('hex'));
  const body = secret.replace(/^[a-z]+_/, '');
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length >= 16) {
    forms.add(bytes.toString('hex')).add(bytes.toString('base64')).add(bytes.toString('base64url'));
    forms.add(bytes.toString('base64').replace(/=+$/, ''));
  }
  return [...forms].filter((form) => form.length >= 16);
}

/** Every document of every collection in the database, as canonical Extended JSON, by collection. */
export async function dumpDatabase(conn: Connection): Promise<Map<string, string>> {
  const db = conn.db!;
  const dump = new Map<string, string>();
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const docs = await db.collection(name).find({}).toArray();
    dump.set(name, mongo.BSON.EJSON.stringify(docs, { relaxed: false }));
  }
  return dump;
}

/** `collection: secret (form)` for each plain form of each secret found anywhere in the dump. */
export function plainSecretsIn(dump: Map<string, string>, secrets: IssuedSecret[]): string[] {
  const found: string[] = [];
  for (const [collection, text] of dump) {
    for (const { label, value } of secrets) {
      for (const form of plainForms(value)) {
        if (text.includes(form)) found.push(`${collection}: ${label} (${form.slice(0, 12)}…)`);
      }
    }
  }
  return found;
}
