/**
 * Foxy wire → domain, once (platforms.md 1.4, 5.3, 5.4): derived items → Product, transactions →
 * Order, coupons → Coupon, the store → StoreMetadata.
 */
import type { Coupon, Order, OrderStatus, Product, StoreMetadata } from '../../domain/catalog.ts';
import { toHttpUrl } from '../../sanitize/safe-url.ts';
import { roundToCurrency } from '../money.ts';
import { invalidResponse, optionalString, readObject, requireString } from '../wire.ts';
import type { DerivedItem } from './derive.ts';
import { FOXY_REL, parseFoxyDate, type FoxySale } from './wire.ts';

/** `created` where the platform has no date (platforms.md 1.4); derived items always have one. */
const EPOCH = '1970-01-01T00:00:00.000Z';

function isoDate(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : EPOCH;
}

export function productFromDerived(item: DerivedItem): Product {
  const image = toHttpUrl(item.image);
  const permalink = toHttpUrl(item.url);
  const product: Product = {
    id: item.id,
    name: item.name,
    descriptionHtml: '',
    descriptionShort: '',
    price: roundToCurrency(item.price, item.currency),
    currency: item.currency,
    compareAtPrice: null,
    images: image === undefined ? [] : [{ url: image, alt: item.name }],
    categories: item.category === undefined ? [] : [item.category],
    tags: [],
    inStock: undefined,
    published: true,
    created: isoDate(item.created),
    updated: isoDate(item.updated),
  };
  if (permalink !== undefined) product.permalink = permalink;
  return product;
}

const STATUS: Readonly<Record<string, OrderStatus>> = {
  captured: 'paid',
  approved: 'paid',
  authorized: 'paid',
  completed: 'paid',
  pending: 'pending',
  capturing: 'pending',
  pending_fraud_review: 'pending',
  refunded: 'refunded',
  refunding: 'refunded',
  voided: 'cancelled',
  declined: 'cancelled',
  rejected: 'cancelled',
  problem: 'cancelled',
};

/** Foxy transaction status → OrderStatus; an unknown or empty status counts as pending (never "paid"). */
export function orderStatus(status: string): OrderStatus {
  return STATUS[status.trim().toLowerCase()] ?? 'pending';
}

export function orderFromSale(sale: FoxySale): Order {
  const order: Order = {
    id: String(sale.id),
    number: sale.displayId,
    createdAt: isoDate(sale.date),
    total: roundToCurrency(sale.total, sale.currency),
    currency: sale.currency,
    status: orderStatus(sale.status),
  };
  if (sale.customerEmail !== undefined && sale.customerEmail !== '') order.customerEmail = sale.customerEmail;
  return order;
}

/** `allunits-10` (one unconditional tier) → 10; tiers (`2-5|5-10`) or conditions → undefined. */
function flatTier(details: string): number | undefined {
  const match = /^\s*allunits\s*-\s*(\d+(?:\.\d+)?)\s*$/i.exec(details);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * A coupon read with `zoom=coupon_codes`. `code` is the first code; a coupon without codes cannot
 * be typed in by anyone: null (left out of the list). Percentage types with one `allunits-N` tier
 * give `percentOff` N; amount types with one such tier give `amountOff` N; anything else has
 * `percentOff` null [format partly unverified, platforms.md 7 item 27].
 */
export function couponFromWire(value: unknown, path: string): Coupon | null {
  const coupon = readObject(value, path);
  const embedded = coupon['_embedded'] === undefined || coupon['_embedded'] === null ? {} : readObject(coupon['_embedded'], `${path}._embedded`);
  const codes = embedded[FOXY_REL.couponCodes] ?? [];
  if (!Array.isArray(codes)) throw invalidResponse(`${path}._embedded.${FOXY_REL.couponCodes}`, 'an array');
  const first = codes[0] === undefined ? undefined : requireString(readObject(codes[0], `${path}.codes[0]`), 'code', `${path}.codes[0]`).trim();
  if (first === undefined || first === '') return null;
  const type = requireString(coupon, 'coupon_discount_type', path);
  const tier = flatTier(requireString(coupon, 'coupon_discount_details', path));
  const result: Coupon = { code: first, percentOff: null };
  if (type.endsWith('_percentage') && tier !== undefined && tier > 0 && tier <= 100) result.percentOff = tier;
  if (type.endsWith('_amount') && tier !== undefined && tier > 0) result.amountOff = tier;
  const end = optionalString(coupon, 'end_date', path);
  if (end !== undefined && end.trim() !== '') {
    // A bare date ends at the end of that day, UTC (the store's time zone is not in the coupon).
    const at = /^\d{4}-\d{2}-\d{2}$/.test(end.trim()) ? Date.parse(`${end.trim()}T23:59:59Z`) : parseFoxyDate(end);
    if (Number.isNaN(at)) throw invalidResponse(`${path}.end_date`, 'a date');
    result.expiresAt = new Date(at).toISOString();
  }
  return result;
}

/** The store resource → StoreMetadata; Foxy's store has no currency: the caller passes the transactions' one. */
export function storeMetadataFromWire(value: unknown, currency: string): StoreMetadata {
  const store = readObject(value, '$');
  const metadata: StoreMetadata = { name: requireString(store, 'store_name', '$'), currency };
  const url = toHttpUrl(optionalString(store, 'store_url', '$'));
  const logo = toHttpUrl(optionalString(store, 'logo_url', '$'));
  const email = optionalString(store, 'store_email', '$');
  if (url !== undefined) metadata.canonicalUrl = url;
  if (logo !== undefined) metadata.logoUrl = logo;
  if (email !== undefined && email !== '') metadata.email = email;
  return metadata;
}
