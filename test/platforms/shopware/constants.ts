/**
 * Fixed demo credentials and ids of the faithful Shopware 6 server. They are public test data,
 * printed on the server's own "Settings › System › Integrations" page for a person trying the demo,
 * and never belong in config.json (platforms.md 1.1).
 */

/** `Defaults::CURRENCY` of Shopware: the system default currency (EUR in the seed). */
export const DEFAULT_CURRENCY_ID = 'b7d2554b0ce847cd82f3ac9bd1c0dfca';
export const USD_CURRENCY_ID = '0190a3c2e1f47a1b9d3e5c7f2a4b0001';
/** `Defaults::LANGUAGE_SYSTEM`. */
export const SYSTEM_LANGUAGE_ID = '2fbb5fe2e29a4d70aa5854ce7ce3e20b';
export const SALES_CHANNEL_ID = '0190a3c2e1f47a1b9d3e5c7f2a4b0002';
export const TAX_ID = '0190a3c2e1f47a1b9d3e5c7f2a4b0003';
/** The rate of the seed's one tax, TAX_ID. */
export const TAX_RATE = 19;

/** Privileges of the seeded ACL roles (platforms.md 4.4). */
/** (product_price and rule: the advanced prices, property_group(_option): a variant's options, as Shopware's Administration product viewer role reads them) */
export const BROWSE_PRIVILEGES: readonly string[] = ['product:read', 'product_price:read', 'rule:read', 'property_group:read', 'property_group_option:read', 'product_media:read', 'media:read', 'category:read', 'currency:read'];
export const ORDER_PRIVILEGES: readonly string[] = [
  'order:read',
  'order_customer:read',
  'state_machine_state:read',
  'currency:read',
  'order_transaction:read',
];
export const PROMOTION_PRIVILEGES: readonly string[] = ['promotion:read', 'promotion_discount:read'];

export interface DemoIntegration {
  label: string;
  accessKeyId: string;
  secret: string;
  admin: boolean;
  /** Ignored when `admin`. */
  privileges: readonly string[];
}

/** Settings › System › Integrations of the demo shop. */
export const DEMO_INTEGRATIONS: readonly DemoIntegration[] = [
  {
    label: 'Storefront Connect (browse only)',
    accessKeyId: 'SWIADEMOBROWSEONLY00000001',
    secret: 'demoBrowseOnlySecretY2F0YWxvZ3VlLXJlYWQtb25seS0wMDE',
    admin: false,
    privileges: BROWSE_PRIVILEGES,
  },
  {
    label: 'Storefront Connect (browse + orders)',
    accessKeyId: 'SWIADEMOBROWSEORDERS000001',
    secret: 'demoBrowseOrdersSecretb3JkZXJzLWFuZC1jYXRhbG9ndWUtMDE',
    admin: false,
    privileges: [...BROWSE_PRIVILEGES, ...ORDER_PRIVILEGES],
  },
  {
    label: 'Storefront Connect (administrator)',
    accessKeyId: 'SWIADEMOADMINISTRATOR00001',
    secret: 'demoAdministratorSecretYWxsLXJpZ2h0cy1vZi10aGUtc2hvcA',
    admin: true,
    privileges: [],
  },
  {
    label: 'Storefront Connect (browse, no properties)',
    accessKeyId: 'SWIADEMOBROWSENOPROPS00001',
    secret: 'demoBrowseNoPropsSecretbm8tcHJvcGVydHktcmlnaHRzLTAx',
    admin: false,
    // a role set up before variants were listed: the catalogue's rights without the Properties viewer's
    privileges: BROWSE_PRIVILEGES.filter((p) => !p.startsWith('property_group')),
  },
];

export interface DemoUser {
  id: string;
  username: string;
  password: string;
  email: string;
  admin: boolean;
  privileges: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: '0190a3c2e1f47a1b9d3e5c7f2a4b0010', username: 'admin', password: 'shopware', email: 'admin@example.com', admin: true, privileges: [] },
  {
    id: '0190a3c2e1f47a1b9d3e5c7f2a4b0011',
    username: 'viewer',
    password: 'viewer-demo-1',
    email: 'viewer@example.com',
    admin: false,
    privileges: BROWSE_PRIVILEGES,
  },
];

/** The demo sales channel's public Store API access key (`sw-access-key`). */
export const SALES_CHANNEL_ACCESS_KEY = 'SWSCDEMOSTOREFRONTCONNECT1';

export const SHOPWARE_VERSION = '6.6.10.4';
export const ACCESS_TOKEN_TTL_SECONDS = 600;
/** `P1W`, sliding: each refresh issues a fresh one. */
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
