/**
 * Foxy's store operations over the seam's transport (platforms.md 5.3, 5.4), links only: the API
 * home → `fx:store` → `fx:item_categories`, `fx:transactions` (zoomed with items), `fx:coupons`.
 * The catalogue is derived once per adapter from up to MAX_PAGES pages of transactions, then
 * searched, filtered, sorted and paged locally; the cursor is the local page index. Orders page by
 * the collection's own `next` link (the cursor is that link; `send` refuses another origin).
 */
import type { Adapter, AdapterContext, CallOptions } from '../../connect/adapter.ts';
import type { ApiOperation } from '../../connect/operations.ts';
import type { FoxyStoreConfig } from '../../connect/store-config.ts';
import { withCouponsUnread, type CouponList, type Cursor, type Order, type OrderPage, type Product, type ProductListQuery, type ProductPage, type StoreMetadata } from '../../domain/catalog.ts';
import type { Capability } from '../../domain/capability.ts';
import { AppError } from '../../oauth/errors.ts';
import { FOXY_CAPABILITIES } from '../foxy-profile.ts';
import { categoryNames, deriveCatalogue, derivedCategories, queryDerived, readSales, selectDerived, type DerivedItem } from './derive.ts';
import { keepLastSelection } from '../local-selection.ts';
import { collectPages, followLink, readCollectionPage, storeLink, withQuery } from './hal.ts';
import { couponsFromWire, orderFromSale, productFromDerived, storeMetadataFromWire } from './map.ts';
import { FOXY_HEADERS, FOXY_REL, readSale } from './wire.ts';
import { optionalString, readObject } from '../wire.ts';
import { sharedRead } from '../shared-read.ts';

/** Transactions read for the catalogue: 5 pages of 200 (platforms.md 5.3 [decision]). */
export const PAGE_LIMIT = 200;
export const MAX_PAGES = 5;
/** The coupons' `order`: newest first (hAPI `order=<field> <asc|desc>`, platforms.md 5.3; `date_created` on every coupon). */
export const COUPON_ORDER = 'date_created desc';
/** Used when the store has no transaction yet (Foxy's store resource has no currency). */
const FALLBACK_CURRENCY = 'USD';

interface Catalogue {
  items: DerivedItem[];
  currency: string;
  /** The store's `store_url`: items link there only (map.ts onStoreSite). */
  site: string | undefined;
  /** Sales that could not be read, whole or in part (derive.ts readSales): said over the cards. */
  unreadSales: number;
}

function pageIndex(cursor: Cursor | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  if (!/^\d{1,6}$/.test(cursor)) throw new AppError('API_BAD_REQUEST', 'unknown catalogue cursor');
  return Number(cursor);
}

