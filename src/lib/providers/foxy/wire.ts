/**
 * Foxy hypermedia API (hAPI) wire shapes, in Foxy's spelling (platforms.md 5.2-5.4; the official
 * SDK's `src/backend/Graph/*.d.ts`), and the readers that check untrusted JSON into them.
 * Responses are `application/hal+json`; every request carries `FOXY-API-VERSION: 1`.
 */
import {
  invalidResponse,
  optionalArray,
  optionalBoolean,
  optionalString,
  readableItems,
  readObject,
  requireCurrency,
  requireInteger,
  requireString,
  type WireObject,
} from '../wire.ts';
import { personName } from '../person-name.ts';

/** The headers every Foxy request carries, the token endpoint's included (as the SDK does). */
export const FOXY_HEADERS: Readonly<Record<string, string>> = { 'FOXY-API-VERSION': '1', Accept: 'application/hal+json' };

/** Link relations the app follows (https://api.foxycart.com/rels). */
export const FOXY_REL = {
  store: 'fx:store',
  stores: 'fx:stores',
  transactions: 'fx:transactions',
  items: 'fx:items',
  itemCategories: 'fx:item_categories',
  coupons: 'fx:coupons',
  couponCodes: 'fx:coupon_codes',
} as const;

export interface HalLink {
  href: string;
  title?: string;
  templated?: boolean;
  type?: string;
}

export interface HalResource {
  _links?: Record<string, HalLink | HalLink[] | undefined>;
  _embedded?: Record<string, HalResource | HalResource[] | undefined>;
}

/** A page of a collection. `total_items` is a string in the docs' examples, a number in the SDK types. */
export interface FoxyCollectionWire extends HalResource {
  total_items: string | number;
  returned_items: number;
  limit: number;
  offset: number;
}

/** POST /token success (SDK `Token`); `refresh_token` comes back unchanged. */
export interface FoxyTokenWire {
  access_token: string;
  expires_in: number;
  token_type: string;
  scope: string;
  refresh_token?: string;
}

export interface FoxyStoreWire extends HalResource {
  store_name: string;
  store_url?: string;
  store_email?: string;
  locale_code?: string;
  logo_url?: string;
}

export interface FoxyItemWire extends HalResource {
  name: string;
  price: number;
  quantity?: number;
  code: string;
  url?: string;
  image?: string;
  item_category_uri?: string;
}

export interface FoxyTransactionWire extends HalResource {
  id: number;
  display_id?: number | string;
  is_test: boolean;
  hide_transaction?: boolean;
  transaction_date: string;
  customer_email?: string;
  total_order: number | string;
  status: string;
  currency_code: string;
}

export interface FoxyItemCategoryWire extends HalResource {
  code: string;
  name: string;
  item_delivery_type?: string;
}

export interface FoxyCouponWire extends HalResource {
  name: string;
  end_date?: string | null;
  coupon_discount_type: string;
  coupon_discount_details: string;
  /** An auto-apply coupon: Foxy applies it to the customers or subscriptions its restrictions match, with no code. */
  customer_auto_apply?: boolean;
}

/** An item as the app reads it: what the derived catalogue and the orders' items need. */
export interface FoxySaleItem {
  name: string;
  price: number;
  /** `quantity`, a whole number of 1 or more; undefined when it is not one (the item is then no order line). */
  quantity?: number | undefined;
  code: string;
  url: string | undefined;
  image: string | undefined;
  categoryUri: string | undefined;
}

/** A transaction as the app reads it. `date` is epoch ms. */
export interface FoxySale {
  id: number;
  displayId: string;
  isTest: boolean;
  hidden: boolean;
  date: number;
  customerEmail: string | undefined;
  /** customer_first_name and customer_last_name, "at the time of the transaction" (the SDK's Transaction). */
  customerName: string | undefined;
  total: number;
  status: string;
  /** The SDK's `Transaction.type`: '' (a checkout), subscription_renewal, subscription_modification, updateinfo, subscription_cancellation; '' when not sent. */
  type: string;
  currency: string;
  /** undefined when the transaction came without `zoom=items`. */
  items: FoxySaleItem[] | undefined;
  /** Items of `_embedded["fx:items"]` that could not be read (no name, no price), left out of `items`. */
  unreadItems: number;
}

/**
 * Foxy's date-times carry an offset without a colon (`2025-02-03T11:22:31-0800`); ECMAScript only
 * promises to parse `-08:00`. Returns epoch ms, or NaN.
 */
export function parseFoxyDate(value: string): number {
  const normalised = value.trim().replace(/([+-])(\d{2})(\d{2})$/, '$1$2:$3');
  return Date.parse(normalised);
}

/** A number, or a numeric string (Foxy sends `total_item_price` as "37.00"). */
export function readAmount(object: WireObject, key: string, path: string): number {
  const value = object[key];
  const amount = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) throw invalidResponse(`${path}.${key}`, 'a number');
  return amount;
}

function readDate(object: WireObject, key: string, path: string): number {
  const at = parseFoxyDate(requireString(object, key, path));
  if (Number.isNaN(at)) throw invalidResponse(`${path}.${key}`, 'a date-time');
  return at;
}

export function readSaleItem(value: unknown, path: string): FoxySaleItem {
  const item = readObject(value, path);
  const price = readAmount(item, 'price', path);
  return {
    name: requireString(item, 'name', path).trim(),
    price,
    quantity: typeof item.quantity === 'number' && Number.isSafeInteger(item.quantity) && item.quantity >= 1 ? item.quantity : undefined,
    code: (optionalString(item, 'code', path) ?? '').trim(),
    url: optionalString(item, 'url', path),
    image: optionalString(item, 'image', path),
    categoryUri: optionalString(item, 'item_category_uri', path),
  };
}

/** Reads one transaction; its `_embedded["fx:items"]` when zoomed. */
export function readSale(value: unknown, path: string): FoxySale {
  const t = readObject(value, path);
  const id = requireInteger(t, 'id', path, 0);
  const display = t['display_id'];
  const embedded = t['_embedded'] === undefined || t['_embedded'] === null ? undefined : readObject(t['_embedded'], `${path}._embedded`);
  // One unreadable item leaves out that item, not the sale (the derived catalogue says so: derive.ts readSales).
  const read = embedded === undefined || embedded[FOXY_REL.items] === undefined
    ? undefined
    : readableItems(optionalArray(embedded, FOXY_REL.items, `${path}._embedded`), (item, i) => readSaleItem(item, `${path}._embedded.fx:items[${i}]`));
  return {
    id,
    displayId: typeof display === 'number' || (typeof display === 'string' && display !== '') ? String(display) : String(id),
    isTest: optionalBoolean(t, 'is_test', path) ?? false,
    hidden: optionalBoolean(t, 'hide_transaction', path) ?? false,
    date: readDate(t, 'transaction_date', path),
    customerEmail: optionalString(t, 'customer_email', path),
    customerName: personName(optionalString(t, 'customer_first_name', path), optionalString(t, 'customer_last_name', path)),
    total: readAmount(t, 'total_order', path),
    status: requireString(t, 'status', path),
    type: (optionalString(t, 'type', path) ?? '').trim().toLowerCase(),
    currency: requireCurrency(t, 'currency_code', path),
    items: read?.items,
    unreadItems: read?.skipped ?? 0,
  };
}
