import { Types, type Model } from 'mongoose';
import type { ProvisioningEntryDoc, ReadCounts } from './provisioning-log-model';

export interface ProvisioningLogQuery {
  tenantId: string;
  errorsOnly?: boolean;
  connector?: string;
  /** Case-insensitive exact userName. */
  userName?: string;
  /** The user's (or group's) id: every request that touched that resource. */
  resourceId?: string;
  from?: Date;
  to?: Date;
  /** From the previous page's `next`. */
  cursor?: string;
  limit: number;
}

export interface ProvisioningLogView {
  id: string;
  at: string;
  connector: string;
  method: string;
  path: string;
  resourceType: string;
  resourceId: string | null;
  userName: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
  /** For one request: its duration; for a minute's read count: the slowest of them. */
  durationMs: number;
  requestId: string;
  /**
   * Present on a connector's count of successful reads in the minute starting at `at`
   * (`count`, and by what was read); null on one request's entry.
   */
  reads: ReadCounts | null;
}

export interface ProvisioningLogPage {
  entries: ProvisioningLogView[];
  /** Opaque cursor of the next (older) page; null on the last page. */
  next: string | null;
}

/** `<epoch ms>.<ObjectId>`: the sort key of the last entry shown. */
function parseCursor(cursor: string | undefined): { at: Date; id: Types.ObjectId } | undefined {
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(cursor ?? '');
  if (!match) return undefined;
  return { at: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

const present = (doc: ProvisioningEntryDoc): ProvisioningLogView => ({
  id: String(doc._id),
  at: doc.at.toISOString(),
  connector: doc.connector,
  method: doc.method,
  path: doc.path,
  resourceType: doc.resourceType,
  resourceId: doc.resourceId ?? null,
  userName: doc.userName ?? null,
  status: doc.status,
  scimType: doc.scimType ?? null,
  detail: doc.detail ?? null,
  durationMs: doc.durationMs,
  requestId: doc.requestId,
  reads: doc.reads ?? null,
});

/** Newest first, one page per read; a filter for a user matches its id or its userName. */
export async function listProvisioningLog(
  model: Model<ProvisioningEntryDoc>,
  q: ProvisioningLogQuery,
): Promise<ProvisioningLogPage> {
  const and: Record<string, unknown>[] = [{ tenantId: q.tenantId }];
  if (q.errorsOnly) and.push({ status: { $gte: 400 } });
  if (q.connector) and.push({ connector: q.connector });
  const who: Record<string, unknown>[] = [];
  if (q.userName) who.push({ userNameKey: q.userName.toLowerCase() });
  if (q.resourceId) who.push({ resourceId: q.resourceId });
  if (who.length) and.push({ $or: who });
  if (q.from || q.to) {
    and.push({ at: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) } });
  }
  const after = parseCursor(q.cursor);
  if (after) {
    and.push({ $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] });
  }
  const docs = await model.collection
    .find({ $and: and } as never)
    .sort({ at: -1, _id: -1 })
    .limit(q.limit + 1)
    .toArray();
  const page = (docs as unknown as ProvisioningEntryDoc[]).slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(present),
    next: docs.length > q.limit && last ? `${last.at.getTime()}.${String(last._id)}` : null,
  };
}
