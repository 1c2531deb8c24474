/** The catalogue's cursor paging over Goodsie's numbered store API client (seam kinds page themselves). */
import type { StoreApi } from '../api/client.ts';
import { nextPageCursor, type Cursor, type ProductListQuery, type ProductPage } from '../domain/catalog.ts';

/** Products per page of the catalogue grid. */
export const PAGE_SIZE = 24;

/** One page of products for `cursor` (null: the first); an adapter's listProducts has this shape. */
export type ListProductPage = (query: ProductListQuery, cursor: Cursor | null, signal: AbortSignal) => Promise<ProductPage>;

/** Cursor pages over the numbered store API client: the cursor is the next page number. */
export function cursorPagesOf(api: StoreApi, count = PAGE_SIZE): ListProductPage {
  return async (query, cursor, signal) => {
    const page = await api.listProducts({ ...query, page: cursor === null ? 0 : Number(cursor), count }, signal);
    return { products: page.products, next: nextPageCursor(page.paging, page.products.length), total: page.paging.total };
  };
}
