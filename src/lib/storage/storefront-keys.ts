/**
 * The public storefront key the Embed screen's snippets carry (Shopware's sales channel access key),
 * one per store, kept with the store's other data in IndexedDB so it need not be pasted again on
 * every visit. It is public by design (it goes into pages, reads only what the storefront shows), so
 * it is kept as the snippet carries it; it goes when the store’s connection is forgotten, or when the
 * Embed screen's field is emptied or given another key (only the key shown there is ever kept).
 */
import { prefixed, type KeyValueStore } from './kv.ts';

export class StorefrontKeys {
  readonly #kv: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.#kv = prefixed(store, 'storefront-key:');
  }

  async keep(storeId: string, key: string): Promise<void> {
    await this.#kv.set(storeId, { v: 1, key });
  }

  /** The store's key, or null (none, or unreadable: the person pastes it again). */
  async get(storeId: string): Promise<string | null> {
    try {
      const record = (await this.#kv.get(storeId)) as { v?: unknown; key?: unknown } | undefined;
      return record?.v === 1 && typeof record.key === 'string' && record.key !== '' ? record.key : null;
    } catch {
      return null;
    }
  }

  async forget(storeId: string): Promise<void> {
    await this.#kv.del(storeId);
  }
}
