/**
 * Foxy (hypermedia API), the light part (platforms.md 5.1, 5.4, 5.5): the pasted "Get Token"
 * bundle mode, its red risk notice, the fixed capabilities of `store_full_access`, the config
 * validator and why no snippet is made. Loaded with config.json when it names a Foxy store
 * (registry LAZY_PROFILES); the connector and the adapter load when a Foxy store is used.
 */
import type { ConfigReader, FoxyStoreConfig, StoreConfigBase } from '../connect/store-config.ts';
import type { ConnectionModeInfo, ProviderProfile } from './types.ts';

export const FOXY_MODE = 'token-bundle';
/** What `store_full_access`, the only scope of a Get Token bundle, lets the app do (platforms.md 5.4). */
export const FOXY_CAPABILITIES = ['browse', 'viewOrders', 'viewCoupons'] as const;

/** The red notice of platforms.md 5.1, word for word in substance. */
export const FOXY_RISK =
  'The client secret and a 10-year, non-rotating refresh token with full store access (orders, customers, payment settings) stay in this browser; anyone who reads them controls the store’s Foxy account until the client is removed. Remove the integration in Foxy admin › Integrations when done.';

const MODES: readonly ConnectionModeInfo[] = [
  {
    id: FOXY_MODE,
    style: 'credentials',
    label: 'Get Token bundle',
    credentialName: 'Get Token bundle',
    shortName: 'token',
    fields: [
      {
        name: 'bundle',
        label: 'Get Token bundle (client_id, client_secret, refresh_token)',
        secret: true,
        multiline: true,
        hint: 'In Foxy admin › Integrations › Get Token, copy the whole block and paste it here; the access_token line is ignored.',
      },
    ],
    can: 'Browse the products found in your orders, and see orders and coupons (read only).',
    risk: FOXY_RISK,
    severeRisk: true,
    revokeAt: 'Foxy admin › Integrations (remove the client).',
    // The red notice already says where to remove it (platforms.md 5.1): said once.
    revokeHow: '',
  },
];

function validateFoxy(reader: ConfigReader, base: StoreConfigBase): FoxyStoreConfig {
  const tokenEndpoint = reader.optionalEndpoint('tokenEndpoint');
  if (tokenEndpoint !== undefined && new URL(tokenEndpoint).origin !== new URL(base.apiBase).origin) {
    reader.fail('tokenEndpoint', 'Leave tokenEndpoint out (it defaults to <apiBase>/token) or put it on the same origin as apiBase.');
  }
  reader.listOf('auth', [FOXY_MODE] as const, [FOXY_MODE]);
  const store: FoxyStoreConfig = { ...base, kind: 'foxy', auth: [FOXY_MODE] };
  if (tokenEndpoint !== undefined) store.tokenEndpoint = tokenEndpoint;
  return store;
}

export const foxyProfile: ProviderProfile = Object.freeze({
  kind: 'foxy',
  displayName: 'Foxy',
  scopes: [],
  modes: MODES,
  modesOf: () => MODES,
  capabilities: { from: 'fixed' as const, capabilities: FOXY_CAPABILITIES },
  validateConfig: validateFoxy,
  operationScopes: Object.freeze({}),
  tokenQuirks: { lifetimeFields: ['expires_in'], implicitRefreshToken: false },
  // Paged locally over the derived catalogue (derive.ts).
  paging: { firstPage: 0, minCount: 1, maxCount: 100, defaultCount: 20, local: true },
  // The local search matches an item's name and code (derive.ts).
  // Foxy's own help: coupons "are created from within your store's FoxyCart administration, on the coupons page".
  // No product records (platforms.md 5): a product is what an add-to-cart link or form sends, and
  // the app reads its name, price and picture from the newest sale of it (derive.ts).
  notes: {
    searchHint: 'Name or product code',
    couponsManagedAt: 'Foxy’s admin, on its Coupons page',
    productsElsewhere:
      'Foxy keeps no list of products to edit: a product is what your store’s cart links and forms send, so change its name or price there. What this page shows comes from your store’s orders.',
    // "26 products … You have seen all 26 products." read as the store's whole range (adapter.ts: MAX_PAGES × PAGE_LIMIT sales)
    productsFrom: 'Listed from your store’s orders (the latest 1,000): a product nobody has ordered yet is not here.',
    // Neither Foxy's admin nor its API adds products (platforms.md 5.3, 5.4): a product is a cart link or form.
    productsAdded: 'New products are added on your own website, as add-to-cart links or forms; Foxy’s admin keeps no product list.',
  },
  embedUnavailable:
    'A snippet carries its credential in the page’s HTML, where anyone can read it, and Foxy has no read-only credential: every Foxy token gives full access to the store. So this app makes no snippet for Foxy stores.',
});
