/**
 * Foxy has no product resource: the catalogue is derived from sold items (platforms.md 5.3).
 * - transactions with `is_test` or `hide_transaction` are skipped, and so are those whose status
 *   does not say the money was taken or is held ({@link tookPayment}: voided, declined, pending…)
 *   and those that are no sale ({@link SALE_TYPES}: a subscription's change, its billing details):
 *   Foxy keeps whatever the shopper's add-to-cart link said of an item unless the store signs its
 *   links, so an unpaid "sale" could rename a product, reprice it or make one up, free. Refunded
 *   sales count: the money was taken;
 * - a transaction that cannot be read (no date, status or currency…) is left out, and so is an item
 *   that cannot be read (no name, no price), the rest of its sale kept; both are counted
 *   ({@link readSales}), since a product may then be missing or show an older sale's name or price;
 * - items are de-duplicated by `code` (trimmed, case-sensitive); an item with an empty code is
 *   keyed by its trimmed `name`; an item with neither is dropped;
 * - the most recent transaction wins for name, price, currency, url, image and category (same
 *   date: the higher transaction id; within one transaction: the later line);
 * - `created` is the earliest sale seen, `updated` the latest.
 * Search, category filter, sort and paging then happen here, locally.
 */
import type { Paging, ProductQuery, ProductSort } from '../../domain/catalog.ts';
import { findLink } from './hal.ts';
import { tookPayment } from './status.ts';
import { readSale, type FoxySale } from './wire.ts';
import { optionalString, readableItems, readObject } from '../wire.ts';
import { compareText, hasEveryWord, searchTextOf, searchWords, sortedOnce } from '../local-selection.ts';

export interface DerivedItem {
  /** `code:<code>` or `name:<name>`. */
  id: string;
  /** '' when the item is keyed by name. */
  code: string;
  name: string;
  /** Major units, as sent (rounding happens in the mapping to Product). */
  price: number;
  currency: string;
  image: string | undefined;
  url: string | undefined;
  categoryUri: string | undefined;
  /** The category's display name, when its URI is among the store's categories. */
  category: string | undefined;
  /** Epoch ms of the earliest and latest sale. */
  created: number;
  updated: number;
}

/**
 * The code of the category every Foxy store has and every item belongs to unless told otherwise
 * ("Default for all products"): Foxy's own, not one the merchant made, so no filter offers it.
 */
export const DEFAULT_CATEGORY_CODE = 'DEFAULT';

/**
 * Item category names keyed by the category's `_links.self.href` (what `item_category_uri` holds),
 * the DEFAULT category left out: its items show no category, as on the merchant's own site.
 */
export function categoryNames(entries: readonly unknown[]): Map<string, string> {
  const names = new Map<string, string>();
  entries.forEach((entry, i) => {
    const path = `$._embedded.fx:item_categories[${i}]`;
    const self = findLink(entry, 'self');
    const category = readObject(entry, path);
    if (optionalString(category, 'code', path)?.trim() === DEFAULT_CATEGORY_CODE) return;
    const name = optionalString(category, 'name', path)?.trim();
    if (self !== undefined && name !== undefined && name !== '') names.set(self, name);
  });
  return names;
}

/**
 * The transaction types that are sales (the SDK's `Transaction.type`): a checkout ('') and a
 * subscription's renewal, which charges its items. A change to a subscription
 * (subscription_modification: what a shopper's cart loaded with its sub_token said, new items
 * starting at the next renewal), new billing details (updateinfo) and a cancellation charge nothing
 * then, so, like an unpaid sale, they name and price nothing; nor does a type Foxy may add.
 */
const SALE_TYPES: ReadonlySet<string> = new Set(['', 'subscription_renewal']);

/** Whether a sale may name, price and date the products it sold. */
function counts(sale: FoxySale): boolean {
  return !sale.isTest && !sale.hidden && SALE_TYPES.has(sale.type) && tookPayment(sale.status);
}

/**
 * The transactions of `entries` that can be read, and how many sales could not be read whole or in
 * part: every one left out (its status unknown, it may have counted) and every counting one with an
 * item left out. Any failure but an unreadable answer (API_INVALID_RESPONSE) is thrown on.
 */
