import type { Cursor, Product, ProductListQuery } from '../domain/catalog.ts';
import type { ListProductPage } from './cursor-pages.ts';

export { PAGE_SIZE, cursorPagesOf, type ListProductPage } from './cursor-pages.ts';

type Status = 'loading' | 'ready' | 'error';

/**
 * The product grid: pages through an opaque cursor, one request at a time, dropping the answers of
 * a query that has since changed. Its fields are read through getters; only its methods change them.
 */
export class Catalog {
  #list: ListProductPage;
  #query: ProductListQuery = {};
  #next = $state<Cursor | null>(null);
  #controller: AbortController | null = null;
  #products = $state<Product[]>([]);
  #total = $state<number | null>(null);
  #status = $state<Status>('loading');
  #loadingMore = $state(false);
  #error = $state<unknown>(null);
  #moreError = $state<unknown>(null);

  constructor(list: ListProductPage) {
    this.#list = list;
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
    return this.#next !== null;
  }

  /** Starts over with a new query (search, category or sort changed). */
  async load(query: Omit<ProductListQuery, 'count'>): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#query = query;
    this.#next = null;
    this.#products = [];
    this.#total = null;
    this.#status = 'loading';
    this.#error = null;
    this.#moreError = null;
    this.#loadingMore = false;
    try {
      const page = await this.#list(query, null, controller.signal);
      if (controller.signal.aborted) return;
      this.#products = page.products;
      this.#total = page.total ?? null;
      this.#next = page.next;
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
      const page = await this.#list(this.#query, this.#next, controller.signal);
      if (controller.signal.aborted) return;
      const seen = new Set(this.#products.map((p) => p.id));
      this.#products = [...this.#products, ...page.products.filter((p) => !seen.has(p.id))];
      this.#total = page.total ?? this.#total;
      this.#next = page.products.length > 0 ? page.next : null;
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
