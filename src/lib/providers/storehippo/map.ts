/**
 * StoreHippo wire JSON -> domain types (platforms.md 1.4, 2.3, 2.4), once. Untrusted input: every
 * contract break throws AppError API_INVALID_RESPONSE naming the JSON path, never the value.
 */
import type { Coupon, NotListedPromotion, Order, OrderStatus, Paging, Product, ProductEdit, ProductImage } from '../../domain/catalog.ts';
import { AppError } from '../../oauth/errors.ts';
import { toHttpUrl } from '../../sanitize/safe-url.ts';
import { currencyDigits, roundToCurrency } from '../money.ts';
import { orderItemsFrom, readOrderLine } from '../order-items.ts';
import { storeOrderStatus } from '../order-status.ts';
import {
  invalidResponse,
  optionalArray,
  optionalDateTime,
  optionalString,
  optionalStringArray,
  readableItems,
  readObject,
  requireNonEmptyString,
  type WireObject,
} from '../wire.ts';
import type { StoreHippoProductEditWire } from './wire.ts';
import { CategoryNames } from './category-names.ts';

/** What the mapping needs from the store's config entry (2.5). */
export interface StoreHippoMapContext {
  /** ISO 4217 from config `currency`: StoreHippo has no per-product currency. */
  currency: string;
  /** Absolute http(s) base that relative image paths resolve against, ending with '/'. */
  imageBase: string;
  /** Storefront origin for `permalink` = `{storefrontUrl}/product/{alias}`; absent = no permalink. */
  storefrontUrl?: string;
  /** The store's category names met so far (the adapter's, so its filter can send the aliases back). */
  categoryNames?: CategoryNames;
}

