/**
 * Pure builders of StoreHippo list requests (platforms.md 2.2, 2.3): paths and query parameters.
 * `filters` goes as ONE JSON string (URLSearchParams encodes it), never bracket notation.
 */
import type { ProductQuery, ProductSort } from '../../domain/catalog.ts';
import type { StoreHippoApiVersion, StoreHippoEntity, StoreHippoFilter } from './wire.ts';

/** The app's page size cap for StoreHippo (the platform's own maximum is [unverified]). */
export const STOREHIPPO_MAX_COUNT = 50;
export const STOREHIPPO_DEFAULT_COUNT = 24;

const SORTS: Readonly<Record<ProductSort, string>> = { newest: '-created_on', name: 'name', price: 'price', '-price': '-price' };

/** `/api/{version}/entity/{entity}[/{_id}]`, the id percent-encoded. */
export function entityPath(apiVersion: StoreHippoApiVersion, entity: StoreHippoEntity, id?: string): string {
  const base = `/api/${apiVersion}/entity/${entity}`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

/** Escapes every regex metacharacter, so a search for `c++ (2)` matches that text literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `start` = page * count (0-based offset), `limit` = count clamped to 1..50. */
export function pagingParams(page = 0, count = STOREHIPPO_DEFAULT_COUNT): { start: string; limit: string; page: number; count: number } {
  const safeCount = Math.min(STOREHIPPO_MAX_COUNT, Math.max(1, Math.floor(Number.isFinite(count) ? count : STOREHIPPO_DEFAULT_COUNT)));
  const safePage = Math.max(0, Math.floor(Number.isFinite(page) ? page : 0));
  return { start: String(safePage * safeCount), limit: String(safeCount), page: safePage, count: safeCount };
}

/**
 * `aliasesOf`: the category aliases a shown category name stands for (category-names.ts); without
 * it the name is sent as the alias.
 */
export function productFilters(query: ProductQuery, publishedOnly: boolean, aliasesOf: (name: string) => string[] = (name) => [name]): StoreHippoFilter[] {
  const filters: StoreHippoFilter[] = [];
  const q = query.q?.trim();
  if (q) filters.push({ field: 'name', operator: 'regex', value: escapeRegex(q) });
  const category = query.category?.trim();
  if (category) filters.push({ field: 'categories', operator: 'in', value: aliasesOf(category) });
  if (publishedOnly) filters.push({ field: 'publish', operator: 'equal', value: '1' });
  return filters;
}

/**
 * `GET ms.products` parameters: start, limit, total=1, sort, filters (JSON). `publishedOnly` is the
 * storefront view (a credential without viewUnpublished, or the widget).
 */
export function buildProductListQuery(query: ProductQuery, options: { publishedOnly: boolean; aliasesOf?: (name: string) => string[] }): Record<string, string> {
  const { start, limit } = pagingParams(query.page, query.count);
  const params: Record<string, string> = { start, limit, total: '1' };
  if (query.sort !== undefined) params.sort = SORTS[query.sort];
  const filters = productFilters(query, options.publishedOnly, options.aliasesOf);
  if (filters.length > 0) params.filters = JSON.stringify(filters);
  return params;
}

/** `GET ms.orders`: newest first, with the total. */
export function buildOrderListQuery(page?: number, count?: number): Record<string, string> {
  const { start, limit } = pagingParams(page, count);
  return { start, limit, sort: '-created_on', total: '1' };
}

/**
 * `GET ms.coupon_codes`: start, limit, newest first (`sort=-created_on`, as orders are asked: those past the
 * pages read are then the oldest), and the total (`total=1`, as for products and orders: they are counted).
 */
export function buildCouponListQuery(page?: number, count?: number): Record<string, string> {
  const { start, limit } = pagingParams(page, count);
  return { start, limit, sort: '-created_on', total: '1' };
}
