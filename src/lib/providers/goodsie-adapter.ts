/**
 * Goodsie's operations on the seam: its request builders (goodsie.ts) and wire mappers
 * (goodsie-map.ts) over the signed transport, with a cursor that is the next page number. Lazily
 * loaded, one per store.
 */
import type { Adapter, AdapterContext } from '../connect/adapter.ts';
import type { ApiOperation } from '../connect/operations.ts';
import type { ApiRequest } from '../connect/request.ts';
import { nextPageCursor, productPageOf, type Cursor, type NumberedProductPage } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';
import { goodsie } from './goodsie.ts';
import type { GoodsieRequest } from './types.ts';

function toApiRequest(request: GoodsieRequest): ApiRequest {
  return {
    method: request.method,
    path: request.path,
    ...(request.query ? { query: request.query } : {}),
    ...(request.body !== undefined ? { body: { json: request.body } } : {}),
  };
}

/** The page a cursor names; the first page for none. */
function pageOf(cursor: Cursor | null | undefined): number {
  if (cursor === null || cursor === undefined) return goodsie.paging.firstPage;
  const page = Number(cursor);
  if (!Number.isSafeInteger(page) || page < goodsie.paging.firstPage) throw new AppError('API_BAD_REQUEST', 'this page cursor is not Goodsie’s');
  return page;
}

function clampCount(count: number | undefined): number {
  const { minCount, maxCount, defaultCount } = goodsie.paging;
  if (count === undefined) return defaultCount;
  if (!Number.isSafeInteger(count) || count < minCount || count > maxCount) {
    throw new AppError('API_BAD_REQUEST', `count must be an integer from ${minCount} to ${maxCount}`);
  }
  return count;
}


export function createGoodsieAdapter({ send }: AdapterContext): Adapter {
  const { adapter } = goodsie;
  const call = async <T>(operation: ApiOperation, request: GoodsieRequest, map: (json: unknown) => T, signal?: AbortSignal): Promise<T> =>
    map((await send(toApiRequest(request), operation, signal ? { signal } : {})).json);
  return {
    async listProducts(query, cursor, options) {
      const request = adapter.listProductsRequest({ ...query, page: pageOf(cursor), count: clampCount(query.count) });
      const page: NumberedProductPage = await call('listProducts', request, adapter.mapProductPage, options?.signal);
      return productPageOf(page);
    },
    getProduct: (id, options) => call('getProduct', adapter.getProductRequest(id), adapter.mapProduct, options?.signal),
    getMetadata: (options) => call('getMetadata', adapter.getMetadataRequest(), adapter.mapMetadata, options?.signal),
    listPages: (options) => call('listPages', adapter.listPagesRequest(), adapter.mapPages, options?.signal),
    getCart: (options) => call('getCart', adapter.getCartRequest(), adapter.mapCart, options?.signal),
    addToCart: (productId, quantity, options) => call('addToCart', adapter.addToCartRequest(productId, quantity), adapter.mapCart, options?.signal),
    async listOrders(cursor, options) {
      const request = adapter.listOrdersRequest({ page: pageOf(cursor), count: clampCount(options?.count) });
      const page = await call('listOrders', request, adapter.mapOrderPage, options?.signal);
      return { orders: page.orders, next: nextPageCursor(page.paging, page.orders.length), total: page.paging.total };
    },
    listCoupons: (options) => call('listCoupons', adapter.listCouponsRequest(), adapter.mapCoupons, options?.signal),
    updateProduct: (id, edit, lastSeenUpdated, options) =>
      call('updateProduct', adapter.updateProductRequest(id, edit, lastSeenUpdated), adapter.mapProduct, options?.signal),
    createProduct: (product, options) => call('createProduct', adapter.createProductRequest(product), adapter.mapProduct, options?.signal),
    hooks: { conflict: adapter.mapConflict, refused: adapter.mapRefusal },
  };
}
