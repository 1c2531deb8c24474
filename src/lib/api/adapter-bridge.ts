/**
 * Transitional: the seam's cursor-paged Adapter seen through the numbered StoreApi the catalogue,
 * orders and store-info states still call (until they keep cursors themselves, SEAM.md 5). Page N's
 * cursor is the `next` of page N-1, remembered per query; a page asked out of order walks from the
 * first page (bounded by the page number).
 */
import type { Adapter } from '../connect/adapter.ts';
import type { Cursor, NumberedOrderPage, NumberedProductPage, ProductListQuery, ProductQuery } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';
import type { StoreApi } from './client.ts';

/** Cursors remembered per query (oldest forgotten first). */
const MAX_REMEMBERED = 50;

function unsupported(what: string): Promise<never> {
  return Promise.reject(new AppError('API_NOT_FOUND', `${what} is not offered by this store's platform`));
}

export function bridgeAdapter(adapter: Adapter): StoreApi {
  const cursors = new Map<string, Cursor | null>();
  const remember = (key: string, cursor: Cursor | null): void => {
    if (cursors.size >= MAX_REMEMBERED) cursors.delete(cursors.keys().next().value ?? '');
    cursors.set(key, cursor);
  };

  /** The cursor of page `page` for `scope`, walking from page 0 when it is not remembered. */
  async function cursorOf<T extends { next: Cursor | null }>(scope: string, page: number, fetchPage: (cursor: Cursor | null) => Promise<T>): Promise<Cursor | null | undefined> {
    if (page === 0) return null;
    const known = cursors.get(`${scope}#${page}`);
    if (known !== undefined) return known;
    let cursor: Cursor | null = null;
    for (let index = 0; index < page; index++) {
      const result = await fetchPage(cursor);
      remember(`${scope}#${index + 1}`, result.next);
      if (result.next === null) return undefined;
      cursor = result.next;
    }
    return cursor;
  }

  return {
    async listProducts(query: ProductQuery = {}, signal) {
      const { page = 0, count, ...rest } = query;
      const listQuery: ProductListQuery = count === undefined ? rest : { ...rest, count };
      const scope = JSON.stringify(['products', listQuery]);
      const options = signal ? { signal } : {};
      const cursor = await cursorOf(scope, page, (c) => adapter.listProducts(listQuery, c, options));
      if (cursor === undefined) return { products: [], paging: { page, count: count ?? 0, total: 0 } };
      const result = await adapter.listProducts(listQuery, cursor, options);
      remember(`${scope}#${page + 1}`, result.next);
      const size = count ?? result.products.length;
      const seen = page * size + result.products.length;
      const total = result.total ?? seen + (result.next === null ? 0 : 1);
      return { products: result.products, paging: { page, count: size, total } } satisfies NumberedProductPage;
    },
    getProduct: (id, signal) => adapter.getProduct(id, signal ? { signal } : {}),
    getMetadata: (signal) => adapter.getMetadata(signal ? { signal } : {}),
    listPages: async (signal) => (adapter.listPages ? adapter.listPages(signal ? { signal } : {}) : []),
    getCart: (signal) => (adapter.getCart ? adapter.getCart(signal ? { signal } : {}) : unsupported('A cart')),
    addToCart: (productId, quantity, signal) => (adapter.addToCart ? adapter.addToCart(productId, quantity, signal ? { signal } : {}) : unsupported('A cart')),
    async listOrders(paging = {}, signal) {
      const listOrders = adapter.listOrders?.bind(adapter);
      if (!listOrders) return unsupported('Orders');
      const { page = 0, count } = paging;
      const options = { ...(signal ? { signal } : {}), ...(count !== undefined ? { count } : {}) };
      const scope = JSON.stringify(['orders', count]);
      const cursor = await cursorOf(scope, page, (c) => listOrders(c, options));
      if (cursor === undefined) return { orders: [], paging: { page, count: count ?? 0, total: 0 } };
      const result = await listOrders(cursor, options);
      remember(`${scope}#${page + 1}`, result.next);
      const size = count ?? result.orders.length;
      const total = result.total ?? page * size + result.orders.length + (result.next === null ? 0 : 1);
      return { orders: result.orders, paging: { page, count: size, total } } satisfies NumberedOrderPage;
    },
    listCoupons: (signal) => (adapter.listCoupons ? adapter.listCoupons(signal ? { signal } : {}) : unsupported('Coupons')),
    updateProduct: (id, edit, lastSeenUpdated, signal) =>
      adapter.updateProduct ? adapter.updateProduct(id, edit, lastSeenUpdated, signal ? { signal } : {}) : unsupported('Editing products'),
    createProduct: (product, signal) => (adapter.createProduct ? adapter.createProduct(product, signal ? { signal } : {}) : unsupported('Adding products')),
  };
}
