import type { StoreApi } from '../api/client.ts';
import type { StoreMetadata, StorePage } from '../domain/catalog.ts';

/** What a store says about itself (name, currency, pages, categories), loaded once per store. */
export class StoreInfo {
  #api: StoreApi;
  #metadata = $state<StoreMetadata | null>(null);
  #pages = $state<StorePage[]>([]);
  #categories = $state<string[]>([]);
  #started = false;

  constructor(api: StoreApi) {
    this.#api = api;
  }

  get metadata(): StoreMetadata | null {
    return this.#metadata;
  }

  get pages(): readonly StorePage[] {
    return this.#pages;
  }

  get categories(): readonly string[] {
    return this.#categories;
  }

  /** Asks the store for its pages again (a page not found among those loaded); rejects as the API does. */
  async reloadPages(): Promise<void> {
    this.#pages = await this.#api.listPages();
  }

  /** Loads once; failures leave the defaults (the catalogue still works without them). */
  ensureLoaded(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#api.getMetadata().then(
      (m) => (this.#metadata = m),
      () => {},
    );
    void this.#api.listPages().then(
      (p) => (this.#pages = p),
      () => {},
    );
    // The contract has no category list: gather them from the newest hundred products.
    void this.#api.listProducts({ page: 0, count: 100 }).then(
      (page) => this.noteCategories(page.products.flatMap((p) => p.categories)),
      () => {},
    );
  }

  noteCategories(found: readonly string[]): void {
    const merged = new Set([...this.#categories, ...found.filter((c) => c.trim() !== '')]);
    if (merged.size !== this.#categories.length) this.#categories = [...merged].sort((a, b) => a.localeCompare(b));
  }
}
