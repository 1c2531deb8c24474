import type { Cursor, Product, ProductListQuery, ProductPage } from '../domain/catalog.ts';
import type { ListProductPage } from './cursor-pages.ts';
import { isAppError } from '../oauth/errors.ts';
import { isAuthEnded } from '../oauth/http-errors.ts';

type Status = 'loading' | 'ready' | 'error';

/** What a catalogue has loaded for one query: enough to show it again without asking the store. */
export interface CatalogSnapshot {
  query: Omit<ProductListQuery, 'count'>;
  products: readonly Product[];
  next: Cursor | null;
  total: number | null;
  /** ProductPage.unreadSales of the list (Foxy), so Back says it again. */
  unreadSales?: number;
}

/**
 * Failures of a new list that take the list shown before away: the access itself is the trouble
 * (ended, not granted, its renewal waiting), and the screen's AccessError has what to do about it
 * (Reconnect, Grant access, tried again by itself). Any other (offline, the store's 5xx, a time
 * limit, a refusal) leaves the list shown before on screen, said to be that (CatalogView).
 */
const takesListAway = (error: unknown): boolean =>
  isAuthEnded(error) || (isAppError(error) && (error.code === 'API_INSUFFICIENT_SCOPE' || error.code === 'TOKEN_RENEWAL_UNAVAILABLE'));

/** A list shown whole, kept while the next one loads (Catalog's `keptError`). */
interface ShownList extends CatalogSnapshot {
  capped: number | null;
}

/**
 * The product grid: pages through an opaque cursor, one request at a time, dropping the answers of
 * a query that has since changed. Its fields are read through getters; only its methods change them.
 */
export class Catalog {
  #list: ListProductPage;
  #query: Omit<ProductListQuery, 'count'> = {};
  #next = $state<Cursor | null>(null);
  #controller: AbortController | null = null;
  // Replaced, never changed in place: no deep proxy over thousands of products.
  #products = $state.raw<readonly Product[]>([]);
  #ids = new Set<string>();
  #total = $state<number | null>(null);
  #capped = $state<number | null>(null);
  /** Products the store sent that could not be read, in the pages loaded for this query. */
  #skipped = $state(0);
  /** Sales the whole catalogue is derived from that could not be read (ProductPage.unreadSales). */
  #unreadSales = $state(0);
  #status = $state<Status>('loading');
  #loadingMore = $state(false);
  #error = $state<unknown>(null);
  #moreError = $state<unknown>(null);
  /** The last list shown whole, while another loads: what stays on screen if that one cannot come. */
  #shown: ShownList | null = null;
  #keptError = $state<unknown>(null);

  constructor(list: ListProductPage) {
    this.#list = list;
  }

  get products(): readonly Product[] {
    return this.#products;
  }

  get total(): number | null {
    return this.#total;
  }

  /** How many products the platform's list was cut at (FlickRocket's 1,000), or null when whole. */
  get capped(): number | null {
    return this.#capped;
  }

  /** How many products of the pages loaded the store sent unreadable (left out: no name, no price). */
  get skipped(): number {
    return this.#skipped;
  }

