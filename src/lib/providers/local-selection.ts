/**
 * For platforms whose catalogue is searched, filtered and sorted here rather than by the store
 * (FlickRocket, Foxy): the last selection is kept, so that each further page of the same search is
 * a slice of it instead of another pass over the whole catalogue (issue 15: a page costs the same
 * however far the person has scrolled, and a search stays within a frame).
 */
import type { ProductSort } from '../domain/catalog.ts';

export interface LocalQuery {
  q?: string;
  category?: string;
  sort?: ProductSort;
}

/** Compares names as `localeCompare()` does, without building a collator for every comparison. */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;

/**
 * Orders two prices, lowest first (`descending`: highest first); a product without a price (null)
 * goes after every priced one either way: it is neither the cheapest nor the dearest. 0 on a tie.
 */
export function comparePrices(a: number | null, b: number | null, descending = false): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return descending ? b - a : a - b;
}

const searchTexts = new WeakMap<object, string>();

/**
 * What a search looks through for `item`, as `make` gives it (lower-cased): made once per item and
 * kept while the item lives, so a search is a pass of `includes` over strings already lowered.
 */
export function searchTextOf<T extends object>(item: T, make: (item: T) => string): string {
  let text = searchTexts.get(item);
  if (text === undefined) searchTexts.set(item, (text = make(item)));
  return text;
}

/** Quotes a shopper may put around a word or a phrase ("linen shirt", “linen”, 'linen', «linen»). */
const QUOTES = /^["'“”„‘’«»]+|["'“”„‘’«»]+$/g;

/**
 * The words of a search as typed (lower-cased, without the quotes around them): a product matches
 * when its text holds every one, in any order ({@link hasEveryWord}). The whole string was looked
 * for at once: "copper moby" missed "Moby Copper", "moby  copper" (two spaces) and "\"Moby\"" found
 * nothing, where the stores that search themselves (Shopware's term) take words. No words (nothing
 * typed, or only quotes): every product.
 */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .toLocaleLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(QUOTES, ''))
    .filter((word) => word !== '');
}

/** Whether `text` (lower-cased, as {@link searchTextOf} keeps it) holds each of `words`. */
export function hasEveryWord(text: string, words: readonly string[]): boolean {
  return words.every((word) => text.includes(word));
}

const sortedCopies = new WeakMap<readonly unknown[], Map<string, readonly unknown[]>>();

/**
 * `items` sorted by `compare` (named `order`), sorted once per array and order and kept while the
 * array lives: a search then filters the sorted copy, keeping its order, which costs a pass over
 * the items rather than a sort (10,000 names sort in about a frame; a filter takes a millisecond
 * or two). `compare` must break every tie, so that the order does not depend on the input's.
 */
export function sortedOnce<T>(items: readonly T[], order: string, compare: (a: T, b: T) => number): readonly T[] {
  let copies = sortedCopies.get(items);
  if (copies === undefined) sortedCopies.set(items, (copies = new Map()));
  let sorted = copies.get(order) as readonly T[] | undefined;
  if (sorted === undefined) copies.set(order, (sorted = [...items].sort(compare)));
  return sorted;
}

/**
 * `select` (filter and sort `items` for a query), remembering its last answer: the same items and
 * the same search, category and sort give the same array back without running `select` again.
 */
export function keepLastSelection<T, Q extends LocalQuery = LocalQuery>(select: (items: readonly T[], query: Q) => T[]): (items: readonly T[], query: Q) => T[] {
  let last: { items: readonly T[]; key: string; selected: T[] } | undefined;
  return (items, query) => {
    const key = `${query.q?.trim() ?? ''}\u0000${query.category ?? ''}\u0000${query.sort ?? ''}`;
    if (last?.items !== items || last.key !== key) last = { items, key, selected: select(items, query) };
    return last.selected;
  };
}
