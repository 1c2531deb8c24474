import { createDraftStore, newProductDraftKey, productDraftKey, storeDraftsPrefix, type DraftStore } from '../storage/drafts.ts';

/**
 * A product's unsaved edit, kept so that a reconnect (which leaves the page) loses nothing.
 * Components ask this; only it knows where drafts are stored and under which key.
 */
export class ProductDraft<T> {
  readonly #store: DraftStore;
  readonly #key: string;

  /** `productId` null: the product being added to the store, not created yet. */
  constructor(storeId: string, productId: string | null, store: DraftStore = createDraftStore()) {
    this.#store = store;
    this.#key = productId === null ? newProductDraftKey(storeId) : productDraftKey(storeId, productId);
  }

  load(): Promise<T | undefined> {
    return this.#store.load<T>(this.#key);
  }

  save(value: T): Promise<void> {
    return this.#store.save(this.#key, value);
  }

  discard(): Promise<void> {
    return this.#store.discard(this.#key);
  }
}

/**
 * How many unsaved edits of `storeId` this browser keeps (products, and a new one being added): a
 * sign-out discards them (auth/sign-out.ts), so it asks first where there are some.
 */
export async function storeDraftCount(storeId: string, store: DraftStore = createDraftStore()): Promise<number> {
  return (await store.keysFrom(storeDraftsPrefix(storeId))).length;
}

