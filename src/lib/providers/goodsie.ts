/**
 * Goodsie: OAuth 2.0 with scopes storefront / cart / admin, the implicit flow (response_type=token)
 * and code + PKCE, and a JSON API under /api/v1 with 0-based paging.
 * The contract is /work/shared/goodsie-api.yaml; wire types below keep its snake_case spelling and
 * are converted to the camelCase domain types here, once.
 */
import type {
  Cart,
  CartItem,
  Coupon,
  NewProduct,
  Order,
  NumberedOrderPage,
  OrderStatus,
  Paging,
  Product,
  ProductEdit,
  ProductImage,
  NumberedProductPage,
  StoreMetadata,
  StorePage,
} from '../domain/catalog.ts';
import type { RefusedField, StoreSaid } from '../domain/refusal.ts';
import { AppError } from '../oauth/errors.ts';
import { toHttpUrl } from '../sanitize/safe-url.ts';
import { roundToCurrency, roundToDigits } from './money.ts';
import { goodsieProfile } from './goodsie-profile.ts';
import type { GoodsieRequest, LoadedProvider, PageRequest, ProductListRequest, ProviderAdapter } from './types.ts';
import {
  invalidResponse,
  optionalArray,
  optionalBoolean,
  optionalDateTime,
  optionalInteger,
  optionalString,
  optionalStringArray,
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

// ---------------------------------------------------------------------------------------------
// Wire shapes (goodsie-api.yaml components/schemas). Responses are read from `unknown` with
// checks; these interfaces document them and type the request bodies we send.

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

/** PATCH /api/v1/products/{id}: the editable fields plus the `updated` value the client last saw. */
export interface GoodsieProductPatchWire {
  name?: string;
  cost_raw?: number;
  published?: boolean;
  inventory?: number;
  description?: string;
  updated: string;
}

/** POST /api/v1/products. */
export interface GoodsieNewProductWire {
  name: string;
  cost_raw: number;
  description?: string;
  description_short?: string;
  published?: boolean;
  inventory?: number;
  categories?: string[];
  tags?: string[];
}

/** POST /api/v1/cart/items. */
export interface GoodsieCartItemWire {
  product_id: string;
  quantity: number;
}

const API_PREFIX = '/api/v1';

const ORDER_STATUSES: ReadonlySet<string> = new Set<OrderStatus>(['pending', 'paid', 'shipped', 'cancelled', 'refunded']);

// ---------------------------------------------------------------------------------------------
// Requests

/** One path segment; '.' and '..' would be collapsed by URL parsing into another endpoint. */
function pathSegment(value: string, what: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new AppError('API_BAD_REQUEST', `${what} is not a usable identifier`);
  }
  return encodeURIComponent(value);
}

function listProductsRequest(query: ProductListRequest): GoodsieRequest {
  const params: Record<string, string> = { page: String(query.page), count: String(query.count) };
  if (query.q !== undefined && query.q.trim() !== '') params.q = query.q.trim();
  if (query.category !== undefined && query.category !== '') params.category = query.category;
  if (query.sort !== undefined) params.sort = query.sort;
  return { method: 'GET', path: `${API_PREFIX}/products`, query: params };
}

function listOrdersRequest(paging: PageRequest): GoodsieRequest {
  return { method: 'GET', path: `${API_PREFIX}/orders`, query: { page: String(paging.page), count: String(paging.count) } };
}

function updateProductRequest(id: string, edit: ProductEdit, lastSeenUpdated: string): GoodsieRequest {
  const body: GoodsieProductPatchWire = { updated: lastSeenUpdated };
  if (edit.name !== undefined) body.name = edit.name;
  if (edit.price !== undefined) body.cost_raw = edit.price;
  if (edit.published !== undefined) body.published = edit.published;
  if (edit.inventory !== undefined) body.inventory = edit.inventory;
  if (edit.description !== undefined) body.description = edit.description;
  return { method: 'PATCH', path: `${API_PREFIX}/products/${pathSegment(id, 'product id')}`, body };
}

