/**
 * Goodsie's products for the storefront widget: `GET /api/v1/products` (first page of `limit`, with
 * `q` and `category` as the adapter sends them) with a storefront-only token in the Authorization
 * header (RFC 6750 2.1), never in the URL (the contract allows `?access_token=`; URLs end up in logs,
 * history and Referer headers). Only what a card shows is read, checked as goodsie-map.ts checks it; a
 * unit test holds the two together on the same wire products.
 */
import { toHttpUrl } from '../sanitize/safe-url.ts';
import { currencyCode, field, list, notAsAgreed, object, readCards, type Wire } from './storefront-wire.ts';
import type { StorefrontCard, StorefrontProducts } from './types.ts';

/** A non-negative amount in major units, as sent (formatPrice rounds it to the currency's digits). */
function amount(wire: Wire, key: string): number {
  const value = field(wire, key, 'number', true);
  if (value < 0) throw notAsAgreed();
  return value;
}

/** A width or height: a positive integer, else none (the card then reserves a square). */
function size(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined;
}

/** The first image with an http(s) URL. */
function firstImage(wire: Wire): StorefrontCard['image'] {
  for (const value of list(wire, 'images')) {
    const image = object(value);
    const url = toHttpUrl(field(image, 'url', 'string', true));
    if (url !== undefined) return { url, alt: field(image, 'alt', 'string') ?? '', width: size(image.width), height: size(image.height) };
  }
  return undefined;
}

/** One wire product as a card, or null when it is not published (a stronger token than storefront's could return it). */
function readCard(value: unknown): StorefrontCard | null {
  const wire = object(value);
  if (!field(wire, 'published', 'boolean', true)) return null;
  const currency = currencyCode(wire, 'currency');
  return {
    name: field(wire, 'name', 'string', true),
    price: amount(wire, 'cost_raw'),
    currency,
    compareAtPrice: wire.compare_at_cost_raw == null ? null : amount(wire, 'compare_at_cost_raw'),
    image: firstImage(wire),
    permalink: toHttpUrl(field(wire, 'permalink', 'string')),
    inStock: field(wire, 'in_stock', 'boolean'),
  };
}

export const goodsieStorefrontProducts: StorefrontProducts = async (query, getJson) => {
  const url = new URL(`${query.apiBase}/api/v1/products`);
  const params = url.searchParams;
  params.set('page', '0');
  params.set('count', String(query.limit));
  if (query.search) params.set('q', query.search);
  if (query.category) params.set('category', query.category);
  return readCards(object(await getJson(url.href, { headers: { Accept: 'application/json', Authorization: `Bearer ${query.token}` } })).products, readCard);
};
