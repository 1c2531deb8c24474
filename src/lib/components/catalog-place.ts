/**
 * A catalogue's place across a reload of the tab. Back finds the loaded pages themselves in the
 * router's memory (CatalogView); a reload has lost them, so the place is kept in the history
 * entry's own state (keepInEntry: small, and it survives the reload), and the pages up to it are
 * asked for again before the list shows, at the same place.
 */
import type { Router } from '../state/router.svelte.ts';
import type { GridPlace } from './ProductGrid.svelte';
import { PAGE_SIZE } from '../state/cursor-pages.ts';
import { pagesPerRequest } from '../domain/catalog.ts';
import { keepInEntry, keptInEntry } from '../state/entry-state.ts';

const KEY = 'catalogPlace';

/** The list a product was last opened from (its history entry and path), taken by {@link takeOpenedFrom}. */
let openedFrom: { entry: string; path: string } | null = null;

/** A card of the list shown in history entry `entry` (at `path`) was opened. */
export function noteOpenedFrom(entry: string, path: string): void {
  openedFrom = { entry, path };
}

/**
 * The history entry of the list a product was just opened from, where it is the list at `path`:
 * the product page's "Back to the catalogue" is a link, a new history entry, which shows that list
 * from its entry's memory, as Back does (its pages, its place, the card opened), not anew at the
 * top. Taken once: the next list shown uses it or drops it.
 */
export function takeOpenedFrom(path: string): string | null {
  const from = openedFrom;
  openedFrom = null;
  return from?.path === path ? from.entry : null;
}
/**
 * How far down a reload still goes back where the store is asked for each page (Goodsie, Shopware,
 * StoreHippo): as far as this many of the platform's largest pages reach (numberedPagesFrom: 96
 * products each on Goodsie and Shopware, whose largest page is 100, so 1,920 down; 48 on StoreHippo,
 * 960). They are asked for at once while the loading grid shows "Going back to where you were",
 * with the first page (asked for as the tab starts) and the one or two pages before the first of
 * that size: 23 requests at most. Measured with pages of 24 and the store answering each in 300 ms:
 * 469 products down, back at the same card in about a second (22 requests, 21 of them together).
 * Further down, a reload starts at the top: the requests' number is bounded, as a store's rate
 * limit would want. Where the app loads the list whole and pages it itself (FlickRocket, Foxy:
 * PagingRules.local), a page costs no request and there is no such bound.
 */
export const RELOAD_REQUESTS = 20;

/** How the platform pages (its PagingRules, as the session tells them): its largest page, and whether pages cost no request. */
export interface ReloadPaging {
  maxCount: number;
  local?: boolean;
}

/** How many products down a reload still goes back to the person's place (exclusive). */
export function reloadReach(paging: ReloadPaging | undefined): number {
  if (paging?.local) return Infinity;
  return RELOAD_REQUESTS * pagesPerRequest(PAGE_SIZE, paging?.maxCount) * PAGE_SIZE;
}
/** The place is kept this long after the scroll stops: one write per pause (browsers rate-limit history.replaceState). */
const KEEP_AFTER_MS = 250;

interface KeptPlace {
  /** The list's route (its search, category and sort): another list in the same entry is not this one. */
  path: string;
  place: GridPlace;
}

/**
 * A place to go back to after a reload of this entry, with how many products to load for it; null:
 * start at the top (also where the place is further down than {@link reloadReach}).
 */
export function reloadPlace(path: string, paging: ReloadPaging | undefined): { place: GridPlace; atLeast: number } | null {
  const kept = keptInEntry(KEY) as Partial<KeptPlace> | null | undefined;
  if (!kept || kept.path !== path || !isPlace(kept.place)) return null;
  const { place } = kept;
  if (place.offset <= 0 || place.index >= reloadReach(paging)) return null;
  // The row at the top and two pages' worth after it (a tall screen's rows below it); more load
  // as the person scrolls on, as usual.
  return { place, atLeast: place.index + 2 * PAGE_SIZE };
}

/**
 * Keeps `path`'s place in history entry `entry` as the person scrolls: the last one, a little after
 * the scroll stops, or at once when the page goes away (a reload) or `flush` is called (a click,
 * which may open a product before the pause is over: once the next entry is shown, the write would
 * be refused).
 */
export function placeKeeper(router: Router, entry: string, path: string): { keep(place: GridPlace): void; flush(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: KeptPlace | null = null;
  const write = () => {
    clearTimeout(timer);
    if (pending) keepInEntry(router, entry, KEY, pending);
    pending = null;
  };
  addEventListener('pagehide', write);
  return {
    keep(place) {
      pending = { path, place };
      clearTimeout(timer);
      timer = setTimeout(write, KEEP_AFTER_MS);
    },
    flush: write,
    stop() {
      clearTimeout(timer);
      removeEventListener('pagehide', write);
    },
  };
}

/** history.state may hold anything (an older version's, another script's): only whole, sane places are used. */
function isPlace(value: unknown): value is GridPlace {
  if (typeof value !== 'object' || value === null) return false;
  const { offset, index, columns, rowHeight } = value as Record<string, unknown>;
  return [offset, index, columns, rowHeight].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) && Number.isInteger(index) && (columns as number) >= 1;
}