function createProductRequest(product: NewProduct): GoodsieRequest {
  const body: GoodsieNewProductWire = { name: product.name, cost_raw: product.price };
  if (product.descriptionHtml !== undefined) body.description = product.descriptionHtml;
  if (product.descriptionShort !== undefined) body.description_short = product.descriptionShort;
  if (product.published !== undefined) body.published = product.published;
  if (product.inventory !== undefined) body.inventory = product.inventory;
  if (product.categories !== undefined) body.categories = [...product.categories];
  if (product.tags !== undefined) body.tags = [...product.tags];
  return { method: 'POST', path: `${API_PREFIX}/products`, body };
}

function addToCartRequest(productId: string, quantity: number): GoodsieRequest {
  const body: GoodsieCartItemWire = { product_id: productId, quantity };
  return { method: 'POST', path: `${API_PREFIX}/cart/items`, body };
}

// ---------------------------------------------------------------------------------------------
// Wire -> domain

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

function mapProductAt(value: unknown, path: string): Product {
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
    compareAtPrice: compareAt,
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

function mapProductPage(json: unknown): NumberedProductPage {
  const body = readObject(json, '$');
  if (!Array.isArray(body.products)) throw invalidResponse('$.products', 'an array');
  return {
    products: body.products.map((product, index) => mapProductAt(product, `$.products[${index}]`)),
    paging: mapPaging(body.paging, '$.paging'),
  };
}

function mapMetadata(json: unknown): StoreMetadata {
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

function mapPages(json: unknown): StorePage[] {
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

function mapCart(json: unknown): Cart {
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

function mapOrderPage(json: unknown): NumberedOrderPage {
  const body = readObject(json, '$');
  return {
    orders: optionalArray(body, 'orders', '$').map((order, index) => mapOrder(order, `$.orders[${index}]`)),
    paging: mapPaging(body.paging, '$.paging'),
  };
}

function mapCoupons(json: unknown): Coupon[] {
  const body = readObject(json, '$');
  return optionalArray(body, 'coupons', '$').map((value, index) => {
    const path = `$.coupons[${index}]`;
    const wire = readObject(value, path);
    const percentOff = requireNumber(wire, 'percent_off', path);
    if (percentOff < 0 || percentOff > 100) throw invalidResponse(`${path}.percent_off`, 'a number in 0..100');
    const coupon: Coupon = { code: requireNonEmptyString(wire, 'code', path), percentOff };
    const expiresAt = optionalDateTime(wire, 'expires_at', path);
    if (expiresAt !== undefined) coupon.expiresAt = expiresAt;
    return coupon;
  });
}

/** 409 body: {"error": "conflict", "product": <the server's current copy>}. */
function mapConflict(json: unknown): Product | undefined {
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
function mapRefusal(json: unknown): StoreSaid[] {
  if (typeof json !== 'object' || json === null) return [];
  const words = (json as Record<string, unknown>).error_description;
  if (typeof words !== 'string') return [];
  const first = /^\s*([a-z_]+)\b/.exec(words)?.[1];
  return [{ field: first !== undefined && Object.hasOwn(WIRE_FIELDS, first) ? WIRE_FIELDS[first] : undefined, words }];
}

const adapter: ProviderAdapter = {
  listProductsRequest,
  getProductRequest: (id) => ({ method: 'GET', path: `${API_PREFIX}/products/${pathSegment(id, 'product id')}` }),
  getMetadataRequest: () => ({ method: 'GET', path: `${API_PREFIX}/metadata` }),
  listPagesRequest: () => ({ method: 'GET', path: `${API_PREFIX}/pages` }),
  getCartRequest: () => ({ method: 'GET', path: `${API_PREFIX}/cart` }),
  addToCartRequest,
  listOrdersRequest,
  listCouponsRequest: () => ({ method: 'GET', path: `${API_PREFIX}/coupons` }),
  updateProductRequest,
  createProductRequest,

  mapProduct: (json) => mapProductAt(json, '$'),
  mapProductPage,
  mapMetadata,
  mapPages,
  mapCart,
  mapOrderPage,
  mapCoupons,
  mapConflict,
  mapRefusal,
};

/** Goodsie with its adapter: what the store API client speaks. */
export const goodsie: LoadedProvider = Object.freeze({ ...goodsieProfile, adapter });
