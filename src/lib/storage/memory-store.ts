/** The in-memory key-value store: where IndexedDB is missing or fails (kv.ts openStorage), and in tests. */
import type { KeyValueStore } from './key-value-store.ts';

/**
 * What kv.ts openStorage gives (its OpenedStorage; not imported: kv.ts imports this) where IndexedDB is missing or fails: memory, lost with the tab, and
 * why, where `error` (the start-up check's) says (storage-full.ts refusedAtStart, loaded only then:
 * imported statically, its chunk, the AuthService's, would be named in the first load as one this
 * chunk needs; the sessionStorage fallback, asked for next, loads it anyway).
 */
export async function inMemory(error?: unknown) {
  const store = createMemoryStore();
  const refusal = error === undefined ? undefined : (await import('./storage-full.ts')).refusedAtStart(error);
  return { store, sealed: store, persistent: false as const, refusal };
}

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