  /** How many of the sales the catalogue is derived from (Foxy) could not be read, whole or in part. */
  get unreadSales(): number {
    return this.#unreadSales;
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

  /**
   * Why the list asked for last is not the one shown: it could not load (offline, the store's
   * failure: any but takesListAway's), so the list shown before it stays (its products, total and
   * pages; `status` is 'ready').
   * Null when the products are the list asked for. Its retry is a new {@link load}.
   */
  get keptError(): unknown {
    return this.#keptError;
  }

  get hasMore(): boolean {
    return this.#next !== null;
  }

  /** What is loaded, to show again later with {@link restore}; null until the first page is in. */
  snapshot(): CatalogSnapshot | null {
    if (this.#status !== 'ready' || this.#keptError !== null) return null; // a kept list is not the query's
    const snapshot: CatalogSnapshot = { query: this.#query, products: this.#products, next: this.#next, total: this.#total };
    if (this.#unreadSales > 0) snapshot.unreadSales = this.#unreadSales;
    return snapshot;
  }

  /** Shows what a snapshot holds (Back to a list already loaded), with no request; more pages load on from its cursor. */
  restore(snapshot: CatalogSnapshot): void {
    this.#start(snapshot.query);
    this.#setProducts(snapshot.products);
    this.#total = snapshot.total;
    this.#next = snapshot.next;
    this.#unreadSales = snapshot.unreadSales ?? 0;
    this.#status = 'ready';
  }

  #start(query: Omit<ProductListQuery, 'count'>): AbortController {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#status === 'ready' && this.#keptError === null) {
      this.#shown = { query: this.#query, products: this.#products, next: this.#next, total: this.#total, capped: this.#capped };
    }
    this.#keptError = null;
    this.#query = query;
    this.#next = null;
    this.#setProducts([]);
    this.#total = null;
    this.#skipped = 0;
    this.#unreadSales = 0;
    this.#status = 'loading';
    this.#error = null;
    this.#moreError = null;
    this.#loadingMore = false;
    return controller;
  }

  #setProducts(products: readonly Product[]): void {
    this.#products = products;
    this.#ids = new Set(products.map((p) => p.id));
  }

  /**
   * Starts over with a new query (search, category or sort changed). `atLeast`: pages go on loading
   * until that many products are in (or the list ends), and the list shows once they all are: a
   * reloaded tab puts the person back where they were in it (CatalogView). The lister is told how
   * many are still wanted (numbered pages then all leave at once: numberedPagesFrom); one that
   * answers with less is asked again, one page after another. `pauseMs`: the list shows as loading
   * at once, but the store is asked only after that pause, and not at all if another query comes
   * meanwhile (the arrow keys stepping through a filter's choices).
   */
  async load(query: Omit<ProductListQuery, 'count'>, atLeast = 0, pauseMs = 0): Promise<void> {
    const controller = this.#start(query);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    if (controller.signal.aborted) return;
    try {
      const page = await this.#list(query, null, controller.signal, atLeast);
      if (controller.signal.aborted) return;
      this.#setProducts(page.products);
      this.#total = page.total ?? null;
      this.#capped = page.capped ?? null;
      this.#skipped = page.skipped ?? 0;
      this.#unreadSales = page.unreadSales ?? 0;
      this.#next = page.next;
      try {
        while (this.#products.length < atLeast && this.#next !== null) {
          const more = await this.#list(query, this.#next, controller.signal, atLeast - this.#products.length);
          if (controller.signal.aborted) return;
          this.#addPage(more);
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        // The pages in so far show, with the error where more would load (its retry asks again).
        this.#moreError = error;
      }
      this.#status = 'ready';
    } catch (error) {
      // Only this load's own stop is silent: an abort from anywhere else (a read shared with a screen
      // that was left) is a failure like any other, with Try again, never a list loading for ever.
      if (controller.signal.aborted) return;
      const shown = this.#shown;
      if (shown && shown.products.length > 0 && !takesListAway(error)) {
        // The list on screen is still good, so it stays, said to be the one from before, whether the
        // browser is offline or the store failed: the same failure of a search said the same way.
        this.restore(shown);
        this.#capped = shown.capped;
        this.#keptError = error;
        return;
      }
      this.#shown = null; // the error takes the list's place: nothing is on screen to keep
      this.#error = error;
      this.#status = 'error';
    }
  }

  /** The next page on its way (loadMore's promise), for a second call to wait on. */
  #more: Promise<void> | null = null;

  /**
   * Loads the next page; called ahead of time as the person nears the end of the grid, or by Load
   * more. A call while a page is on its way waits for that page instead of asking for another.
   */
  loadMore(): Promise<void> {
    if (this.#loadingMore && this.#more) return this.#more;
    const more = this.#loadNext();
    this.#more = more;
    return more;
  }

  async #loadNext(): Promise<void> {
    if (this.#status !== 'ready' || this.#loadingMore || !this.hasMore) return;
    const controller = this.#controller;
    if (!controller) return;
    this.#loadingMore = true;
    this.#moreError = null;
    try {
      const page = await this.#list(this.#query, this.#next, controller.signal);
      if (controller.signal.aborted) return;
      this.#addPage(page);
    } catch (error) {
      if (!controller.signal.aborted) this.#moreError = error;
    } finally {
      if (this.#controller === controller) this.#loadingMore = false;
    }
  }

  /**
   * Adds a further page: its products, leaving out any already listed (a list that shifted between
   * pages), its total, and its cursor (none after an empty page).
   */
  #addPage(page: ProductPage): void {
    // Each page costs the same however many are loaded: only the new page is looked through.
    const fresh = page.products.filter((p) => !this.#ids.has(p.id));
    for (const p of fresh) this.#ids.add(p.id);
    this.#products = [...this.#products, ...fresh];
    this.#total = page.total ?? this.#total;
    this.#skipped += page.skipped ?? 0;
    this.#next = page.products.length + (page.skipped ?? 0) > 0 ? page.next : null;
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
