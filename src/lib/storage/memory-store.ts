/** The in-memory key-value store: where IndexedDB is missing or fails (kv.ts openStorage), and in tests. */
import type { KeyValueStore } from './key-value-store.ts';

/** A KV store kept in memory only (lost on reload). Values are structured-cloned like IndexedDB does. */
export function createMemoryStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    async get(key) {
      return data.has(key) ? structuredClone(data.get(key)) : undefined;
    },
    async set(key, value) {
      data.set(key, structuredClone(value));
    },
    async del(key) {
      data.delete(key);
    },
    async keys() {
      return [...data.keys()];
    },
    async update(key, next) {
      const current = data.has(key) ? structuredClone(data.get(key)) : undefined;
      const value = next(structuredClone(current));
      if (value === undefined) data.delete(key);
      else data.set(key, structuredClone(value));
      return current;
    },
  };
}
