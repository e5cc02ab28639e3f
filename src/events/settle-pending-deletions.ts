import type { mongo } from 'mongoose';
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
  const collections: Record<PendingDeletionDoc['collection'], mongo.Collection<mongo.Document>> = {
    users: directory.User.collection,
    groups: directory.Group.collection,
    memberships: directory.Membership.collection,
  };
  for (const [name, collection] of Object.entries(collections)) {
    const mine = pending.filter((p) => p.collection === name);
    if (mine.length === 0) continue;
    // One read per collection: what is left of the documents these deletions are about.
    const left = await collection
      .find({ _id: { $in: mine.map((p) => p.documentId) } } as never, {
        projection: { rowId: 1, 'meta.version': 1 },
      })
      .toArray();
    const byId = new Map(left.map((d) => [String(d._id), d]));
    for (const p of mine) {
      const doc = byId.get(p.documentId);
      const still =
        doc &&
        (name === 'memberships'
          ? (doc.rowId ?? `legacy:${p.documentId}`) === p.rowId
          : (doc.meta as { version?: number } | undefined)?.version === p.version);
      if (!doc || (name === 'memberships' && !still)) publish.push(p);
      else if (!still) drop.push(p._id);
      else if (overdue(p)) {
        const filter =
          name === 'memberships'
            ? { _id: p.documentId, rowId: doc.rowId }
            : { _id: p.documentId, 'meta.version': p.version };
        const gone = await collection.deleteOne(filter as never);
        if (gone.deletedCount === 1) publish.push(p);
      }
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
