/**
 * Goodsie's answers read into the domain types, once: each mapper takes the parsed JSON (`unknown`),
 * checks it against the contract (/work/shared/goodsie-api.yaml) and returns camelCase domain
 * values, or throws API_INVALID_RESPONSE naming the field. goodsie.ts builds the requests and joins
 * both into Goodsie's adapter.
 */
import type {
  Cart,
  CartItem,
  Coupon,
  CouponList,
  Order,
  NumberedOrderPage,
  OrderStatus,
  Paging,
  Product,
  ProductImage,
  NumberedProductPage,
  StoreMetadata,
  StorePage,
} from '../domain/catalog.ts';
import type { RefusedField, StoreSaid } from '../domain/refusal.ts';
import { toHttpUrl } from '../sanitize/safe-url.ts';
import { roundToCurrency, roundToDigits } from './money.ts';
import {
  invalidResponse,
  optionalArray,
  optionalBoolean,
  optionalDateTime,
  optionalInteger,
  optionalString,
  optionalStringArray,
  readableItems,
  readObject,
  requireBoolean,
  requireCurrency,
  requireDateTime,
  requireInteger,
  requireNonEmptyString,
  requireNumber,
  requireString,
  type WireObject,
} from './wire.ts';

// Wire shapes of the answers (goodsie-api.yaml components/schemas), in its snake_case spelling.
// They are read from `unknown` with checks; these interfaces document them.

export interface GoodsieImageWire {
  url: string;
  alt?: string;
  width?: number;
  height?: number;
}

export interface GoodsieProductWire {
  id: string;
  name: string;
  description?: string;
  description_short?: string;
  cost: string;
  cost_raw: number;
  currency: string;
  compare_at_cost_raw?: number | null;
  images?: GoodsieImageWire[];
  categories?: string[];
  tags?: string[];
  permalink?: string;
  in_stock?: boolean;
  published: boolean;
  inventory?: number;
  created: string;
  updated?: string;
}

const ORDER_STATUSES: ReadonlySet<string> = new Set<OrderStatus>(['pending', 'paid', 'shipped', 'cancelled', 'refunded']);


/** An amount in major units rounded to the currency's digits; unknown currencies count as invalid. */
function money(object: WireObject, key: string, currency: string, path: string): number {
  const raw = requireNumber(object, key, path);
  if (raw < 0) throw invalidResponse(`${path}.${key}`, 'a non-negative amount');
  try {
    return roundToCurrency(raw, currency);
  } catch {
    throw invalidResponse(`${path}.currency`, 'a currency code this browser knows');
  }
}

function mapImage(value: unknown, path: string): ProductImage[] {
  const image = readObject(value, path);
  const url = toHttpUrl(requireString(image, 'url', path));
  if (url === undefined) return [];
  const mapped: ProductImage = { url, alt: optionalString(image, 'alt', path) ?? '' };
  const width = optionalInteger(image, 'width', path, 1);
  const height = optionalInteger(image, 'height', path, 1);
  if (width !== undefined) mapped.width = width;
  if (height !== undefined) mapped.height = height;
  return [mapped];
}

export function mapProductAt(value: unknown, path: string): Product {
  const wire = readObject(value, path);
  const id = requireNonEmptyString(wire, 'id', path);
  const name = requireString(wire, 'name', path);
  requireString(wire, 'cost', path); // required by the contract; display-only, we format ourselves
  const currency = requireCurrency(wire, 'currency', path);
  const price = money(wire, 'cost_raw', currency, path);
  const compareAt = wire.compare_at_cost_raw === undefined || wire.compare_at_cost_raw === null
    ? null
    : money(wire, 'compare_at_cost_raw', currency, path);
  const published = requireBoolean(wire, 'published', path);
  const created = requireDateTime(wire, 'created', path);

  const product: Product = {
    id,
    name,
    descriptionHtml: optionalString(wire, 'description', path) ?? '',
    descriptionShort: optionalString(wire, 'description_short', path) ?? '',
    price,
    currency,
    // An earlier price only when above the price, both rounded (platforms.md 1.4, as every adapter):
    // one at or below it is no sale, and no screen has to tell the two apart.
    compareAtPrice: compareAt !== null && compareAt > price ? compareAt : null,
    images: optionalArray(wire, 'images', path).flatMap((image, index) => mapImage(image, `${path}.images[${index}]`)),
    categories: optionalStringArray(wire, 'categories', path),
    tags: optionalStringArray(wire, 'tags', path),
    inStock: optionalBoolean(wire, 'in_stock', path),
    published,
    created,
  };
  const permalink = toHttpUrl(optionalString(wire, 'permalink', path));
  if (permalink !== undefined) product.permalink = permalink;
  const inventory = optionalInteger(wire, 'inventory', path);
  if (inventory !== undefined) product.inventory = inventory;
  const updated = optionalDateTime(wire, 'updated', path);
  if (updated !== undefined) product.updated = updated;
  return product;
}

function mapPaging(value: unknown, path: string): Paging {
  const paging = readObject(value, path);
  return {
    page: requireInteger(paging, 'page', path, 0),
    count: requireInteger(paging, 'count', path, 1),
    total: requireInteger(paging, 'total', path, 0),
  };
}

export function mapProductPage(json: unknown): NumberedProductPage {
  const body = readObject(json, '$');
  if (!Array.isArray(body.products)) throw invalidResponse('$.products', 'an array');
  const paging = mapPaging(body.paging, '$.paging');
  const { items, skipped } = readableItems(body.products, (product, index) => mapProductAt(product, `$.products[${index}]`));
  const page: NumberedProductPage = { products: items, paging };
  if (skipped > 0) page.skipped = skipped;
  return page;
}

