/**
 * What the catalogue says when no product is shown (CatalogView): one sentence, seen once in the
 * empty state (NoProducts) and said once by the count line's live region (CatalogNotices), which
 * shows nothing of its own then. It said "0 products matching …", "No products found" and "Nothing
 * matches …" on one screen, three ways of the same thing.
 */
import type { Route } from '../state/routes.ts';
import { isolateDirection } from '../shared/direction.ts';

type CatalogRoute = Extract<Route, { name: 'catalog' }>;

/** The empty state's heading, and the words the count line says: what was chosen, found nothing. */
export function noProductsWords(route: Pick<CatalogRoute, 'q' | 'category'>): string {
  const q = route.q ? `“${isolateDirection(route.q)}”` : '';
  const category = route.category ? isolateDirection(route.category) : '';
  if (q && category) return `No products in ${category} match ${q}`;
  if (q) return `No products match ${q}`;
  if (category) return `No products in ${category}`;
  return 'This store has no products to show yet';
}

/** The way out: what the button clears, named after what was chosen ("Clear search"); none where nothing was. */
export function clearLabel(route: Pick<CatalogRoute, 'q' | 'category'>): string | null {
  if (route.q && route.category) return 'Clear search and category';
  if (route.q) return 'Clear search';
  if (route.category) return 'Clear category';
  return null;
}
