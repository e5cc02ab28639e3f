import { Types, type Model } from 'mongoose';
import type { AuditDoc } from './models';

export interface AuditLogQuery {
  tenantId: string;
  /** An exact action (`scim-token.create`) or a family ending in a dot (`scim-token.`). */
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditLogPage {
  entries: AuditEntryView[];
  next: string | null;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parseCursor(cursor: string | undefined): { at: Date; id: Types.ObjectId } | undefined {
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(cursor ?? '');
  if (!match) return undefined;
  return { at: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

type StoredAudit = AuditDoc & { _id: Types.ObjectId };

/** The tenant's audit trail, newest first, one page per read. */
export async function listAuditLog(
  model: Model<AuditDoc>,
  q: AuditLogQuery,
): Promise<AuditLogPage> {
  const and: Record<string, unknown>[] = [{ tenantId: q.tenantId }];
  if (q.action) {
    and.push({
      action: q.action.endsWith('.') ? { $regex: `^${escapeRegex(q.action)}` } : q.action,
    });
  }
  if (q.actor) and.push({ actor: q.actor });
  if (q.from || q.to) {
    and.push({ at: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) } });
  }
  const after = parseCursor(q.cursor);
  if (after) {
    and.push({ $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] });
  }
  const docs = (await model.collection
    .find({ $and: and } as never)
    .sort({ at: -1, _id: -1 })
    .limit(q.limit + 1)
    .toArray()) as unknown as StoredAudit[];
  const page = docs.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((doc) => ({
      id: String(doc._id),
      at: doc.at.toISOString(),
      actor: doc.actor,
      action: doc.action,
      target: doc.target ?? null,
      before: doc.before ?? null,
      after: doc.after ?? null,
    })),
    next: docs.length > q.limit && last ? `${last.at.getTime()}.${String(last._id)}` : null,
  };
}
