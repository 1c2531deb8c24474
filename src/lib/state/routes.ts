import type { ProductListQuery, ProductSort } from '../domain/catalog.ts';

/**
 * Where the person is, kept in the URL's fragment as `#/...` so that reload, back/forward and shared
 * links work on static hosting with no server rewrites. The implicit flow's callback also arrives in the
 * fragment, but never starting with '/', which is how the two are told apart (see oauth/callback.ts).
 */
export type Route =
  | { name: 'home' }
  | { name: 'catalog'; storeId: string; q: string; category: string; sort: ProductSort }
  | { name: 'product'; storeId: string; productId: string }
  | { name: 'page'; storeId: string; slug: string }
  | { name: 'cart'; storeId: string }
  /** `page` counts from 0 here (the API's paging); the address counts from 1, as the screen does ({@link parseRoute}). */
  | { name: 'orders'; storeId: string; page: number }
  | { name: 'coupons'; storeId: string }
  | { name: 'embed'; storeId: string }
  | { name: 'notFound'; path: string };


const SORTS: readonly ProductSort[] = ['newest', 'name', 'price', '-price'];

export function isSort(value: string | null): value is ProductSort {
  return value !== null && (SORTS as readonly string[]).includes(value);
}

/** Parses an internal path such as `/s/demo/product/42` or `/s/demo?q=mug` (no leading '#'). */
export function parseRoute(path: string): Route {
  const [pathname = '/', search = ''] = path.split('?', 2);
  const params = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] !== 's' || !parts[1]) return { name: 'notFound', path };
  const storeId = parts[1];
  const rest = parts.slice(2);
  if (rest.length === 0) {
    const sort = params.get('sort');
    return {
      name: 'catalog',
      storeId,
      q: params.get('q') ?? '',
      category: params.get('category') ?? '',
      sort: isSort(sort) ? sort : 'newest',
    };
  }
  const [section, arg] = rest;
  if (section === 'product' && arg && rest.length === 2) return { name: 'product', storeId, productId: arg };
  if (section === 'pages' && arg && rest.length === 2) return { name: 'page', storeId, slug: arg };
  if (rest.length === 1) {
    if (section === 'cart') return { name: 'cart', storeId };
    if (section === 'coupons') return { name: 'coupons', storeId };
    if (section === 'embed') return { name: 'embed', storeId };
    if (section === 'orders') {
      // The address counts from 1, as the screen says "Page 2 of 5" (a shared link lands where it was
      // copied); the route from 0, as the API does. None, 0 or anything not a whole number: the first.
      const page = Number(params.get('page')) - 1;
      return { name: 'orders', storeId, page: Number.isInteger(page) && page > 0 ? page : 0 };
    }
  }
  return { name: 'notFound', path };
}

/** The inverse of parseRoute: the internal path of a route (what goes after '#'). */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'notFound':
      return route.path;
    case 'catalog': {
      const params = new URLSearchParams();
      if (route.q) params.set('q', route.q);
      if (route.category) params.set('category', route.category);
      if (route.sort !== 'newest') params.set('sort', route.sort);
      const qs = params.toString();
      return `/s/${enc(route.storeId)}${qs ? `?${qs}` : ''}`;
    }
    case 'product':
      return `/s/${enc(route.storeId)}/product/${enc(route.productId)}`;
    case 'page':
      return `/s/${enc(route.storeId)}/pages/${enc(route.slug)}`;
    case 'orders':
      return `/s/${enc(route.storeId)}/orders${route.page > 0 ? `?page=${route.page + 1}` : ''}`;
    case 'cart':
    case 'coupons':
    case 'embed':
      return `/s/${enc(route.storeId)}/${route.name}`;
  }
}

export function catalogRoute(storeId: string, patch: Partial<{ q: string; category: string; sort: ProductSort }> = {}): Route {
  return { name: 'catalog', storeId, q: '', category: '', sort: 'newest', ...patch };
}

/** The product list a catalogue route shows (empty filters left out), as the catalogue asks for it. */
export function catalogQuery(route: Extract<Route, { name: 'catalog' }>): Omit<ProductListQuery, 'count'> {
  return { ...(route.q ? { q: route.q } : {}), ...(route.category ? { category: route.category } : {}), sort: route.sort };
}

/** The store a route belongs to, if any. */
export function routeStoreId(route: Route): string | null {
  return 'storeId' in route ? route.storeId : null;
}

export function hrefFor(route: Route): string {
  return `#${formatRoute(route)}`;
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
