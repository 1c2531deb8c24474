import type { StoreApi } from '../api/client.ts';
import type { StoreMetadata, StorePage } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';

/** What a store says about itself (name, currency, pages, categories), loaded once per store. */
export class StoreInfo {
  #api: StoreApi;
  #metadata = $state<StoreMetadata | null>(null);
  /** The store has answered for its metadata (or failed to): its currency is as known as it will be. */
  #metadataKnown = $state(false);
  #pages = $state<StorePage[]>([]);
  /** The store has answered for its pages (or failed to): the catalogue's head no longer holds a line for them. */
  #pagesKnown = $state(false);
  #categories = $state<string[]>([]);
  #started = false;
  #categoriesAsked = false;

  constructor(api: StoreApi) {
    this.#api = api;
  }

  get metadata(): StoreMetadata | null {
    return this.#metadata;
  }

  get metadataKnown(): boolean {
    return this.#metadataKnown;
  }

  get pages(): readonly StorePage[] {
    return this.#pages;
  }

  get pagesKnown(): boolean {
    return this.#pagesKnown;
  }

  get categories(): readonly string[] {
    return this.#categories;
  }

  /** Asks the store for its pages again (a page not found among those loaded); rejects as the API does. */
  async reloadPages(): Promise<void> {
    this.#pages = await this.#api.listPages();
  }

  /** Loads once what the first screen shows (name, pages); failures leave the defaults (the catalogue still works without them). */
  ensureLoaded(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#api
      .getMetadata()
      .then((m) => (this.#metadata = m))
      .catch(() => {})
      .finally(() => (this.#metadataKnown = true));
    void this.#api
      .listPages()
      .then((p) => (this.#pages = p))
      .catch(() => {})
      .finally(() => (this.#pagesKnown = true));
  }

  /**
   * The fuller category list for the filter and the Embed screen, once: the platform's own list
   * where it has one, else the categories of the newest hundred products (Goodsie's contract lists
   * none). Never part of the first screen: the products shown bring their own categories (noteCategories),
   * and the catalogue asks for this when idle after them, or when the person reaches for the filter.
   * A failure leaves what is known and lets a later call try again.
   */
  loadCategories(): void {
    if (this.#categoriesAsked) return;
    this.#categoriesAsked = true;
    this.#api
      .listCategories()
      .catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === 'API_NOT_SUPPORTED')) throw error;
        return this.#api.listProducts({ page: 0, count: 100 }).then((page) => page.products.flatMap((p) => p.categories));
      })
      .then(
        (names) => this.noteCategories(names),
        () => (this.#categoriesAsked = false),
      );
  }

  noteCategories(found: readonly string[]): void {
    const merged = new Set([...this.#categories, ...found.filter((c) => c.trim() !== '')]);
    if (merged.size !== this.#categories.length) this.#categories = [...merged].sort((a, b) => a.localeCompare(b));
  }
}
