/**
 * The catalogue a store's other screens link back to ("← Back to the catalogue": a product, a page
 * of the store, the cart, orders, coupons, Embed): the one the person last saw of that store, with
 * its search, category and sort, not its start. Remembered for the visit as the catalogue shows
 * ({@link noteCatalog}), and kept in the history entry of each screen that links back to it
 * (keepInEntry), which a reload of the tab keeps where it forgets the rest: a product opened from a
 * search, its page reloaded, still links back to that search, as it did before the reload.
 * (Not sessionStorage: the pending sign-ins' alone, layering.test.ts.)
 */
import type { Router } from '../state/router.svelte.ts';
import { catalogRoute, formatRoute, parseRoute, type Route } from '../state/routes.ts';
import { keepInEntry, keptInEntry } from '../state/entry-state.ts';

type CatalogRoute = Extract<Route, { name: 'catalog' }>;

/** The key of history.state that holds the catalogue's path (a string: the entry's state is copied at each write). */
const KEY = 'catalogBack';

/** The last catalogue seen per store, this visit (a reload starts over, from the entries' state). */
const last = new Map<string, CatalogRoute>();

/** The catalogue `route` is shown. */
export function noteCatalog(route: CatalogRoute): void {
  last.set(route.storeId, route);
}

/**
 * Where the screen shown links back to: the store's last catalogue this visit; after a reload, the
 * one its history entry kept (its search then seen again by the screens that follow); otherwise the
 * catalogue's start. Kept in the entry for its next reload.
 */
export function catalogBack(router: Router, storeId: string): CatalogRoute {
  let route = last.get(storeId);
  if (!route) {
    // history.state may hold anything (an older version's, another script's): only this store's catalogue is taken.
    const kept = keptInEntry(KEY);
    const parsed = typeof kept === 'string' ? parseRoute(kept) : null;
    if (parsed?.name !== 'catalog' || parsed.storeId !== storeId) return catalogRoute(storeId) as CatalogRoute;
    last.set(storeId, (route = parsed));
  }
  keepInEntry(router, router.entry, KEY, formatRoute(route));
  return route;
}
