import type { mongo } from 'mongoose';

type IndexDescription = {
  key: Record<string, unknown>;
  name?: string;
  expireAfterSeconds?: number;
};

const onField = (field: string) => (index: IndexDescription) =>
  JSON.stringify(index.key) === JSON.stringify({ [field]: 1 });

/** Reads a collection's indexes; one nobody has written to yet has none (NamespaceNotFound). */
const indexesOf = async (collection: mongo.Collection<mongo.Document>) =>
  (await collection.indexes().catch((error: { code?: number }) => {
    if (error.code === 26) return [];
    throw error;
  })) as IndexDescription[];

/** Removes a TTL index on `field`, if there is one: nothing is removed by that date any more. */
export async function dropTtlIndex(
  collection: mongo.Collection<mongo.Document>,
  field: string,
): Promise<void> {
  const existing = (await indexesOf(collection)).find(onField(field));
  if (existing?.name && existing.expireAfterSeconds !== undefined) {
    await collection.dropIndex(existing.name).catch((error: { code?: number }) => {
      if (error.code !== 27) throw error; // IndexNotFound: another process dropped it first
    });
  }
}

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
    const existing = (await indexesOf(collection)).find(onField(field));
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
