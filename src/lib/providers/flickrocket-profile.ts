/**
 * FlickRocket's profile as plain data (platforms.md 3): the comma scope vocabulary, the one redirect
 * mode, token quirks and the config validator. Listed lazily in the registry (loaded with config.json
 * only when it names a FlickRocket store); the connector and the adapter load when one is used.
 */
import type { ConfigReader, FlickRocketStoreConfig, StoreConfig, StoreConfigBase } from '../connect/store-config.ts';
import type { ConnectionModeInfo, ProviderProfile, ScopeInfo } from './types.ts';

const SCOPES: readonly ScopeInfo[] = [
  {
    id: 'products',
    label: 'Products',
    description: 'Read, edit, create and delete products and categories.',
    grants: ['browse', 'viewUnpublished', 'editProducts'],
  },
  { id: 'orders', label: 'Orders (experimental)', description: 'See the shop’s orders.', grants: ['viewOrders'] },
];

/** Where the merchant removes the app's permission (the guide's recovery step). */
const REVOKE_AT = 'FlickRocket Admin › Extensions › Manage Apps';

const MODES: readonly ConnectionModeInfo[] = [
  {
    id: 'refresh-code',
    style: 'redirect',
    label: 'Connect',
    can: 'What you grant on FlickRocket’s consent page; “Products” includes editing and deleting.',
    risk: 'Losing this session means removing the app’s permission in FlickRocket before reconnecting.',
    revokeAt: REVOKE_AT,
  },
];

/** The languages FlickRocket keeps product texts in (its batch-upload guide; docs/platform-evidence.md). */
const LANGUAGES = ['en', 'de', 'es', 'it', 'fr', 'pt'];
const LANGUAGE_HINT = 'Set language to one FlickRocket keeps product texts in: "en", "de", "es", "it", "fr" or "pt".';

function validateFlickRocket(reader: ConfigReader, base: StoreConfigBase): FlickRocketStoreConfig {
  const store: FlickRocketStoreConfig = {
    ...base,
    kind: 'flickrocket',
    authorizationEndpoint: reader.endpoint('authorizationEndpoint'),
    tokenEndpoint: reader.endpoint('tokenEndpoint'),
    clientId: reader.text('clientId', 'Set clientId to the client id FlickRocket registered for this app.'),
    redirectUri: reader.endpoint('redirectUri'),
    defaultScopes: reader.listOf('defaultScopes', SCOPES.map((scope) => scope.id), ['products']),
  };
  const currency = reader.optionalCurrency('currency');
  if (currency !== undefined) store.currency = currency;
  const language = reader.optionalText('language', LANGUAGE_HINT);
  if (language !== undefined) {
    // Another language would show, and edit, the English texts without a word (chooseLocale).
    if (!LANGUAGES.includes(language.toLowerCase())) reader.fail('language', LANGUAGE_HINT);
    store.language = language.toLowerCase();
  }
  return store;
}

export const flickRocketProfile: ProviderProfile = Object.freeze({
  kind: 'flickrocket',
  displayName: 'FlickRocket',
  scopes: SCOPES,
  modes: MODES,
  modesOf: (store: StoreConfig) => (store.kind === 'flickrocket' ? MODES : []),
  capabilities: { from: 'scopes' } as const,
  validateConfig: validateFlickRocket,
  operationScopes: Object.freeze({
    listProducts: 'products',
    getProduct: 'products',
    getMetadata: 'products',
    listPages: 'products',
    listOrders: 'orders',
    updateProduct: 'products',
    probe: 'products',
  }),
  defaultPaths: { authorize: '/oauth2/auth', token: '/token' },
  tokenQuirks: { lifetimeFields: ['expires_in'], implicitRefreshToken: false },
  paging: { firstPage: 1, minCount: 1, maxCount: 100, defaultCount: 24, local: true },
  // Product pictures come from FlickRocket's static host, not the shop's API host (platforms.md 5,
  // the list example; the host is the docs' [unverified]).
  pictureOrigins: ['https://admin-static.flickrocket.com'],
  embedUnavailable:
    'A snippet carries its credential in the page’s HTML, where anyone can read it, and FlickRocket has no read-only access: the products access this app holds also edits and deletes products. So this app makes no snippet for FlickRocket stores.',
  notes: {
    sessionEnded: `FlickRocket no longer accepts this app’s refresh token. Remove the app’s permission in ${REVOKE_AT}, then connect again.`,
    signedOut: `This browser forgot its tokens; to end the app’s access at the store too: ${REVOKE_AT}.`,
    pricesElsewhere: 'Prices are set in FlickRocket’s shared price models and digital goods have no stock, so neither is edited here.',
    ordersUnconfirmed: 'Experimental: FlickRocket’s order format is not yet confirmed, so check an order in FlickRocket Admin before acting on it.',
    // The products scope also creates products (platforms.md 3.4); this app only edits them. Where: the platform guide's Products › Manage Products.
    productsAddedByEditors: 'New products are added in FlickRocket Admin, under Products › Manage Products.',
  },
});
