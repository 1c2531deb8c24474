/**
 * Shopware 6's profile as plain data (platforms.md 4.1, 4.4, 4.5): the two credentials modes with
 * their risk lines, capabilities found by probing, the config validator. Light and always loaded;
 * connectors and the adapter are in shopware6/ and load with the first Shopware store used.
 */
import type { ConfigReader, Shopware6StoreConfig, StoreConfig, StoreConfigBase } from '../connect/store-config.ts';
import type { ConnectionModeInfo, ProviderProfile } from './types.ts';

const REVOKE_INTEGRATION = 'Shopware Administration › Settings › System › Integrations: delete the integration.';

const MODES: readonly ConnectionModeInfo[] = [
  {
    id: 'integration',
    style: 'credentials',
    label: 'Integration key',
    credentialName: 'access key ID and secret',
    shortName: 'key',
    fields: [
      { name: 'accessKeyId', label: 'Access key ID', secret: false, autocomplete: 'off', hint: 'Starts with SWIA; shown when the integration is created.' },
      { name: 'secretAccessKey', label: 'Secret access key', secret: true, hint: 'Shown once, when the integration is created.' },
    ],
    can: 'Whatever the integration’s role allows. Create an integration with a role that only has product, media and currency read rights for browsing.',
    risk: 'A non-expiring secret with the integration’s roles (all rights if "Administrator") is stored in this browser.',
    revokeAt: REVOKE_INTEGRATION,
    revokePath: '/admin#/sw/integration/index',
    // Its probe cannot read the integration's own rights (platforms.md 4.4): editing is offered, and
    // the first save tells.
    unconfirmed: ['editProducts'],
  },
  {
    id: 'password',
    style: 'credentials',
    label: 'Administration sign-in',
    credentialName: 'username and password',
    shortName: 'sign-in',
    fields: [
      { name: 'username', label: 'Username', secret: false, autocomplete: 'username' },
      // A merchant's admin password belongs in their password manager: it may fill and save it
      // (the app itself keeps it nowhere).
      { name: 'password', label: 'Password', secret: true, autocomplete: 'current-password' },
    ],
    can: 'Everything this Administration user may do.',
    risk: 'Your password goes only to the store’s own sign-in, and this app never keeps it; the sign-in stays in this browser until you press Forget sign-in. An integration key with a narrow role is safer.',
    revokeAt: 'Shopware Administration › Settings › System › Users: change the password to end every session.',
    revokeHow: 'To end every session this password opened, change it in Shopware Administration › Settings › System › Users.',
    revokePath: '/admin#/sw/users/permissions/index',
  },
];

const AUTH_MODES = ['integration', 'password'] as const;
const LANGUAGE_ID = /^[0-9a-f]{32}$/;

function validateShopware6(reader: ConfigReader, base: StoreConfigBase): Shopware6StoreConfig {
  const store: Shopware6StoreConfig = { ...base, kind: 'shopware6', auth: reader.listOf('auth', AUTH_MODES, ['integration']) };
  const currency = reader.optionalCurrency('currency');
  if (currency !== undefined) store.currency = currency;
  const storefrontUrl = reader.optionalEndpoint('storefrontUrl');
  if (storefrontUrl !== undefined) store.storefrontUrl = storefrontUrl;
  const language = reader.optionalText('language', 'Set language to the sw-language-id (32 hex characters) or leave it out.');
  if (language !== undefined) {
    if (!LANGUAGE_ID.test(language)) reader.fail('language', 'Set language to the sw-language-id (32 hex characters) or leave it out.');
    store.language = language;
  }
  return store;
}

export const shopware6Profile: ProviderProfile = Object.freeze({
  kind: 'shopware6',
  displayName: 'Shopware 6',
  scopes: [],
  operationScopes: {},
  modes: MODES,
  modesOf: (store: StoreConfig) => (store.kind === 'shopware6' ? store.auth.flatMap((id) => MODES.filter((mode) => mode.id === id)) : []),
  capabilities: {
    from: 'probe',
    change: {
      browse: 'Give the role product, product_media, media and category read rights (product_price and rule too, for prices by quantity).',
      viewOrders: 'Give the role order, order_customer, state_machine_state, currency, order_transaction and order_delivery read rights.',
      viewCoupons: 'Give the role promotion and promotion_discount read rights.',
      editProducts: 'Give the role the product update right (or mark the integration "Administrator").',
    },
  } as const,
  storefrontKey: {
    label: 'Sales channel access key',
    hint: 'Sales Channels › your storefront › API access: the access key (starts with SWSC). It is public: it reads only what the storefront shows, never the Admin API.',
  },
  validateConfig: validateShopware6,
  tokenQuirks: { lifetimeFields: ['expires_in'], implicitRefreshToken: false },
  paging: { firstPage: 0, minCount: 1, maxCount: 100, defaultCount: 24 },
  // The Admin API's `term` ranks products by their name and product number among other fields
  // (Shopware's default search ranking; our test server, criteria-engine.ts, matches those two).
  // Promotions (their codes) live under Marketing › Promotions in the Administration (plugin guides for 6.6 say so).
  notes: {
    searchHint: 'Name or product number',
    couponsManagedAt: 'Shopware Administration › Marketing › Promotions',
    // A role with product:create adds products there; this app only edits them (platforms.md 4.4).
    productsAddedByEditors: 'New products are added in the Shopware Administration, under Catalogues › Products.',
  },
});
