/**
 * A small in-process cache whose entries live `ttlMs` and which holds at most `maxEntries`
 * (the oldest goes first). Each process has its own: entries are dropped at once in the
 * process that changes the data (`delete`, `deleteWhere`) and expire elsewhere after `ttlMs`.
 */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  deleteWhere(predicate: (value: V) => boolean): void;
  clear(): void;
}

export function createTtlCache<V>(options: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): TtlCache<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      if (options.ttlMs <= 0) return;
      entries.delete(key);
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAt: now() + options.ttlMs });
    },
    delete(key) {
      entries.delete(key);
    },
    deleteWhere(predicate) {
      for (const [key, entry] of entries) if (predicate(entry.value)) entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}
