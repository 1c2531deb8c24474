/**
 * FlickRocket's adapter (platforms.md 3.3): the API cannot search, sort or filter by category, so
 * the whole catalogue is loaded once per store (every page of 50, up to PAGE_CAP pages), with the
 * price models, categories and licences' names, then searched, filtered, sorted and paged here. The cursor is the
 * offset into that local list. Orders page on the server (1-based pages of 50), newest first.
 */
import type { Adapter, AdapterContext } from '../../connect/adapter.ts';
import type { FlickRocketStoreConfig } from '../../connect/store-config.ts';
import type { Cursor, Order, Product, ProductListQuery, StoreMetadata } from '../../domain/catalog.ts';
import { ProductConflictError } from '../../domain/conflict.ts';
import { AppError } from '../../oauth/errors.ts';
import { flickRocketRefused, productEditBody } from './edit.ts';
import { mapOrder, mapProduct, readCategoryNames, readLicenceNames, readPriceModels, type FlickRocketMapContext } from './map.ts';
import { readCount, readOrderList, readProductDetail, readProductList } from './wire.ts';
import { readableItems } from '../wire.ts';
import { sharedRead } from '../shared-read.ts';
import { comparePrices, compareText, hasEveryWord, keepLastSelection, searchTextOf, searchWords, sortedOnce } from '../local-selection.ts';

/** The server's page size (fixed by FlickRocket). */
export const SERVER_PAGE_SIZE = 50;
/** Pages loaded at most: 1,000 products. Past it the catalogue says it shows the first 1,000. */
export const PAGE_CAP = 20;

interface Catalogue {
  context: FlickRocketMapContext;
  products: Product[];
  /** The wire JSON by product id (the edit body keeps the locale the mapper showed). */
  wire: Map<string, unknown>;
  capped: boolean;
  /** Products the store sent that could not be read (no name, no price): left out, and said. */
  skipped: number;
}

/** Whether `product` holds each word of the search (in its name or id) and is in the category asked for. */
function matches(product: Product, words: readonly string[], category: string | undefined): boolean {
  if (!hasEveryWord(searchTextOf(product, (p) => `${p.name.toLocaleLowerCase()}\u0000${p.id}`), words)) return false;
  return category === undefined || category === '' || product.categories.includes(category);
}

type ProductOrder = (a: Product, b: Product) => number;

/**
 * Lowest price first (`descending`: highest), in the shop's currency `main`. A product whose price
 * models lack it shows its price in another (map.ts), which no amount in `main` is lower or higher
 * than: those come after, by currency, each in order ("$9.99" sorted between "€4.99" and "€10.05"
 * before); a product without a price last, in both directions (comparePrices).
 */
function byPrice(main: string, descending: boolean): ProductOrder {
  const rank = (p: Product): number => (p.price === null ? 2 : p.currency === main ? 0 : 1);
  return (a, b) =>
    rank(a) - rank(b) || (rank(a) === 1 ? compareText(a.currency, b.currency) : 0) || comparePrices(a.price, b.price, descending) || Number(a.id) - Number(b.id);
}

/** The orders of a shop whose currency is `main` (its products' sorted copies are the shop's own: sortedOnce keys them by sort). */
function ordersIn(main: string): Record<NonNullable<ProductListQuery['sort']>, ProductOrder> {
  return {
    name: (a, b) => compareText(a.name, b.name) || Number(a.id) - Number(b.id),
    price: byPrice(main, false),
    '-price': byPrice(main, true),
    newest: (a, b) => compareText(b.created, a.created) || Number(b.id) - Number(a.id),
  };
}

/** The products matching `query`, in its order (a new array): a filter over the products sorted once per order. */
function selectIn(orders: Record<NonNullable<ProductListQuery['sort']>, ProductOrder>) {
  return (products: readonly Product[], query: ProductListQuery): Product[] => {
    const sort = query.sort ?? 'newest';
    const words = searchWords(query.q);
    return sortedOnce(products, sort, orders[sort]).filter((p) => matches(p, words, query.category));
  };
}

/** How the shop lists its orders, and its pages of 50 as read since the listing's first page. */
interface OrderListing {
  oldestFirst: boolean;
  /** How many there are: from count.json, or the one page there is; null while not known. */
  total: number | null;
  page(number: number, options: { signal?: AbortSignal }): Promise<Order[]>;
  /** When its first page was read (Date.now()): a listing older than ORDER_LISTING_FRESH_MS is read afresh. */
  readAt: number;
}

/**
 * How long a listing's pages serve the pages after the first: a page of orders opened later (Back
 * to it, a kept address) reads the shop again, new orders and all.
 */
