import { createDraftStore, newProductDraftKey, productDraftKey, storeDraftsPrefix, type DraftStore } from '../storage/drafts.ts';
import { signOutsHeard } from './sign-outs-heard.ts';

/**
 * A product's unsaved edit, kept so that a reconnect (which leaves the page) loses nothing.
 * Components ask this; only it knows where drafts are stored and under which key.
 * Once a sign-out of its store is heard (in this tab or another), it saves nothing more: the sign-out
 * discarded the store's drafts (auth/sign-out.ts), and a form still open would write its own back for
 * the next person to use this browser (a shared computer).
 */
export class ProductDraft<T> {
  readonly #store: DraftStore;
  readonly #key: string;
  readonly #storeId: string;
  /** The sign-outs of the store heard before this draft was opened. */
  readonly #outs: number;

  /** `productId` null: the product being added to the store, not created yet. */
  constructor(storeId: string, productId: string | null, store: DraftStore = createDraftStore()) {
    this.#store = store;
    this.#storeId = storeId;
    this.#outs = signOutsHeard(storeId);
    this.#key = productId === null ? newProductDraftKey(storeId) : productDraftKey(storeId, productId);
  }

  #signedOut(): boolean {
    return signOutsHeard(this.#storeId) !== this.#outs;
  }

  load(): Promise<T | undefined> {
    return this.#store.load<T>(this.#key);
  }

  async save(value: T): Promise<void> {
    if (this.#signedOut()) return;
    await this.#store.save(this.#key, value);
    // A sign-out heard while this was written: its discard may have come first, so the write is undone.
    if (this.#signedOut()) await this.#store.discard(this.#key);
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

