import type { mongo } from 'mongoose';

type IndexDescription = {
  key: Record<string, unknown>;
  name?: string;
  expireAfterSeconds?: number;
};

const onField = (field: string) => (index: IndexDescription) =>
  JSON.stringify(index.key) === JSON.stringify({ [field]: 1 });

/**
 * A TTL index on the date in `field`: the database removes a document `seconds` after it. An
 * index on that field with another lifetime (the setting changed since it was made) is dropped
 * and made again, so the new lifetime applies to the documents already stored too.
 */
export async function ensureTtlIndex(
  collection: mongo.Collection<mongo.Document>,
  field: string,
  seconds: number,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // A collection nobody has written to yet has no indexes to read (NamespaceNotFound).
    const indexes = (await collection.indexes().catch((error: { code?: number }) => {
      if (error.code === 26) return [];
      throw error;
    })) as IndexDescription[];
    const existing = indexes.find(onField(field));
    if (existing?.expireAfterSeconds === seconds) return;
    try {
      if (existing?.name) await collection.dropIndex(existing.name);
      await collection.createIndex({ [field]: 1 }, { expireAfterSeconds: seconds });
      return;
    } catch (error) {
      // Another process starting at the same time dropped or made it first: look again.
      if (attempt >= 3) throw error;
    }
  }
}