const ORDER_LISTING_FRESH_MS = 60_000;

/** A page whose first order is older than its last: the list runs oldest first. */
function oldestFirst(orders: readonly Order[]): boolean {
  return orders.length > 1 && Date.parse(orders[0]!.createdAt) < Date.parse(orders[orders.length - 1]!.createdAt);
}

function offsetOf(cursor: Cursor | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const offset = Number(cursor);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError('API_BAD_REQUEST', 'the page cursor is not one this store made');
  return offset;
}

export function createFlickRocketAdapter({ store, send }: AdapterContext<FlickRocketStoreConfig>): Adapter & { catalogueCapped(): boolean } {
  let capped = false;
  // The next page of the same search slices the last selection instead of searching again.
  // The shop's currency as map.ts falls back to it (none configured: EUR).
  const selection = keepLastSelection(selectIn(ordersIn((store.currency ?? 'EUR').toUpperCase())));
  let orderListing: OrderListing | undefined;

  /** The shop's listing of orders as a first page shows it, read afresh from the first page on. */
  async function startOrderListing(call: { signal?: AbortSignal }): Promise<OrderListing> {
    const pages = new Map<number, Promise<Order[]>>();
    const page = (number: number, options: { signal?: AbortSignal }): Promise<Order[]> => {
      let read = pages.get(number);
      if (!read) {
        read = send({ method: 'GET', path: '/api/orders.json', query: { page: String(number) } }, 'listOrders', options).then((answer) =>
          readOrderList(answer.json).map((order, index) => mapOrder(order, `$.orders[${index}]`)),
        );
        read.catch(() => pages.delete(number));
        pages.set(number, read);
      }
      return read;
    };
    const first = await page(1, call);
    const whole = first.length < SERVER_PAGE_SIZE;
    const readAt = Date.now();
    if (!oldestFirst(first)) return { oldestFirst: false, total: whole ? first.length : null, page, readAt };
    const total = whole ? first.length : readCount((await send({ method: 'GET', path: '/api/orders/count.json' }, 'listOrders', call)).json);
    return { oldestFirst: true, total, page, readAt };
  }

  async function loadContext(signal?: AbortSignal): Promise<FlickRocketMapContext> {
    const options = signal ? { signal } : {};
    const [prices, categories, licences] = await Promise.all([
      send({ method: 'GET', path: '/api/prices.json' }, 'probe', options),
      send({ method: 'GET', path: '/api/categories.json' }, 'probe', options),
      // The names of the licences a product with several lists (the plugin reads them so): without
      // them (refused, failed or unreadable) those are "Licence 1", "Licence 2"; the catalogue still shows.
      send({ method: 'GET', path: '/api/licenses.json' }, 'probe', options)
        .then((answer) => readLicenceNames(answer.json, store.language))
        .catch(() => undefined),
    ]);
    return {
      prices: readPriceModels(prices.json),
      categories: readCategoryNames(categories.json),
      ...(licences !== undefined ? { licences } : {}),
      ...(store.currency !== undefined ? { currency: store.currency } : {}),
      ...(store.language !== undefined ? { language: store.language } : {}),
    };
  }

  async function load(signal?: AbortSignal): Promise<Catalogue> {
    const context = await loadContext(signal);
    const products: Product[] = [];
    const wire = new Map<string, unknown>();
    let skipped = 0;
    let page = 1;
    for (; page <= PAGE_CAP; page++) {
      const answer = await send({ method: 'GET', path: '/api/products.json', query: { page: String(page) } }, 'listProducts', signal ? { signal } : {});
      const items = readProductList(answer.json);
      const read = readableItems(items, (item, index) => {
        const product = mapProduct(item, context, `$.products[${index}]`);
        wire.set(product.id, { product: item });
        return product;
      });
      products.push(...read.items);
      skipped += read.skipped;
      if (items.length < SERVER_PAGE_SIZE) break;
    }
    capped = page > PAGE_CAP;
    return { context, products, wire, capped, skipped };
  }

  /** Read once for every screen; a screen left while it is read stops its own wait only (shared-read.ts). */
  const catalogue = sharedRead(load);

  return {
    catalogueCapped: () => capped,

    async listProducts(query, cursor, options) {
      const all = await catalogue(options?.signal);
      const count = query.count ?? 20;
      const offset = offsetOf(cursor);
      const found = selection(all.products, query);
      const next = offset + count < found.length ? (String(offset + count) as Cursor) : null;
      // The products left out are said once, with a list's first page (they match no search: unread).
      const left = offset === 0 && all.skipped > 0 ? { skipped: all.skipped } : {};
      return { products: found.slice(offset, offset + count), next, total: found.length, ...(all.capped ? { capped: all.products.length } : {}), ...left };
    },

    async getProduct(id, options) {
      if (!/^\d+$/.test(id)) throw new AppError('API_NOT_FOUND', 'no such product');
      const all = await catalogue(options?.signal);
      const answer = await send({ method: 'GET', path: `/api/products/${id}.json` }, 'getProduct', options?.signal ? { signal: options.signal } : {});
      const product = mapProduct(readProductDetail(answer.json), all.context);
      all.wire.set(product.id, answer.json);
      return product;
    },

    async getMetadata(options): Promise<StoreMetadata> {
      const all = await catalogue(options?.signal);
      return { name: store.name, currency: all.products[0]?.currency ?? store.currency ?? 'EUR' };
    },

    async listCategories(options) {
      const all = await catalogue(options?.signal);
      return [...new Set(all.context.categories.values())].sort(compareText);
    },

    async listPages() {
      return [];
    },

    /**
     * Newest first, `count` at a time, whichever way FlickRocket lists them ([unverified]: the docs
     * give pages of 50, `count.json` and `created_at_min/max`, no order). The first page tells the
     * way: one that runs oldest to newest is a list kept in the order orders came in, read from its
     * end (its length from count.json). The cursor is how many orders the pages before showed.
     */
    async listOrders(cursor, options) {
      const call = options?.signal ? { signal: options.signal } : {};
      const count = Math.min(SERVER_PAGE_SIZE, Math.max(1, options?.count ?? SERVER_PAGE_SIZE));
      let listing = orderListing;
      if (cursor === null || cursor === undefined || listing === undefined || Date.now() - listing.readAt > ORDER_LISTING_FRESH_MS) {
        listing = orderListing = await startOrderListing(call);
      }
      const orders: Order[] = [];
      const from = offsetOf(cursor);
      for (let at = from; at < from + count && (listing.total === null || at < listing.total); at++) {
        // Where the order `at` places from the newest is in the shop's own listing.
        const index = listing.oldestFirst ? listing.total! - 1 - at : at;
        const number = Math.floor(index / SERVER_PAGE_SIZE) + 1;
        const page = await listing.page(number, call);
        // A short page is the last: the listing's length is known from it.
        if (page.length < SERVER_PAGE_SIZE) listing.total ??= (number - 1) * SERVER_PAGE_SIZE + page.length;
        const order = page[index % SERVER_PAGE_SIZE];
        if (order === undefined) break;
        orders.push(order);
      }
      const shown = from + orders.length;
      const more = listing.total === null ? orders.length === count : shown < listing.total;
      return { orders, next: more ? (String(shown) as Cursor) : null, ...(listing.total === null ? {} : { total: listing.total }) };
    },

    /**
     * FlickRocket has no conditional update and no modification date on products: the product is
     * read again right before the PUT and compared, on what the editor shows, with this tab's last
     * copy (what the editor opened); changed meanwhile (another tab, another person) is a conflict,
     * not a PUT whose locales, built from the old copy, would put back the other edit's name or
     * description under "Saved.". The race window between the two requests is accepted, as on the
     * other platforms (platforms.md 2.4, 4.4). After a conflict the fresh copy is this tab's: Overwrite
     * with mine then saves over it.
     */
    async updateProduct(id, edit, _lastSeenUpdated, options) {
      const all = await catalogue(options?.signal);
      const seen = all.wire.get(id);
      const before = seen === undefined ? undefined : mapProduct(readProductDetail(seen), all.context);
      const now = await this.getProduct(id, options);
      if (before !== undefined && (before.name !== now.name || before.descriptionHtml !== now.descriptionHtml || before.published !== now.published)) {
        throw new ProductConflictError(now, 'updateProduct: the product changed in the store');
      }
      const body = productEditBody(edit, readProductDetail(all.wire.get(id)), store.language);
      const answer = await send({ method: 'PUT', path: `/api/products/${id}.json`, body: { json: body } }, 'updateProduct', options?.signal ? { signal: options.signal } : {});
      const product = mapProduct(readProductDetail(answer.json), all.context);
      all.wire.set(product.id, answer.json);
      const index = all.products.findIndex((p) => p.id === product.id);
      // A new array, not a change in place: the kept selection of the last search is then redone.
      if (index >= 0) all.products = all.products.map((p, i) => (i === index ? product : p));
      return product;
    },

    hooks: {
      forbidden: (_json, operation) => ({ requiredScope: operation === 'listOrders' ? 'orders' : 'products' }),
      refused: flickRocketRefused,
    },
  };
}
