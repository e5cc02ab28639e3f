import { Types, type Model } from 'mongoose';
import type { AdministratorDoc, AuditDoc } from './models';

export interface AuditLogQuery {
  tenantId: string;
  /** An exact action (`scim-token.create`) or a family ending in a dot (`scim-token.`). */
  action?: string;
  /** An administrator's email (any case) or the actor id as stored. */
  actor?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface AuditEntryView {
  id: string;
  at: string;
  /** The administrator's id, as stored (the API keeps it). */
  actor: string;
  /** Their email, for people reading the log; null when the actor is no administrator (any more). */
  actorEmail: string | null;
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

/** The tenant's audit trail, newest first, one page per read, with each administrator's email. */
export async function listAuditLog(
  models: { Audit: Model<AuditDoc>; Administrator: Model<AdministratorDoc> },
  q: AuditLogQuery,
): Promise<AuditLogPage> {
  const admins = models.Administrator.collection;
  const model = models.Audit;
  const and: Record<string, unknown>[] = [{ tenantId: q.tenantId }];
  if (q.action) {
    and.push({
      action: q.action.endsWith('.') ? { $regex: `^${escapeRegex(q.action)}` } : q.action,
    });
  }
  if (q.actor?.includes('@')) {
    const ids = await admins
      .find(
        { tenantId: q.tenantId, email: q.actor.trim().toLowerCase() },
        { projection: { _id: 1 } },
      )
      .toArray();
    and.push({ actor: { $in: ids.map((a) => String(a._id)) } });
  } else if (q.actor) {
    and.push({ actor: q.actor });
  }
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
  // One read for the page's administrators (entries keep the id, which outlives an email change).
  const actors = [...new Set(page.map((doc) => doc.actor))];
  const emails = new Map(
    actors.length === 0
      ? []
      : (
          await admins
            .find({ tenantId: q.tenantId, _id: { $in: actors } } as never, {
              projection: { email: 1 },
            })
            .toArray()
        ).map((a) => [String(a._id), String(a.email)] as const),
  );
  return {
    entries: page.map((doc) => ({
      id: String(doc._id),
      at: doc.at.toISOString(),
      actor: doc.actor,
      actorEmail: emails.get(doc.actor) ?? null,
      action: doc.action,
      target: doc.target ?? null,
      before: doc.before ?? null,
      after: doc.after ?? null,
    })),
    next: docs.length > q.limit && last ? `${last.at.getTime()}.${String(last._id)}` : null,
  };
}
