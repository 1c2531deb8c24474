/**
 * Goodsie's profile as plain data: scope vocabulary, the scope each call needs, token quirks, paging.
 * Light enough for the first screen; the adapter (requests in goodsie.ts, wire mappers in
 * goodsie-map.ts) loads with the store API client.
 */
import type { ConfigReader, GoodsieStoreConfig, StoreConfig, StoreConfigBase } from '../connect/store-config.ts';
import type { ConnectionModeInfo, ProviderProfile, ScopeInfo } from './types.ts';

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

// The two OAuth flows; a store's `flow` picks one. Mode ids are the vault's (v1 records: 'token' -> 'implicit').
const CAN = 'What the scopes you grant on the consent page allow.';
const REVOKE_AT = 'Your Goodsie account’s connected apps.';
const MODES: readonly ConnectionModeInfo[] = [
  { id: 'implicit', style: 'redirect', label: 'Connect', can: CAN, risk: 'The token cannot be renewed: sign in again when it ends.', revokeAt: REVOKE_AT },
  { id: 'code', style: 'redirect', label: 'Connect', can: CAN, risk: 'A refresh token stays in this browser until you sign out.', revokeAt: REVOKE_AT },
];

/** The mode id of a Goodsie config's `flow`. */
export function goodsieModeId(flow: 'token' | 'code'): 'implicit' | 'code' {
  return flow === 'code' ? 'code' : 'implicit';
}

function validateGoodsie(reader: ConfigReader, base: StoreConfigBase): GoodsieStoreConfig {
  const clientId = reader.text('clientId', 'Set clientId to the client id the store registered for this app.');
  const flow = reader.oneOf('flow', ['token', 'code'] as const, 'Set flow to "token" (implicit) or "code" (authorization code with PKCE).');
  const authorizationEndpoint = reader.endpoint('authorizationEndpoint');
  const tokenEndpoint = reader.optionalEndpoint('tokenEndpoint');
  if (tokenEndpoint === undefined && flow === 'code') {
    reader.fail('tokenEndpoint', 'Set tokenEndpoint (usually <server>/oauth2/access_token): flow "code" needs it.');
  }
  const redirectUri = reader.endpoint('redirectUri');
  const defaultScopes = reader.listOf('defaultScopes', SCOPES.map((scope) => scope.id));
  const issuer = reader.optionalEndpoint('issuer');
  if (issuer?.includes('?')) reader.fail('issuer', 'Remove the ?query from issuer: an issuer identifier has none (RFC 9207).');
  const issAlwaysSent = reader.flag('authorizationResponseIssParameterSupported', false);
  if (issAlwaysSent && issuer === undefined) {
    reader.fail('issuer', 'Set issuer: authorizationResponseIssParameterSupported needs it to check the iss the server sends.');
  }
  const revocationEndpoint = reader.optionalEndpoint('revocationEndpoint');
  const store: GoodsieStoreConfig = {
    ...base,
    kind: 'goodsie',
    authorizationEndpoint,
    clientId,
    redirectUri,
    defaultScopes,
    flow,
  };
  if (tokenEndpoint !== undefined) store.tokenEndpoint = tokenEndpoint;
  if (issuer !== undefined) store.issuer = issuer;
  if (issAlwaysSent) store.authorizationResponseIssParameterSupported = true;
  if (revocationEndpoint !== undefined) store.revocationEndpoint = revocationEndpoint;
  return store;
}

export const goodsieProfile: ProviderProfile = Object.freeze({
  kind: 'goodsie',
  displayName: 'Goodsie',
  scopes: SCOPES,
  modes: MODES,
  modesOf: (store: StoreConfig) => MODES.filter((mode) => store.kind === 'goodsie' && mode.id === goodsieModeId(store.flow)),
  capabilities: { from: 'scopes' } as const,
  validateConfig: validateGoodsie,
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
  // The products list's `q` matches name, category and tags (goodsie-api.yaml).
  notes: { searchHint: 'Name, category or tag' },
});
