import type { Directory } from '../directory/directory';
import type { PendingDeletionDoc } from './event-models';

/**
 * Decides each pending deletion (see event-models.ts): publish it when its document is gone,
 * finish the deletion when its requester has not within `graceMs` (it committed when the pending
 * deletion was inserted), drop it when a later write to the document won (the deletion failed
 * and its requester retried or gave up). Of several for one deleted document only the last can
 * have happened: a deletion at version v leaves nothing for a later one to delete.
 */
export async function settlePendingDeletions(
  directory: Directory,
  now: () => Date,
  graceMs: number,
  limit: number,
): Promise<{ publish: PendingDeletionDoc[]; drop: string[] }> {
  const pending = (await directory.events.PendingDeletion.collection
    .find({})
    .sort({ createdAt: 1 })
    .limit(limit)
    .toArray()) as unknown as PendingDeletionDoc[];
  const publish: PendingDeletionDoc[] = [];
  const drop: string[] = [];
  const overdue = (p: PendingDeletionDoc) => now().getTime() - p.createdAt.getTime() > graceMs;
  for (const p of pending) {
    if (p.collection === 'memberships') {
      const rows = directory.Membership.collection;
      const row = await rows.findOne({ _id: p.documentId } as never, { projection: { rowId: 1 } });
      const same = row && (row.rowId ?? `legacy:${p.documentId}`) === p.rowId;
      if (!same) publish.push(p);
      else if (overdue(p)) {
        await rows.deleteOne({ _id: p.documentId, rowId: row.rowId } as never);
        publish.push(p);
      }
      continue;
    }
    const collection =
      p.collection === 'users' ? directory.User.collection : directory.Group.collection;
    const doc = await collection.findOne({ _id: p.documentId } as never, {
      projection: { 'meta.version': 1 },
    });
    const version = (doc?.meta as { version?: number } | undefined)?.version;
    if (!doc) publish.push(p);
    else if (version !== p.version) drop.push(p._id);
    else if (overdue(p)) {
      const gone = await collection.deleteOne({
        _id: p.documentId,
        'meta.version': p.version,
      } as never);
      if (gone.deletedCount === 1) publish.push(p);
    }
  }
  const lastOf = new Map<string, PendingDeletionDoc>();
  for (const p of publish) {
    if (p.collection === 'memberships') continue;
    const known = lastOf.get(p.documentId);
    if (!known || (known.version ?? 0) < (p.version ?? 0)) lastOf.set(p.documentId, p);
  }
  const kept = publish.filter(
    (p) => p.collection === 'memberships' || lastOf.get(p.documentId) === p,
  );
  drop.push(...publish.filter((p) => !kept.includes(p)).map((p) => p._id));
  return { publish: kept, drop };
}
