/**
 * The screens' StoreApi over a seam Adapter (cursor-paged, connect/adapter.ts), for the kinds that
 * run on the seam. The catalogue pages by cursor directly (StoreApis.pages); what is still numbered
 * here (StoreInfo's sample of the newest hundred products, the orders table's page n) is reached by following the
 * cursors from the first page, remembered per query, so each page is asked for once.
 * An operation the platform does not have rejects with API_NOT_SUPPORTED; capabilities keep the
 * screens that use one from asking.
 */
import type { Adapter, CallOptions } from '../connect/adapter.ts';
import type { Cursor, NumberedOrderPage, NumberedProductPage, ProductListQuery } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';
import type { StoreApi } from './client.ts';
import { checkEdit, checkNewProduct } from './request-checks.ts';

const DEFAULT_COUNT = 24;

function unsupported(what: string): Promise<never> {
  return Promise.reject(new AppError('API_NOT_SUPPORTED', `this store's platform has no ${what}`));
}

function opts(signal: AbortSignal | undefined): CallOptions {
  return signal ? { signal } : {};
}

/**
 * Page `index` of a cursor-paged list: walks from the first page, remembering each page's cursor
 * (null for the first, undefined past the end), so asking for page 3 twice walks once.
 */
export function cursorWalker<P extends { next: Cursor | null }>(load: (cursor: Cursor | null, signal?: AbortSignal) => Promise<P>) {
  const known = new Map<string, (Cursor | null)[]>();
  return async (key: string, index: number, signal?: AbortSignal): Promise<P | null> => {
    const cursors = known.get(key) ?? [null];
    known.set(key, cursors);
    while (cursors.length <= index) {
      const at = cursors.length;
      const last = cursors[at - 1]!;
      if (last === null && at > 1) return null;
      const walked = await load(last, signal);
      if (walked.next === null) return null;
      // Another walk of the same list may have noted this page's next cursor while this one waited.
      if (cursors.length === at) cursors.push(walked.next);
    }
    const page = await load(cursors[index]!, signal);
    // The way on from it is known now: the next page need not walk here again.
    if (cursors.length === index + 1 && page.next !== null) cursors.push(page.next);
    return page;
  };
}

export function adapterStoreApi(adapter: Adapter): StoreApi {
  const productPages = new Map<string, ReturnType<typeof cursorWalker<Awaited<ReturnType<Adapter['listProducts']>>>>>();
  const orderPages = adapter.listOrders
    ? cursorWalker((cursor, signal) => adapter.listOrders!(cursor, { ...opts(signal), count: orderCount }))
    : null;
  let orderCount = DEFAULT_COUNT;

  return {
    async listProducts(query = {}, signal): Promise<NumberedProductPage> {
      const { page = 0, ...rest } = query;
      const listQuery: ProductListQuery = { ...rest, count: rest.count ?? DEFAULT_COUNT };
      const key = JSON.stringify(listQuery);
      let walk = productPages.get(key);
      if (!walk) {
        walk = cursorWalker((cursor, s) => adapter.listProducts(listQuery, cursor, opts(s)));
        productPages.set(key, walk);
      }
      const count = listQuery.count!;
      const result = await walk(key, page, signal);
      if (!result) return { products: [], paging: { page, count, total: page * count } };
      const total = result.total ?? page * count + result.products.length + (result.next === null ? 0 : count);
      return { products: result.products, paging: { page, count, total } };
    },
    getProduct: (id, signal) => adapter.getProduct(id, opts(signal)),
    listVariants: (parent, signal) => (adapter.listVariants ? adapter.listVariants(parent, opts(signal)) : unsupported('variants')),
    getMetadata: (signal) => adapter.getMetadata(opts(signal)),
    listPages: (signal) => (adapter.listPages ? adapter.listPages(opts(signal)) : Promise.resolve([])),
    listCategories: (signal) => (adapter.listCategories ? adapter.listCategories(opts(signal)) : unsupported('category list')),
    getCart: (signal) => (adapter.getCart ? adapter.getCart(opts(signal)) : unsupported('cart')),
    addToCart: (productId, quantity, signal) => (adapter.addToCart ? adapter.addToCart(productId, quantity, opts(signal)) : unsupported('cart')),
    async listOrders(paging = {}, signal): Promise<NumberedOrderPage> {
      if (!orderPages) return unsupported('orders');
      const page = paging.page ?? 0;
      orderCount = paging.count ?? DEFAULT_COUNT;
      const result = await orderPages(String(orderCount), page, signal);
      if (!result) return { orders: [], paging: { page, count: orderCount, total: page * orderCount } };
      const total = result.total ?? page * orderCount + result.orders.length + (result.next === null ? 0 : orderCount);
      const paged: NumberedOrderPage = { orders: result.orders, paging: { page, count: orderCount, total } };
      // Where the store told no count (one guessed from the pages seen), or one of more than it lists.
      if (result.total === undefined || result.roughTotal) paged.roughTotal = true;
      if (result.partsUnread !== undefined) paged.partsUnread = result.partsUnread;
      return paged;
    },
    listCoupons: (signal) => (adapter.listCoupons ? adapter.listCoupons(opts(signal)) : unsupported('coupons')),
    async updateProduct(id, edit, lastSeen, signal) {
      if (!adapter.updateProduct) return unsupported('product editing');
      checkEdit(edit);
      return adapter.updateProduct(id, edit, lastSeen, opts(signal));
    },
    updateVariantStock: (id, stock, lastSeen, signal) => (adapter.updateVariantStock ? adapter.updateVariantStock(id, stock, lastSeen, opts(signal)) : unsupported('variant stock')),
    async createProduct(product, signal) {
      if (!adapter.createProduct) return unsupported('new products');
      checkNewProduct(product);
      return adapter.createProduct(product, opts(signal));
    },
  };
}
