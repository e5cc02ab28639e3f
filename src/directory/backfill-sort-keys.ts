import type { SchemaRegistry } from '../scim/schemas/types';
import { SORT_KEY_FIELD, sortKeysOf } from '../scim/schemas/sort-keys';
import type { Directory } from './directory';

/**
 * Documents written before sort keys existed get them once, at start, so that `sortBy`
 * (RFC 7644 §3.4.2.3) places them by value rather than as if they had none. Returns the count.
 */
export async function backfillSortKeys(directory: Directory, registry: SchemaRegistry) {
  let written = 0;
  const sources = [
    { rt: 'User' as const, collection: directory.users.collection },
    { rt: 'Group' as const, collection: directory.groups.collection },
  ];
  for (const { rt, collection } of sources) {
    const missing = collection.find({ [SORT_KEY_FIELD]: { $exists: false } } as never);
    for await (const doc of missing) {
      const keys = sortKeysOf(registry, rt, doc as Record<string, unknown>);
      await collection.updateOne({ _id: doc._id } as never, { $set: keys });
      written++;
    }
  }
  return written;
}
