/**
 * FlickRocket wire shapes (platforms.md 3.2, 3.3), in the platform's own spelling, and the readers
 * that take an API answer apart (including the singular `{"category":{...}}` collapse). Responses
 * are read from `unknown` with checks; these interfaces document them.
 */
import { invalidResponse, readObject, type WireObject } from '../wire.ts';

export interface FlickRocketLocaleWire {
  /** Numeric (1 en, 2 de, 6 pt, 8 es, 10 it, 12 fr) or an ISO code ("en"). */
  language_id: number | string;
  title?: string;
  description?: string;
}

export interface FlickRocketBindingWire {
  license_id: number;
  price_id: number | null;
  compare_price_id: number | null;
  hd?: boolean;
  num_users?: number;
  audio_type?: number;
}

export interface FlickRocketProductWire {
  id: number;
  product_id?: string;
  title: string;
  product_type?: number;
  valid?: boolean;
  published_at?: string;
  locales?: FlickRocketLocaleWire[];
  price_license_binding?: FlickRocketBindingWire[];
  categories?: { id?: number; category_id: number; created_at?: string }[];
  /** Element shape [unverified]: strings or objects with `url`. */
  images?: (string | { url?: string })[];
}

export interface FlickRocketPriceModelWire {
  id: number;
  title?: string;
  valid?: number | boolean;
  /** Prices in cents; currency codes lower case. */
  currencies: { currency: string; price: number }[];
  countries?: { country_name: string; country_code: string; price: number }[];
}

export interface FlickRocketCategoryWire {
  id: number;
  /** `name` or `title` [unverified which]. */
  name?: string;
  title?: string;
}

/** Orders: field names are this project's decision until a real response is captured [unverified]. */
export interface FlickRocketOrderWire {
  id: number;
  order_number?: string;
  created_at: string;
  currency: string;
  /** Cents. */
  total_price: number;
  status?: string;
  email?: string;
}

/** A 200 from /token (ASP.NET OWIN). */
export interface FlickRocketTokenResponseWire {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  access_type?: string;
  'as:client_id'?: string;
  userName?: string;
  '.issued'?: string;
  '.expires'?: string;
}

/** `{"<plural>":[...]}`, or `{"<singular>":{...}}` when exactly one exists [code plugin]. */
export function readCollapsibleList(json: unknown, plural: string, singular: string): WireObject[] {
  const body = readObject(json, '$');
  const many = body[plural];
  if (Array.isArray(many)) return many.map((item, index) => readObject(item, `$.${plural}[${index}]`));
  if (many !== undefined && many !== null) throw invalidResponse(`$.${plural}`, 'an array');
  const one = body[singular];
  if (one !== undefined && one !== null) return [readObject(one, `$.${singular}`)];
  // Neither key: an empty collection.
  return [];
}

/** GET /api/products.json: `{"products":[...]}`; products never collapse to one object. */
export function readProductList(json: unknown): WireObject[] {
  const products = readObject(json, '$')['products'];
  if (!Array.isArray(products)) throw invalidResponse('$.products', 'an array');
  return products.map((item, index) => readObject(item, `$.products[${index}]`));
}

/** GET /api/products/{id}.json: `{"product":{...}}`. */
export function readProductDetail(json: unknown): WireObject {
  return readObject(readObject(json, '$')['product'], '$.product');
}

/** GET /api/…/count.json: `{"count":N}`. */
export function readCount(json: unknown): number {
  const count = readObject(json, '$')['count'];
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) throw invalidResponse('$.count', 'a whole number >= 0');
  return count;
}

/** GET /api/orders.json: `{"orders":[...]}`. */
export function readOrderList(json: unknown): WireObject[] {
  const orders = readObject(json, '$')['orders'];
  if (!Array.isArray(orders)) throw invalidResponse('$.orders', 'an array');
  return orders.map((item, index) => readObject(item, `$.orders[${index}]`));
}
