import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { randomToken, sha256Hex } from '../platform/crypto/secrets';

/** A credential that may read a tenant's events (never SCIM): only its SHA-256 is stored. */
export interface EventReaderDoc {
  _id: string;
  tenantId: string;
  label: string;
  hash: string;
  hint: string;
  createdAt: Date;
  createdBy?: string;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

export interface EventReaderView {
  id: string;
  label: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const PREFIX = 'evr_';
/** `lastUsedAt` is written at most this often per credential. */
const TOUCH_MS = 60_000;

const schema = new Schema<EventReaderDoc>(
  { _id: String, tenantId: String, hash: String },
  { collection: 'event_readers', strict: false, versionKey: false },
);
schema.index({ hash: 1 }, { unique: true });
schema.index({ tenantId: 1, createdAt: -1 });

export const createEventReaderModel = (conn: Connection): Model<EventReaderDoc> =>
  (conn.models.EventReader as Model<EventReaderDoc> | undefined) ??
  conn.model<EventReaderDoc>('EventReader', schema);

const view = (doc: EventReaderDoc): EventReaderView => ({
  id: doc._id,
  label: doc.label,
  hint: doc.hint,
  createdAt: doc.createdAt.toISOString(),
  lastUsedAt: doc.lastUsedAt?.toISOString() ?? null,
  revokedAt: doc.revokedAt?.toISOString() ?? null,
});

/** Event-reader credentials of a tenant: created (shown once), listed, revoked, checked. */
export function createEventReaderLibrary(EventReader: Model<EventReaderDoc>, now: () => Date) {
  const readers = EventReader.collection;

  async function create(tenantId: string, label: string, createdBy?: string) {
    const token = `${PREFIX}${randomToken(32)}`;
    const doc: EventReaderDoc = {
      _id: randomUUID(),
      tenantId,
      label,
      hash: sha256Hex(token),
      hint: token.slice(0, PREFIX.length + 4),
      createdAt: now(),
      ...(createdBy ? { createdBy } : {}),
    };
    await readers.insertOne(doc as never);
    return { token, view: view(doc) };
  }

  async function list(tenantId: string): Promise<EventReaderView[]> {
    const docs = await readers.find({ tenantId }).sort({ createdAt: -1 }).limit(500).toArray();
    return (docs as unknown as EventReaderDoc[]).map(view);
  }

  async function revoke(tenantId: string, id: string): Promise<boolean> {
    const result = await readers.updateOne({ _id: id, tenantId, revokedAt: null } as never, {
      $set: { revokedAt: now() },
    });
    return result.matchedCount === 1;
  }

  /** The tenant a bearer token may read, or null (unknown, revoked or not a reader token). */
  async function authenticate(bearer: string): Promise<{ tenantId: string; id: string } | null> {
    if (!bearer.startsWith(PREFIX) || bearer.length > 200) return null;
    const doc = (await readers.findOne({
      hash: sha256Hex(bearer),
    } as never)) as EventReaderDoc | null;
    if (!doc || doc.revokedAt) return null;
    const at = now();
    if (!doc.lastUsedAt || at.getTime() - doc.lastUsedAt.getTime() > TOUCH_MS) {
      // Not awaited: a read request should not wait for bookkeeping.
      void readers
        .updateOne({ _id: doc._id } as never, { $set: { lastUsedAt: at } })
        .catch(() => undefined);
    }
    return { tenantId: doc.tenantId, id: doc._id };
  }

  return { create, list, revoke, authenticate };
}

export type EventReaderLibrary = ReturnType<typeof createEventReaderLibrary>;
