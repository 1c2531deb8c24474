import type { StoreApi } from '../api/client.ts';
import type { Product, ProductQuery } from '../domain/catalog.ts';

export const PAGE_SIZE = 24;

type Status = 'loading' | 'ready' | 'error';

/**
 * The product grid: pages through the API with 0-based `page` and `count`, one request at a time,
 * dropping the answers of a query that has since changed.
 */
export class Catalog {
  #api: StoreApi;
  #query: ProductQuery = {};
  #nextPage = 0;
  #controller: AbortController | null = null;
  #products = $state<Product[]>([]);
  #total = $state<number | null>(null);
  #status = $state<Status>('loading');
  #loadingMore = $state(false);
  #error = $state<unknown>(null);
  #moreError = $state<unknown>(null);

  constructor(api: StoreApi) {
    this.#api = api;
  }

  get products(): readonly Product[] {
    return this.#products;
  }

  get total(): number | null {
    return this.#total;
  }

  get status(): Status {
    return this.#status;
  }

  get loadingMore(): boolean {
    return this.#loadingMore;
  }

  get error(): unknown {
    return this.#error;
  }

  get moreError(): unknown {
    return this.#moreError;
  }

  get hasMore(): boolean {
    return this.#total !== null && this.#products.length < this.#total && this.#nextPage > 0;
  }

  /** Starts over with a new query (search, category or sort changed). */
  async load(query: Omit<ProductQuery, 'page' | 'count'>): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#query = query;
    this.#nextPage = 0;
    this.#products = [];
    this.#total = null;
    this.#status = 'loading';
    this.#error = null;
    this.#moreError = null;
    this.#loadingMore = false;
    try {
      const page = await this.#api.listProducts({ ...query, page: 0, count: PAGE_SIZE }, controller.signal);
      if (controller.signal.aborted) return;
      this.#products = page.products;
      this.#total = page.paging.total;
      this.#nextPage = page.products.length > 0 ? 1 : 0;
      this.#status = 'ready';
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      this.#error = error;
      this.#status = 'error';
    }
  }

  /** Loads the next page; called ahead of time as the person nears the end of the grid. */
  async loadMore(): Promise<void> {
    if (this.#status !== 'ready' || this.#loadingMore || !this.hasMore) return;
    const controller = this.#controller;
    if (!controller) return;
    this.#loadingMore = true;
    this.#moreError = null;
    try {
      const page = await this.#api.listProducts(
        { ...this.#query, page: this.#nextPage, count: PAGE_SIZE },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      const seen = new Set(this.#products.map((p) => p.id));
      this.#products = [...this.#products, ...page.products.filter((p) => !seen.has(p.id))];
      this.#total = page.paging.total;
      this.#nextPage = page.products.length > 0 ? this.#nextPage + 1 : 0;
    } catch (error) {
      if (!controller.signal.aborted && !isAbort(error)) this.#moreError = error;
    } finally {
      if (this.#controller === controller) this.#loadingMore = false;
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