export function createFoxyAdapter({ store, send }: AdapterContext<FoxyStoreConfig>): Adapter {
  const apiBase = store.apiBase;
  const getJson = async (url: string, operation: ApiOperation, options?: CallOptions): Promise<unknown> => {
    const response = await send({ method: 'GET', url, headers: FOXY_HEADERS }, operation, options?.signal ? { signal: options.signal } : {});
    return response.json;
  };

  // Each read once for every screen; a screen left while it is read stops its own wait only (shared-read.ts).
  const storeResource = sharedRead(async (signal) => {
    const home = await getJson(new URL('/', apiBase).href, 'probe', { signal });
    return getJson(storeLink(home, apiBase), 'probe', { signal });
  });
  const storeOf = (options?: CallOptions): Promise<unknown> => storeResource(options?.signal);

  // The next page of the same search slices the last selection (re-derived items start it over).
  const selection = keepLastSelection(selectDerived);
  const catalogue = sharedRead(async (signal): Promise<Catalogue> => {
    const options = { signal };
    const storeJson = await storeOf(options);
    const categoriesUrl = withQuery(followLink(storeJson, FOXY_REL.itemCategories, apiBase), { limit: PAGE_LIMIT });
    const salesUrl = withQuery(followLink(storeJson, FOXY_REL.transactions, apiBase), { zoom: 'items', order: 'transaction_date desc', limit: PAGE_LIMIT });
    const [categories, sales] = await Promise.all([
      collectPages((url) => getJson(url, 'listProducts', options), categoriesUrl, FOXY_REL.itemCategories, apiBase, MAX_PAGES),
      collectPages((url) => getJson(url, 'listProducts', options), salesUrl, FOXY_REL.transactions, apiBase, MAX_PAGES),
    ]);
    // One sale the store sent unreadable leaves out that sale (or its unreadable items), not the catalogue.
    const { sales: read, unread } = readSales(sales.entries);
    const items = deriveCatalogue(read, categoryNames(categories.entries));
    const currency = read.find((sale) => !sale.isTest)?.currency ?? FALLBACK_CURRENCY;
    const site = optionalString(readObject(storeJson, '$'), 'store_url', '$');
    return { items, currency, site, unreadSales: unread };
  });
  const load = (options?: CallOptions): Promise<Catalogue> => catalogue(options?.signal);

  return {
    // Run once before a new bundle is stored: the home must link fx:store (a user-scoped token's
    // links fx:stores: CREDENTIALS_WRONG_SCOPE). What a store token may do is fixed (5.4).
    async probe(options?: CallOptions): Promise<Capability[]> {
      await storeOf(options);
      return [...FOXY_CAPABILITIES];
    },

    async listProducts(query: ProductListQuery, cursor?: Cursor | null, options?: CallOptions): Promise<ProductPage> {
      const { items, site, unreadSales } = await load(options);
      const page = pageIndex(cursor);
      const result = queryDerived(items, { ...query, page }, selection);
      const end = (page + 1) * result.paging.count >= result.paging.total;
      const listed: ProductPage = { products: result.items.map((item) => productFromDerived(item, site)), next: end ? null : (String(page + 1) as Cursor), total: result.paging.total };
      if (unreadSales > 0) listed.unreadSales = unreadSales;
      return listed;
    },

    async getProduct(id: string, options?: CallOptions): Promise<Product> {
      let loaded = await load(options);
      let found = loaded.items.find((item) => item.id === id);
      if (found === undefined) {
        // Re-derive once: a sale may have come in since (platforms.md 5.3).
        catalogue.forget();
        loaded = await load(options);
        found = loaded.items.find((item) => item.id === id);
      }
      if (found === undefined) throw new AppError('API_NOT_FOUND', 'no such product in the store’s orders');
      return productFromDerived(found, loaded.site);
    },

    async getMetadata(options?: CallOptions): Promise<StoreMetadata> {
      const [storeJson, { currency }] = await Promise.all([storeOf(options), load(options)]);
      return storeMetadataFromWire(storeJson, currency);
    },

    async listCategories(options?: CallOptions): Promise<string[]> {
      return derivedCategories((await load(options)).items);
    },

    async listOrders(cursor?: Cursor | null, options?: CallOptions & { count?: number }): Promise<OrderPage> {
      const limit = Math.min(PAGE_LIMIT, Math.max(1, Math.floor(options?.count ?? 20)));
      // zoom=items: each order's items embedded, what was bought (5.6.6). The filters Foxy's own admin
      // starts its transactions list with (Foxy/foxy-elements, FilterAttributeForm.stories.ts):
      // total_items is then the count of orders shown.
      const url =
        cursor ??
        withQuery(followLink(await storeOf(options), FOXY_REL.transactions, apiBase), { zoom: 'items', order: 'transaction_date desc', is_test: 'false', hide_transaction: 'false', limit });
      const page = readCollectionPage(await getJson(url, 'listOrders', options), FOXY_REL.transactions, apiBase);
      const orders: Order[] = page.entries
        .map((entry, i) => readSale(entry, `$.fx:transactions[${i}]`))
        .filter((sale) => !sale.isTest && !sale.hidden)
        .map(orderFromSale);
      // (a server that ignored the filters: the test and hidden ones are still left out, and total_items
      // is then no count of orders)
      const filtered = orders.length !== page.entries.length;
      return { orders, next: page.next === undefined ? null : (page.next as Cursor), total: page.total, ...(filtered ? { roughTotal: true as const } : {}) };
    },

    async listCoupons(options?: CallOptions): Promise<CouponList> {
      // newest first, so that those past the pages read are the oldest: without `order` Foxy answers in its
      // own order (docs/platform-evidence.md)
      const url = withQuery(followLink(await storeOf(options), FOXY_REL.coupons, apiBase), { zoom: 'coupon_codes', order: COUPON_ORDER, limit: PAGE_LIMIT });
      const { entries, total, complete } = await collectPages((next) => getJson(next, 'listCoupons', options), url, FOXY_REL.coupons, apiBase, MAX_PAGES);
      // past MAX_PAGES pages the rest are said, counted by the last page's total_items (not listed, nor left unsaid),
      // as the oldest where the dates read show the order was kept
      if (complete || total <= entries.length) return couponsFromWire(entries);
      const created = entries.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as { date_created?: unknown }).date_created : undefined));
      return withCouponsUnread(couponsFromWire(entries), total, entries.length, created);
    },
  };
}
