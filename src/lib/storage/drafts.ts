import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/**
 * Unsaved edits, kept so that a reconnect (which leaves the page) loses nothing. Drafts hold no
 * secrets. When IndexedDB is unavailable they live in memory for the tab's life.
 */
export interface DraftStore {
  load<T>(key: string): Promise<T | undefined>;
  save(key: string, value: unknown): Promise<void>;
  discard(key: string): Promise<void>;
}

/** The key of a product's unsaved edit. */
export function productDraftKey(storeId: string, productId: string): string {
  return `${storeId}/product/${productId}`;
}

/** The key of the product being added to a store (one at a time), before the store gives it an id. */
export function newProductDraftKey(storeId: string): string {
  return `${storeId}/new-product`;
}

export function createDraftStore(): DraftStore {
  const memory = new Map<string, unknown>();
  let idb: UseStore | null = null;
  try {
    if (typeof indexedDB !== 'undefined') idb = createStore('storefront-connect-drafts', 'drafts');
  } catch {
    idb = null;
  }
  const fallback = <T>(run: (store: UseStore) => Promise<T>, orElse: () => T): Promise<T> =>
    idb ? run(idb).catch(() => orElse()) : Promise.resolve(orElse());
  return {
    load: <T>(key: string) => fallback(async (s) => (await get<T>(key, s)) ?? (memory.get(key) as T | undefined), () => memory.get(key) as T | undefined),
    save: (key, value) => {
      memory.set(key, value);
      return fallback((s) => set(key, value, s), () => undefined);
    },
    discard: (key) => {
      memory.delete(key);
      return fallback((s) => del(key, s), () => undefined);
    },
  };
}
