/** The catalogue's cursor paging over Goodsie's numbered store API client (seam kinds page themselves). */
import type { StoreApi } from '../api/client.ts';
import { numberedPagesFrom, productPageOf, type Cursor, type ProductListQuery, type ProductPage } from '../domain/catalog.ts';

/** Products per page of the catalogue grid. */
export const PAGE_SIZE = 24;

/**
 * One page of products for `cursor` (null: the first); an adapter's listProducts has this shape.
 * `atLeast`: the caller wants that many products from here (a reload going back down the list):
 * a lister that can may answer with several pages' worth at once, its cursor then after them;
 * one that cannot ignores it, and is asked again.
 */
export type ListProductPage = (query: ProductListQuery, cursor: Cursor | null, signal: AbortSignal, atLeast?: number) => Promise<ProductPage>;

/**
 * Cursor pages over the numbered store API client: the cursor is the next page number. Numbered
 * pages can all be asked for at once: for `atLeast`, every page it needs leaves together (one
 * round trip, not one per page), in pages of up to `largest` products (the platform's most: a
 * whole number of pages of `count` each, numberedPagesFrom).
 */
export function cursorPagesOf(api: StoreApi, count = PAGE_SIZE, largest = count): ListProductPage {
  return async (query, cursor, signal, atLeast) => {
    const one = async (page: number, size: number): Promise<ProductPage> => {
      const answer = await api.listProducts({ ...query, page, count: size }, signal);
      return productPageOf(answer);
    };
    const first = cursor === null ? 0 : Number(cursor);
    return numberedPagesFrom({ first, count, atLeast, largest, one, cursorAt: String });
  };
}
