/**
 * The app's page-numbered StoreApi (what the screens use today) over a seam Adapter (cursor-paged):
 * page n of a query is reached by following the cursors from page 0, remembered per query, so each
 * page is asked for once. Goes away when the catalogue state keeps cursors itself (the seam's plan).
 */
import type { Adapter } from '../connect/adapter.ts';
import type { Cursor, ProductQuery } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';
import type { StoreApi } from './client.ts';

function unsupported(what: string): Promise<never> {
  return Promise.reject(new AppError('API_BAD_REQUEST', `this store has no ${what}`));
}

export function adapterStoreApi(adapter: Adapter): StoreApi & { listCategories?: (signal?: AbortSignal) => Promise<string[]> } {
  /** Query key -> cursor of each page index already reached (page 0 is null). */
  const cursors = new Map<string, (Cursor | null)[]>();

  async function cursorFor(query: Omit<ProductQuery, 'page'>, page: number, signal?: AbortSignal): Promise<Cursor | null | undefined> {
    const key = JSON.stringify([query.q ?? '', query.category ?? '', query.sort ?? '', query.count ?? 0]);
    const known = cursors.get(key) ?? [null];
    cursors.set(key, known);
    while (known.length <= page) {
      const last = known[known.length - 1];
      if (last === null && known.length > 1) return undefined;
      const walked = await adapter.listProducts(query, last ?? null, signal ? { signal } : {});
      if (walked.next === null) return undefined;
      known.push(walked.next);
    }
    return known[page];
  }

  const api: StoreApi & { listCategories?: (signal?: AbortSignal) => Promise<string[]> } = {
    async listProducts(query = {}, signal) {
      const { page = 0, ...rest } = query;
      const count = rest.count ?? 20;
      const cursor = await cursorFor({ ...rest, count }, page, signal);
      if (cursor === undefined) return { products: [], paging: { page, count, total: 0 } };
      const result = await adapter.listProducts({ ...rest, count }, cursor, signal ? { signal } : {});
      const total = result.total ?? page * count + result.products.length + (result.next === null ? 0 : count);
      return { products: result.products, paging: { page, count, total } };
    },
    getProduct: (id, signal) => adapter.getProduct(id, signal ? { signal } : {}),
    getMetadata: (signal) => adapter.getMetadata(signal ? { signal } : {}),
    listPages: (signal) => (adapter.listPages ? adapter.listPages(signal ? { signal } : {}) : Promise.resolve([])),
    getCart: () => unsupported('cart'),
    addToCart: () => unsupported('cart'),
    async listOrders(paging = {}, signal) {
      if (!adapter.listOrders) return unsupported('orders');
      const page = paging.page ?? 0;
      const count = paging.count ?? 20;
      // Orders cursors of the seam kinds are server page numbers from 1.
      const result = await adapter.listOrders(page === 0 ? null : (String(page + 1) as Cursor), signal ? { signal, count } : { count });
      const total = result.total ?? page * count + result.orders.length + (result.next === null ? 0 : count);
      return { orders: result.orders, paging: { page, count, total } };
    },
    listCoupons: () => unsupported('coupons'),
    updateProduct: (id, edit, lastSeen, signal) =>
      adapter.updateProduct ? adapter.updateProduct(id, edit, lastSeen, signal ? { signal } : {}) : unsupported('product editing'),
    createProduct: (product, signal) => (adapter.createProduct ? adapter.createProduct(product, signal ? { signal } : {}) : unsupported('product creation')),
  };
  if (adapter.listCategories) {
    const list = adapter.listCategories.bind(adapter);
    api.listCategories = (signal) => list(signal ? { signal } : {});
  }
  return api;
}