export function mapMetadata(json: unknown): StoreMetadata {
  const wire = readObject(json, '$');
  const metadata: StoreMetadata = {
    name: requireString(wire, 'name', '$'),
    currency: requireCurrency(wire, 'currency', '$'),
  };
  const description = optionalString(wire, 'description', '$');
  const currencySymbol = optionalString(wire, 'currency_symbol', '$');
  const canonicalUrl = toHttpUrl(optionalString(wire, 'canonical_url', '$'));
  const logoUrl = toHttpUrl(optionalString(wire, 'logo_url', '$'));
  const email = optionalString(wire, 'email', '$');
  if (description !== undefined) metadata.description = description;
  if (currencySymbol !== undefined) metadata.currencySymbol = currencySymbol;
  if (canonicalUrl !== undefined) metadata.canonicalUrl = canonicalUrl;
  if (logoUrl !== undefined) metadata.logoUrl = logoUrl;
  if (email !== undefined) metadata.email = email;
  return metadata;
}

export function mapPages(json: unknown): StorePage[] {
  const body = readObject(json, '$');
  return optionalArray(body, 'pages', '$').map((value, index) => {
    const path = `$.pages[${index}]`;
    const page = readObject(value, path);
    return {
      slug: requireNonEmptyString(page, 'slug', path),
      title: requireString(page, 'title', path),
      bodyHtml: optionalString(page, 'body_html', path) ?? '',
    };
  });
}

export function mapCart(json: unknown): Cart {
  const wire = readObject(json, '$');
  const currency = wire.currency === undefined || wire.currency === null ? '' : requireCurrency(wire, 'currency', '$');
  const items = optionalArray(wire, 'items', '$').map((value, index): CartItem => {
    const path = `$.items[${index}]`;
    const item = readObject(value, path);
    return { productId: requireNonEmptyString(item, 'product_id', path), quantity: requireInteger(item, 'quantity', path, 1) };
  });
  let subtotal = 0;
  if (wire.subtotal_raw !== undefined && wire.subtotal_raw !== null) {
    subtotal = currency === '' ? roundToDigits(requireNumber(wire, 'subtotal_raw', '$'), 2) : money(wire, 'subtotal_raw', currency, '$');
  }
  return { items, subtotal, currency };
}

function mapOrder(value: unknown, path: string): Order {
  const wire = readObject(value, path);
  const id = requireNonEmptyString(wire, 'id', path);
  const currency = requireCurrency(wire, 'currency', path);
  const status = requireString(wire, 'status', path);
  if (!ORDER_STATUSES.has(status)) throw invalidResponse(`${path}.status`, 'one of pending, paid, shipped, cancelled, refunded');
  const order: Order = {
    id,
    number: optionalString(wire, 'number', path) ?? id,
    createdAt: requireDateTime(wire, 'created_at', path),
    total: money(wire, 'total_raw', currency, path),
    currency,
    status: status as OrderStatus,
  };
  const email = optionalString(wire, 'customer_email', path);
  if (email !== undefined) order.customerEmail = email;
  return order;
}

export function mapOrderPage(json: unknown): NumberedOrderPage {
  const body = readObject(json, '$');
  return {
    orders: optionalArray(body, 'orders', '$').map((order, index) => mapOrder(order, `$.orders[${index}]`)),
    paging: mapPaging(body.paging, '$.paging'),
  };
}

/** The coupons of `GET /api/v1/coupons`, every one it answers. */
export function mapCoupons(json: unknown): CouponList {
  const body = readObject(json, '$');
  const coupons = optionalArray(body, 'coupons', '$').map((value, index) => {
    const path = `$.coupons[${index}]`;
    const wire = readObject(value, path);
    const percentOff = requireNumber(wire, 'percent_off', path);
    if (percentOff < 0 || percentOff > 100) throw invalidResponse(`${path}.percent_off`, 'a number in 0..100');
    const coupon: Coupon = { code: requireNonEmptyString(wire, 'code', path), percentOff };
    const expiresAt = optionalDateTime(wire, 'expires_at', path);
    if (expiresAt !== undefined) coupon.expiresAt = expiresAt;
    return coupon;
  });
  return { coupons };
}

/** 409 body: {"error": "conflict", "product": <the server's current copy>}. */
export function mapConflict(json: unknown): Product | undefined {
  if (typeof json !== 'object' || json === null || !('product' in json)) return undefined;
  try {
    return mapProductAt(json.product, '$.product');
  } catch {
    return undefined;
  }
}

/** The fields of a product save by their wire names, as a refusal's description names them. */
const WIRE_FIELDS: Readonly<Record<string, RefusedField>> = { name: 'name', cost_raw: 'price', inventory: 'inventory', description: 'description', published: 'published' };

/**
 * A refused save's ApiError `{"error": "invalid_request", "error_description": "..."}` (400, or a
 * 422 from a server that uses it): its description, beside the field it begins with when that is
 * one of the save's wire names ("cost_raw must be a number between 0 and 1000000.") [assumed: the
 * contract names no field in ApiError].
 */
export function mapRefusal(json: unknown): StoreSaid[] {
  if (typeof json !== 'object' || json === null) return [];
  const words = (json as Record<string, unknown>).error_description;
  if (typeof words !== 'string') return [];
  const first = /^\s*([a-z_]+)\b/.exec(words)?.[1];
  return [{ field: first !== undefined && Object.hasOwn(WIRE_FIELDS, first) ? WIRE_FIELDS[first] : undefined, words }];
}
