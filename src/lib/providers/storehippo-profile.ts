/**
 * StoreHippo's profile as plain data (platforms.md 2.1, 2.4, 2.5): two pasted-credential modes, no
 * scopes (capabilities come from probes), the config validator. Light: the connector and adapter
 * live in storehippo/ and load when a StoreHippo store is first used.
 */
import type { ConfigReader, StoreConfig, StoreConfigBase, StoreHippoStoreConfig } from '../connect/store-config.ts';
import type { ConnectionModeInfo, ProviderProfile } from './types.ts';
import { categoryNameOf } from './storehippo/category-names.ts';

/** 2.1: docs say 24 alphanumerics, live keys are 32 hex; only the shape is checked. */
export const STOREHIPPO_KEY_PATTERN = /^[A-Za-z0-9]{16,64}$/;

const RISK =
  'A non-expiring key with every permission of the bound user’s role, usable by anyone who reads this browser profile or runs script on this site, until disabled in StoreHippo.';
const REVOKE_AT = 'StoreHippo Admin › Advance Settings › Access Keys (untick Enable, or delete the key).';
/** The store's admin; the Access Keys page below it has no documented address [unverified]. */
const ADMIN_PATH = '/admin';

const MODES: readonly ConnectionModeInfo[] = [
  {
    id: 'access-key',
    style: 'credentials',
    label: 'Access key',
    credentialName: 'access key',
    shortName: 'key',
    fields: [
      {
        name: 'accessKey',
        label: 'Access key',
        secret: true,
        hint: 'Create a StoreHippo user with a read-only role and generate the key for that user in Advance Settings › Access Keys.',
      },
    ],
    can: 'Whatever the role of the key’s user allows: the app checks browsing, orders and coupons right after connecting and shows exactly that. The key stays in this browser until you press Forget key.',
    risk: RISK,
    revokeAt: REVOKE_AT,
    revokePath: ADMIN_PATH,
  },
  {
    id: 'token',
    style: 'credentials',
    label: 'Access token',
    credentialName: 'access token',
    shortName: 'token',
    fields: [{ name: 'token', label: 'Access token', secret: true, hint: 'A bearer token your own StoreHippo app obtained.' }],
    can: 'Whatever the token’s app was granted: the app checks browsing, orders and coupons right after connecting. The token stays in this browser until you press Forget token.',
    risk: 'A bearer token that may not expire, usable by anyone who reads this browser profile, until the app is removed from the store.',
    revokeAt: 'StoreHippo Admin › Apps (remove the app that minted the token).',
    revokePath: ADMIN_PATH,
  },
];

/**
 * What to change at the store, for every locked capability: the locked panel has already said what is
 * not allowed, and offers the check and another key itself (LockedFeature).
 */
const ROLE_CHANGE = 'Give the key’s user a role that allows it in StoreHippo Admin › Users.';

function validateStoreHippo(reader: ConfigReader, base: StoreConfigBase): StoreHippoStoreConfig {
  const apiVersion = reader.optionalOneOf('apiVersion', ['1.1', '1'] as const, 'Set apiVersion to "1.1" (current) or "1" (older stores).') ?? '1.1';
  const auth = reader.listOf('auth', ['access-key', 'token'] as const, ['access-key']);
  const currency = reader.optionalCurrency('currency');
  if (currency === undefined) reader.fail('currency', 'Set currency to the store’s ISO 4217 code, like "INR": StoreHippo products carry no currency.');
  const store: StoreHippoStoreConfig = { ...base, kind: 'storehippo', apiVersion, auth, currency };
  const imageBase = reader.optionalEndpoint('imageBase');
  if (imageBase !== undefined) {
    if (imageBase.includes('?')) reader.fail('imageBase', 'Remove the ?query from imageBase; image paths are added to it.');
    store.imageBase = imageBase.endsWith('/') ? imageBase : `${imageBase}/`;
  }
  const storefrontUrl = reader.optionalEndpoint('storefrontUrl');
  if (storefrontUrl !== undefined) store.storefrontUrl = storefrontUrl;
  return store;
}

export const storeHippoProfile: ProviderProfile = Object.freeze({
  kind: 'storehippo',
  displayName: 'StoreHippo',
  scopes: [],
  operationScopes: {},
  modes: MODES,
  modesOf: (store: StoreConfig) => (store.kind === 'storehippo' ? store.auth.flatMap((id) => MODES.filter((mode) => mode.id === id)) : []),
  capabilities: {
    from: 'probe',
    change: {
      viewOrders: ROLE_CHANGE,
      viewCoupons: ROLE_CHANGE,
      editProducts: ROLE_CHANGE,
    },
  } as const,
  validateConfig: validateStoreHippo,
  tokenQuirks: { lifetimeFields: [], implicitRefreshToken: false },
  paging: { firstPage: 0, minCount: 1, maxCount: 50, defaultCount: 24 },
  // StoreHippo's help, topic "Coupon codes": Marketing > Coupon codes in the Admin Panel.
  notes: {
    couponsManagedAt: 'StoreHippo Admin › Marketing › Coupon codes',
    // The contract's exchanges read, list and edit products (PUT), and add none (platforms.md 2.2).
    productsAdded: 'New products are added in StoreHippo’s own admin, under Products.',
  },
  // An address saved before categories were shown by name carries the alias: read as the name shown.
  categoryFromAddress: categoryNameOf,
  embedUnavailable:
    'A snippet carries its credential in the page’s HTML, where anyone can read it, and StoreHippo has no public storefront key: its API reads only with an access key, which carries every permission of its user’s role. So this app makes no snippet for StoreHippo stores.',
});