export function readSales(entries: readonly unknown[]): { sales: FoxySale[]; unread: number } {
  const { items: sales, skipped } = readableItems(entries, (entry, i) => readSale(entry, `$.fx:transactions[${i}]`));
  return { sales, unread: skipped + sales.filter((sale) => sale.unreadItems > 0 && counts(sale)).length };
}

/** The derived catalogue, newest sale first. */
export function deriveCatalogue(sales: readonly FoxySale[], categories: ReadonlyMap<string, string>): DerivedItem[] {
  const byKey = new Map<string, DerivedItem & { winner: [number, number] }>();
  for (const sale of sales) {
    if (!counts(sale) || sale.items === undefined) continue;
    const rank: [number, number] = [sale.date, sale.id];
    for (const item of sale.items) {
      const id = item.code !== '' ? `code:${item.code}` : item.name !== '' ? `name:${item.name}` : undefined;
      if (id === undefined) continue;
      const current = byKey.get(id);
      const wins = current === undefined || rank[0] > current.winner[0] || (rank[0] === current.winner[0] && rank[1] >= current.winner[1]);
      const base = current ?? { created: sale.date, updated: sale.date };
      const next = wins
        ? {
            id,
            code: item.code,
            name: item.name !== '' ? item.name : item.code,
            price: item.price,
            currency: sale.currency,
            image: item.image,
            url: item.url,
            categoryUri: item.categoryUri,
            category: item.categoryUri === undefined ? undefined : categories.get(item.categoryUri),
            winner: rank,
            created: base.created,
            updated: base.updated,
          }
        : current;
      next.created = Math.min(next.created, sale.date);
      next.updated = Math.max(next.updated, sale.date);
      byKey.set(id, next);
    }
  }
  return [...byKey.values()]
    .map(({ winner: _winner, ...item }) => item)
    .sort((a, b) => b.updated - a.updated || compareText(a.name, b.name));
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const SORTS: Record<ProductSort, (a: DerivedItem, b: DerivedItem) => number> = {
  newest: (a, b) => b.updated - a.updated || compareText(a.name, b.name) || compareText(a.id, b.id),
  name: (a, b) => compareText(a.name, b.name) || compareText(a.id, b.id),
  price: (a, b) => a.price - b.price || compareText(a.name, b.name) || compareText(a.id, b.id),
  '-price': (a, b) => b.price - a.price || compareText(a.name, b.name) || compareText(a.id, b.id),
};

/**
 * Search (every word in the name or code, case-insensitive: searchWords), category filter and sort, all local: every match, in
 * order. The items are sorted once per order (sortedOnce); a search filters that copy.
 */
export function selectDerived(items: readonly DerivedItem[], query: ProductQuery = {}): DerivedItem[] {
  const words = searchWords(query.q);
  const sort = query.sort ?? 'newest';
  return sortedOnce(items, sort, SORTS[sort]).filter(
    (item) =>
      hasEveryWord(searchTextOf(item, (i) => `${i.name}\u0000${i.code}`.toLocaleLowerCase()), words) &&
      (query.category === undefined || query.category === '' || item.category === query.category),
  );
}

/** One page of a local search; `select` may be a {@link keepLastSelection} of selectDerived. */
export function queryDerived(
  items: readonly DerivedItem[],
  query: ProductQuery = {},
  select: (items: readonly DerivedItem[], query: ProductQuery) => DerivedItem[] = selectDerived,
): { items: DerivedItem[]; paging: Paging } {
  const count = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.count ?? DEFAULT_PAGE_SIZE)));
  const page = Math.max(0, Math.floor(query.page ?? 0));
  const selected = select(items, query);
  return { items: selected.slice(page * count, page * count + count), paging: { page, count, total: selected.length } };
}

/** The category names in use, sorted, for the filter control. */
export function derivedCategories(items: readonly DerivedItem[]): string[] {
  return [...new Set(items.flatMap((i) => (i.category === undefined ? [] : [i.category])))].sort(compareText);
}
