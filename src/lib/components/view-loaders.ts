/**
 * The screens, each loaded on demand (and cached once loaded): only the stores list and the
 * catalogue are part of a usual first load. The boot asks for the route's screen at once
 * ({@link preloadView}), so that its code downloads while config.json, storage and the session
 * load, not after them.
 */
import type { Route } from '../state/routes.ts';

export const loadHome = () => import('./views/HomeView.svelte');
/** A link to a store that is unknown or not connected is rare on a first load. */
export const loadNotConnected = () => import('./views/NotConnectedView.svelte');
export const loadCatalog = () => import('./views/CatalogView.svelte');
export const loadProduct = () => import('./views/ProductView.svelte');
export const loadPage = () => import('./views/StorePageView.svelte');
export const loadCart = () => import('./views/CartView.svelte');
export const loadOrders = () => import('./views/OrdersView.svelte');
export const loadCoupons = () => import('./views/CouponsView.svelte');
export const loadEmbed = () => import('./views/EmbedView.svelte');

const BY_ROUTE: Record<Route['name'], () => Promise<unknown>> = {
  home: loadHome,
  notFound: loadHome,
  catalog: loadCatalog,
  product: loadProduct,
  page: loadPage,
  cart: loadCart,
  orders: loadOrders,
  coupons: loadCoupons,
  embed: loadEmbed,
};

/** Starts downloading `route`'s screen; a failure shows later, where the screen is awaited. */
export function preloadView(route: Route): void {
  BY_ROUTE[route.name]().catch(() => undefined);
}