/** Paging with what StoreHippo may not tell: without `paging.total`, `total` is a lower bound. */
export interface StoreHippoPaging extends Paging {
  hasMore: boolean;
  totalKnown: boolean;
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const EPOCH = '1970-01-01T00:00:00.000Z';

/** `imageBase` when config gives none: `{apiBase}/` ([unverified] that it serves relative paths). */
export function defaultImageBase(apiBase: string): string {
  return apiBase.endsWith('/') ? apiBase : `${apiBase}/`;
}

function requireId(object: WireObject, path: string): string {
  const id = object._id;
  if (typeof id !== 'string' || !OBJECT_ID.test(id)) throw invalidResponse(`${path}._id`, 'a 24-hex object id');
  return id;
}

/** A number or a numeric string (live stores send both); undefined when absent. */
function optionalAmount(object: WireObject, key: string, path: string): number | undefined {
  const value = object[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw invalidResponse(`${path}.${key}`, 'a number or numeric string');
  return number;
}

function requireAmount(object: WireObject, key: string, path: string): number {
  const value = optionalAmount(object, key, path);
  if (value === undefined) throw invalidResponse(`${path}.${key}`, 'a number or numeric string');
  return value;
}

/** `1`, `true`, `"1"`, `"true"` -> true; `0`, `false`, `"0"`, `"false"`, `""` -> false. */
function flag(value: unknown, path: string): boolean {
  if (value === 1 || value === true || value === '1' || value === 'true') return true;
  if (value === 0 || value === false || value === '0' || value === 'false' || value === '') return false;
  throw invalidResponse(path, 'a 0/1 or boolean flag');
}

/** The creation time a MongoDB ObjectId carries (its first 4 bytes, seconds since 1970). */
export function objectIdTime(id: string): string {
  const seconds = Number.parseInt(id.slice(0, 8), 16);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : EPOCH;
}

/**
 * A wire image string -> an absolute http(s) URL, or undefined (dropped): relative paths resolve
 * against `imageBase`, `//host/...` becomes `https://host/...`, absolute http(s) stays, any other
 * scheme (`javascript:`, `data:`, ...) is dropped.
 */
export function resolveImageUrl(value: unknown, imageBase: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^https?:\/\//i.test(text)) return toHttpUrl(text);
  if (text.startsWith('//')) return toHttpUrl(`https:${text}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return undefined;
  return toHttpUrl(text.replace(/^\/+/, ''), imageBase);
}

function mapImages(wire: WireObject, path: string, context: StoreHippoMapContext, name: string): ProductImage[] {
  const images: ProductImage[] = [];
  optionalArray(wire, 'images', path).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const image = item as WireObject;
    const url = resolveImageUrl(image.image, context.imageBase);
    if (url === undefined) return;
    images.push({ url, alt: optionalString(image, 'caption', `${path}.images[${index}]`) ?? name });
  });
  return images;
}

/**
 * Whether StoreHippo counts the product's stock: `inventory_management` is `"automatic"` or
 * `"none"` on live stores (a StoreHippo developer's product fixture, rahul-storehippo/stridertestcases
 * `product.json`; third-party clients writing `ms.products`), the contract's `"1"`/`"0"` kept too. A
 * word not known here says nothing of the stock: unknown, not a broken catalogue.
 */
function stockCounted(value: unknown): boolean {
  if (typeof value === 'string' && value.trim().toLowerCase() === 'automatic') return true;
  return value === 1 || value === true || value === '1' || value === 'true';
}

/** 2.3: `available` when present, else the inventory rule when stock is counted, else unknown. */
function inStock(wire: WireObject, path: string, quantity: number | undefined): boolean | undefined {
  if (wire.available !== undefined && wire.available !== null) return flag(wire.available, `${path}.available`);
  if (!stockCounted(wire.inventory_management)) return undefined;
  const allowOutOfStock = wire.inventory_allow_out_of_stock;
  return (quantity ?? 0) > 0 || (allowOutOfStock !== undefined && allowOutOfStock !== null && flag(allowOutOfStock, `${path}.inventory_allow_out_of_stock`));
}

/** The aliases' names to show (category-names.ts), each once, empty aliases left out. */
function categoriesOf(aliases: readonly string[], names: CategoryNames): string[] {
  return [...new Set(aliases.filter((alias) => alias.trim() !== '').map((alias) => names.nameOf(alias)))];
}

export function mapProduct(value: unknown, context: StoreHippoMapContext, path = 'data'): Product {
  const wire = readObject(value, path);
  const id = requireId(wire, path);
  const name = requireNonEmptyString(wire, 'name', path);
  const price = roundToCurrency(requireAmount(wire, 'price', path), context.currency);
  const compare = optionalAmount(wire, 'compare_price', path);
  const compareAtPrice = compare === undefined ? null : roundToCurrency(compare, context.currency);
  const quantity = optionalAmount(wire, 'inventory_quantity', path);
  if (quantity !== undefined && !Number.isInteger(quantity)) throw invalidResponse(`${path}.inventory_quantity`, 'a whole number');
  const alias = optionalString(wire, 'alias', path);
  const permalink =
    context.storefrontUrl === undefined || alias === undefined || alias === ''
      ? undefined
      : toHttpUrl(`${context.storefrontUrl.replace(/\/+$/, '')}/product/${encodeURIComponent(alias)}`);
  const product: Product = {
    id,
    name,
    descriptionHtml: optionalString(wire, 'description', path) ?? '',
    descriptionShort: '',
    price,
    currency: context.currency,
    compareAtPrice: compareAtPrice !== null && compareAtPrice > price ? compareAtPrice : null,
    images: mapImages(wire, path, context, name),
    categories: categoriesOf(optionalStringArray(wire, 'categories', path), context.categoryNames ?? new CategoryNames()),
    tags: [],
    inStock: inStock(wire, path, quantity),
    published: wire.publish === undefined || wire.publish === null ? true : flag(wire.publish, `${path}.publish`),
    created: optionalDateTime(wire, 'created_on', path) ?? objectIdTime(id),
  };
  if (permalink !== undefined) product.permalink = permalink;
  if (quantity !== undefined) product.inventory = quantity;
  const updated = optionalDateTime(wire, 'updated_on', path);
  if (updated !== undefined) product.updated = updated;
  return product;
}

/** `{data: [...], paging?: {total}}` -> items + paging for the page asked (`start = page * count`). */
export function mapListEnvelope<T>(
  value: unknown,
  request: { page: number; count: number },
  mapItem: (item: unknown, path: string) => T,
): { items: T[]; paging: StoreHippoPaging } {
  const envelope = readObject(value, '$');
  if (!Array.isArray(envelope.data)) throw invalidResponse('$.data', 'an array');
  const data: readonly unknown[] = envelope.data;
  if (data.length > request.count) throw invalidResponse('$.data', `at most ${request.count} items`);
  const items = data.map((item, index) => mapItem(item, `$.data[${index}]`));
  const rawTotal = envelope.paging === undefined || envelope.paging === null ? undefined : readObject(envelope.paging, '$.paging').total;
  const seen = request.page * request.count + data.length;
  if (rawTotal !== undefined && rawTotal !== null) {
    if (typeof rawTotal !== 'number' || !Number.isSafeInteger(rawTotal) || rawTotal < 0) throw invalidResponse('$.paging.total', 'an integer >= 0');
    return { items, paging: { page: request.page, count: request.count, total: rawTotal, hasMore: seen < rawTotal, totalKnown: true } };
  }
  const hasMore = data.length === request.count;
  return { items, paging: { page: request.page, count: request.count, total: seen + (hasMore ? 1 : 0), hasMore, totalKnown: false } };
}

export function mapProductList(value: unknown, request: { page: number; count: number }, context: StoreHippoMapContext): { products: Product[]; paging: StoreHippoPaging; skipped: number } {
  const { items, paging } = mapListEnvelope(value, request, (item) => item);
  const { items: products, skipped } = readableItems(items, (item, index) => mapProduct(item, context, `$.data[${index}]`));
  return { products, paging, skipped };
}

/** `GET ms.products/{_id}` -> `{data: {...}}`. */
export function mapProductResponse(value: unknown, context: StoreHippoMapContext): Product {
  return mapProduct(readObject(value, '$').data, context, '$.data');
}

const ORDER_STATUSES: Readonly<Record<string, OrderStatus>> = {
  pending: 'pending', new: 'pending', created: 'pending', payment_pending: 'pending',
  paid: 'paid', confirmed: 'paid', processing: 'paid', accepted: 'paid',
  shipped: 'shipped', dispatched: 'shipped', delivered: 'shipped', fulfilled: 'shipped', completed: 'shipped',
  cancelled: 'cancelled', canceled: 'cancelled', rejected: 'cancelled',
  refunded: 'refunded', returned: 'refunded',
};

/** `order_id` (e.g. `OID100`); a number is taken as its digits. */
function orderNumber(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw invalidResponse(path, 'a string');
}

export function mapOrder(value: unknown, context: Pick<StoreHippoMapContext, 'currency'>, path = 'data'): Order {
  const wire = readObject(value, path);
  const id = requireId(wire, path);
  const currencyText = optionalString(wire, 'currency_code', path);
  const currency = currencyText === undefined || currencyText === '' ? context.currency : currencyText.toUpperCase();
  try {
    currencyDigits(currency);
  } catch {
    throw invalidResponse(`${path}.currency_code`, 'an ISO 4217 currency code');
  }
  if (!/^[A-Z]{3}$/.test(currency)) throw invalidResponse(`${path}.currency_code`, 'an ISO 4217 currency code');
  const order: Order = {
    id,
    number: orderNumber(wire.order_id, `${path}.order_id`) ?? id,
    createdAt: optionalDateTime(wire, 'created_on', path) ?? objectIdTime(id),
    total: roundToCurrency(requireAmount(wire, 'total', path), currency),
    currency,
    ...storeOrderStatus(wire.status, ORDER_STATUSES),
  };
  const email = optionalString(wire, 'email', path);
  if (email !== undefined && email !== '') order.customerEmail = email;
  // `items[]`: each line's `name` and `quantity` (platforms.md 2.4)
  return { ...order, ...orderItemsFrom(wire.items, (line, i) => readOrderLine(line, `${path}.items[${i}]`, { name: 'name', quantity: 'quantity' })) };
}

/**
 * undefined for a disabled coupon (`enabled: "0"`, its Enabled box unticked in StoreHippo Admin): no
 * code a shopper can use, so it is no coupon here (mapCouponList says it is left out, and why).
 */
export function mapCoupon(value: unknown, context: Pick<StoreHippoMapContext, 'currency'>, path = 'data'): Coupon | undefined {
  const wire = readObject(value, path);
  const code = requireNonEmptyString(wire, 'coupon_code', path);
  if (wire.enabled !== undefined && wire.enabled !== null && !flag(wire.enabled, `${path}.enabled`)) return undefined;
  const amount = requireAmount(wire, 'amount', path);
  if (amount < 0) throw invalidResponse(`${path}.amount`, 'a number >= 0');
  let coupon: Coupon;
  if (wire.type === 'percentage') {
    if (amount > 100) throw invalidResponse(`${path}.amount`, 'a percentage in 0..100');
    coupon = { code, percentOff: amount };
  } else if (wire.type === 'flat') {
    coupon = { code, percentOff: null, amountOff: roundToCurrency(amount, context.currency) };
  } else {
    throw invalidResponse(`${path}.type`, '"percentage" or "flat"');
  }
  const startsAt = optionalDateTime(wire, 'start_date', path);
  if (startsAt !== undefined) coupon.startsAt = startsAt;
  const expiresAt = optionalDateTime(wire, 'end_date', path);
  if (expiresAt !== undefined) coupon.expiresAt = expiresAt;
  return coupon;
}

/** One page of `ms.coupon_codes`: the coupons, and the disabled ones by their code (a StoreHippo coupon's name). */
export function mapCouponList(
  value: unknown,
  request: { page: number; count: number },
  context: Pick<StoreHippoMapContext, 'currency'>,
): { coupons: Coupon[]; notListed: NotListedPromotion[]; paging: StoreHippoPaging } {
  const { items, paging } = mapListEnvelope(value, request, (item, path): Coupon | NotListedPromotion => {
    return mapCoupon(item, context, path) ?? { name: requireNonEmptyString(readObject(item, path), 'coupon_code', path), reason: 'disabled' };
  });
  const coupons: Coupon[] = [];
  const notListed: NotListedPromotion[] = [];
  for (const item of items) {
    if ('reason' in item) notListed.push(item);
    else coupons.push(item);
  }
  return { coupons, notListed, paging };
}

export function mapOrderList(value: unknown, request: { page: number; count: number }, context: Pick<StoreHippoMapContext, 'currency'>): { orders: Order[]; paging: StoreHippoPaging } {
  const { items, paging } = mapListEnvelope(value, request, (item, path) => mapOrder(item, context, path));
  return { orders: items, paging };
}

/** ProductEdit -> the PUT body, only the changed fields (2.4). */
export function buildProductEditBody(edit: ProductEdit, currency: string): StoreHippoProductEditWire {
  const data: StoreHippoProductEditWire['data'] = {};
  if (edit.name !== undefined) data.name = edit.name;
  if (edit.price !== undefined) data.price = roundToCurrency(edit.price, currency);
  if (edit.published !== undefined) data.publish = edit.published ? '1' : '0';
  if (edit.inventory !== undefined) data.inventory_quantity = edit.inventory;
  if (edit.description !== undefined) data.description = edit.description;
  return { data };
}

/**
 * The conflict check of 2.4 (StoreHippo has no conditional update): re-GET the product right before
 * the PUT and call this with the `updated` the person's form started from. Throws API_CONFLICT when
 * both carry `updated_on` and they differ. Returns false when there was nothing to compare
 * (`updated_on` absent: its name is [unverified]), so the caller can say the check was skipped.
 */
export function assertUnchangedSince(seenUpdated: string | undefined, current: Product): boolean {
  const seen = seenUpdated === undefined ? Number.NaN : Date.parse(seenUpdated);
  const now = current.updated === undefined ? Number.NaN : Date.parse(current.updated);
  if (Number.isNaN(seen) || Number.isNaN(now)) return false;
  if (seen !== now) throw new AppError('API_CONFLICT', 'The product changed in the store since it was loaded.');
  return true;
}
