/**
 * An Add whose answer never came: the store may have kept the product (the request reached it and
 * the connection dropped on the way back, or a gateway answered 502 for it). Goodsie has no
 * idempotent create (no client-chosen id, no SKU, no idempotency key: goodsie-api.yaml), so sending
 * it again can make a second copy. Before an Add is sent again after one, the store's products
 * of that name are looked at: one as sent, added since (clock-skew allowing), is the one saved.
 * The new product form loads this (its own chunk), and the product editor, for outcomeUnknown.
 */
import type { NewProduct, Product, ProductQuery } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';
import { HttpError } from '../oauth/http-errors.ts';

/** Adds sent whose answer never came, and when the first of them was sent (ms since the epoch). */
export interface UnsureAdd {
  sent: NewProduct[];
  since: number;
}

/**
 * How far before the first Add a product's `created` may be and still be that Add's: the store's
 * clock against this browser's. A clock further off than this finds nothing, and the Add is sent
 * again (as before this check).
 */
export const CLOCK_SKEW_MS = 10 * 60_000;
/** The newest products of that name looked at: the one added is among the newest. */
const LOOKED_AT = 20;
/** Adds remembered (each edit between tries is another one the store may have). */
const REMEMBERED = 5;

/**
 * Whether `error` leaves it unknown if the store kept the product: no answer (the connection failed
 * or dropped, which the browser does not tell apart from one that never left; or none within the
 * time limit, API_TIMEOUT), the store's or a gateway's 5xx, or a 2xx that could not be read. A 4xx is the store's clear refusal: not unknown;
 * nor is a 2xx whose body says it failed (StoreHippo's `error`), which the transport reads as the
 * 400 it stands for (API_BAD_REQUEST) while keeping the 2xx status.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof HttpError) return error.status >= 500 || (error.status >= 200 && error.status <= 299 && error.code !== 'API_BAD_REQUEST');
  return error instanceof AppError && (error.code === 'API_NETWORK_ERROR' || error.code === 'NETWORK_OR_CORS' || error.code === 'API_TIMEOUT');
}

/** `unsure` with `product`, sent at `at`, whose answer never came either. */
export function noteUnsure(unsure: UnsureAdd | null, product: NewProduct, at: number): UnsureAdd {
  const sent = (unsure?.sent ?? []).filter((earlier) => !sameAdd(earlier, product));
  return { sent: [...sent, product].slice(-REMEMBERED), since: unsure?.since ?? at };
}

function sameAdd(a: NewProduct, b: NewProduct): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether the store's `product` is `sent`, added since `since`: the same name, price, published state
 * and stock (where one was sent), created no earlier than the skew allows. The description is not
 * compared: a store may clean the HTML it keeps.
 */
export function isAdded(product: Product, sent: NewProduct, since: number): boolean {
  return (
    product.name === sent.name &&
    product.price === sent.price &&
    (sent.published === undefined || product.published === sent.published) &&
    (sent.inventory === undefined || product.inventory === undefined || product.inventory === sent.inventory) &&
    Date.parse(product.created) >= since - CLOCK_SKEW_MS
  );
}

/**
 * The product the store kept from one of the unsure Adds (the newest such), or undefined: then it
 * has none, and the Add may be sent. Rejects as the store's list does (offline, refused): then
 * nothing is known, and nothing may be sent.
 */
export async function findAdded(
  api: { listProducts(query: ProductQuery): Promise<{ products: Product[] }> },
  unsure: UnsureAdd,
): Promise<Product | undefined> {
  for (const name of new Set(unsure.sent.map((sent) => sent.name))) {
    const { products } = await api.listProducts({ q: name, sort: 'newest', count: LOOKED_AT });
    const found = products.find((product) => unsure.sent.some((sent) => isAdded(product, sent, unsure.since)));
    if (found) return found;
  }
  return undefined;
}

/** The Adds a draft kept (IndexedDB, this app's own record), or null where it kept none it can use. */
export function readUnsure(value: unknown): UnsureAdd | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sent, since } = value as Partial<UnsureAdd>;
  if (!Array.isArray(sent) || typeof since !== 'number' || !Number.isFinite(since)) return null;
  const adds = sent.filter((add): add is NewProduct => typeof add?.name === 'string' && typeof add.price === 'number').slice(-REMEMBERED);
  return adds.length > 0 ? { sent: adds, since } : null;
}
