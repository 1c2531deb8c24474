/**
 * Goodsie's profile as plain data: scope vocabulary, the scope each call needs, token quirks, paging.
 * Light enough for the first screen; the adapter (requests and wire mappers) is in goodsie.ts and
 * loads with the store API client.
 */
import type { ProviderProfile, ScopeInfo } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Scope vocabulary and the capabilities each scope grants. `admin` includes everything
// `storefront` gives, but not `cart` (contract, "Precisions").

const SCOPES: readonly ScopeInfo[] = [
  {
    id: 'storefront',
    label: 'Browse products and pages',
    description: "See the store's published products, its pages and its public details.",
    grants: ['browse'],
  },
  {
    id: 'cart',
    label: 'Use your cart',
    description: 'See what is in your cart and add products to it.',
    grants: ['viewCart', 'addToCart'],
  },
  {
    id: 'admin',
    label: 'Manage the store',
    description: 'Browse everything, including unpublished products and stock levels, edit products, and see orders and coupons.',
    grants: ['browse', 'viewOrders', 'viewCoupons', 'viewUnpublished', 'viewInventory', 'editProducts'],
  },
];

export const goodsieProfile: ProviderProfile = Object.freeze({
  kind: 'goodsie',
  displayName: 'Goodsie',
  scopes: SCOPES,
  operationScopes: Object.freeze({
    listProducts: 'storefront',
    getProduct: 'storefront',
    getMetadata: 'storefront',
    listPages: 'storefront',
    getCart: 'cart',
    addToCart: 'cart',
    listOrders: 'admin',
    listCoupons: 'admin',
    updateProduct: 'admin',
    createProduct: 'admin',
  }),
  defaultPaths: { authorize: '/oauth2/authorize', token: '/oauth2/access_token' },
  tokenQuirks: {
    // Goodsie spells it `expire_in`; the standard `expires_in` may appear too.
    lifetimeFields: ['expires_in', 'expire_in'],
    // "Effectively non-expiring" tokens come with expire_in 315360000 (ten years); a 401 is still possible.
    // The explicit exception to the one-day ceiling: Goodsie documents these ten-year tokens, and
    // cutting them to a day would end a valid implicit-flow session (it has no refresh token).
    maxLifetimeSeconds: 315_360_000,
    // The server may grant fewer scopes than asked: its `scope` answer is the truth (as for every platform).
    implicitRefreshToken: false,
  },
  paging: { firstPage: 0, minCount: 1, maxCount: 100, defaultCount: 20 },
});
