/**
 * Foxy wire → domain, once (platforms.md 1.4, 5.3, 5.4): derived items → Product, transactions →
 * Order, coupons → Coupon, the store → StoreMetadata.
 */
import type { Coupon, CouponList, CouponTiers, NotListedPromotion, Order, Product, StoreMetadata } from '../../domain/catalog.ts';
import { toHttpUrl } from '../../sanitize/safe-url.ts';
import { roundToCurrency } from '../money.ts';
import { storeOrderStatus } from '../order-status.ts';
import { invalidResponse, optionalBoolean, optionalString, readObject, requireString } from '../wire.ts';
import type { DerivedItem } from './derive.ts';
import { FOXY_ALERTS, FOXY_STATUS, hidesTotal, notASaleWords } from './status.ts';
import { FOXY_REL, parseFoxyDate, type FoxySale } from './wire.ts';

/** `created` where the platform has no date (platforms.md 1.4); derived items always have one. */
const EPOCH = '1970-01-01T00:00:00.000Z';

function isoDate(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : EPOCH;
}

/**
 * An item's `url` as its permalink only where it is on the merchant's own site (the store's
 * `store_url`, with or without `www.`), else none. Foxy keeps what the add-to-cart link a shopper's
 * browser sent says of an item (name, price, url, image), and anyone can write that link unless the
 * store signs its links (HMAC product verification, off by default): a url elsewhere may be a
 * shopper's page dressed as the product's, and "View on the store's website" must not lead there.
 * @see https://www.foxy.io/help/articles/product-security-overview
 */
export function onStoreSite(url: string | undefined, site: string | undefined): string | undefined {
  const link = toHttpUrl(url);
  const home = toHttpUrl(site);
  if (link === undefined || home === undefined) return undefined;
  const [a, b] = [new URL(link), new URL(home)];
  const bare = (host: string) => host.replace(/^www\./, '');
  return a.protocol === b.protocol && a.port === b.port && bare(a.hostname) === bare(b.hostname) ? link : undefined;
}

/** `site`: the store's `store_url` (see {@link onStoreSite}). */
export function productFromDerived(item: DerivedItem, site: string | undefined): Product {
  const image = toHttpUrl(item.image);
  const permalink = onStoreSite(item.url, site);
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

/**
 * A sale's status; a change to a subscription or its billing details says what it is instead (Foxy's
 * admin lists it so), with the status's own words beside them where they are not "Paid" (declined,
 * pending...): filed as its status says, never read as a paid sale.
 */
function saleStatus(sale: FoxySale): Pick<Order, 'status' | 'statusWords'> {
  const word = sale.status.trim().toLowerCase();
  const filed = FOXY_ALERTS.has(word) ? { ...storeOrderStatus(sale.status, {}), status: FOXY_STATUS[word] ?? 'cancelled' } : storeOrderStatus(sale.status, FOXY_STATUS);
  const change = notASaleWords(sale.type);
  if (change === undefined) return filed;
  const status = filed.statusWords ?? (filed.status === 'paid' ? undefined : storeOrderStatus(sale.status, {}).statusWords);
  return { status: filed.status, statusWords: status === undefined ? change : `${change} · ${status}` };
}

export function orderFromSale(sale: FoxySale): Order {
  const order: Order = {
    id: String(sale.id),
    number: sale.displayId,
    createdAt: isoDate(sale.date),
    total: roundToCurrency(sale.total, sale.currency),
    currency: sale.currency,
    ...saleStatus(sale),
  };
  if (sale.customerEmail !== undefined && sale.customerEmail !== '') order.customerEmail = sale.customerEmail;
  if (sale.customerName !== undefined) order.customerName = sale.customerName;
  if (hidesTotal(sale.type)) order.noTotal = true;
  // read with zoom=items: what was bought; an item without a name or a whole quantity is counted, not listed
  if (sale.items !== undefined) {
    // `price` is one unit's (platforms.md 5.3: 18.5 × 2 items, total_item_price "37.00"): the line costs it times its
    // quantity. Not on a transaction that is no sale (a payment method change, a subscription's change or
    // cancellation): nothing was charged for its items, whose price Foxy's admin does not show there either.
    const charged = notASaleWords(sale.type) === undefined;
    const items = sale.items.flatMap((item) =>
      item.name !== '' && item.quantity !== undefined
        ? [{ name: item.name, quantity: item.quantity, ...(charged ? { lineTotal: roundToCurrency(item.price * item.quantity, sale.currency) } : {}) }]
        : [],
    );
    const unread = sale.unreadItems + sale.items.length - items.length;
    order.items = items;
    if (unread > 0) order.itemsUnread = unread;
  }
  return order;
}

/** Foxy's discount types (platforms.md 5.4): what a tier's threshold counts, and what it takes off. */
const DISCOUNT_TYPES: Record<string, Pick<CouponTiers, 'by' | 'unit'>> = {
  quantity_percentage: { by: 'items', unit: 'percent' },
  quantity_amount: { by: 'items', unit: 'amount' },
  price_percentage: { by: 'spend', unit: 'percent' },
  price_amount: { by: 'spend', unit: 'amount' },
};
const NUMBER = String.raw`\s*(\d+(?:\.\d+)?)\s*`;
const STEP = new RegExp(`^${NUMBER}-${NUMBER}$`);

/**
 * What a coupon takes off, from `coupon_discount_type` and `coupon_discount_details`. The details
 * are Foxy's discount string, `[method|]from-off|from-off…` ("2-5|5-10|10-20": 5% from 2 items,
 * 10% from 5, 20% from 10), the method `single` by default for coupons (foxy.io "Discount
 * Parameters"); the contract's own `allunits-10` is one tier for any cart, taken once. `allunits`
 * with an amount takes it off each item. Tiers that count from 1 item or 1 unit of money on are no
 * condition. `incremental` and `repeat` (only the units above a tier, every n-th unit) or anything
 * unreadable: nothing is claimed, the coupon shows its name (platforms.md 5.4 [format partly
 * unverified]: the real string decided, as the platform documents it).
 */
function discountOf(type: string, details: string): Pick<Coupon, 'percentOff' | 'amountOff' | 'tiers'> {
  const kind = DISCOUNT_TYPES[type.trim().toLowerCase()];
  const unreadable = { percentOff: null };
  if (kind === undefined) return unreadable;
  const contract = /^\s*allunits\s*-\s*(\d+(?:\.\d+)?)\s*$/i.exec(details);
  const parts = contract ? [`1-${contract[1]}`] : details.split('|');
  const method = contract ? 'single' : /^\s*[a-z]+\s*$/i.test(parts[0] ?? '') ? parts.shift()!.trim().toLowerCase() : 'single';
  if (method !== 'single' && method !== 'allunits') return unreadable;
  const steps: { from: number; off: number }[] = [];
  for (const part of parts) {
    const step = STEP.exec(part);
    if (step === null) return unreadable;
    const from = Number(step[1]);
    const off = Number(step[2]);
    if (!(off > 0) || (kind.unit === 'percent' && off > 100)) return unreadable;
    steps.push({ from, off });
  }
  if (steps.length === 0) return unreadable;
  steps.sort((a, b) => a.from - b.from);
  const perItem = method === 'allunits' && kind.unit === 'amount';
  const only = steps.length === 1 ? steps[0]! : undefined;
  if (only !== undefined && only.from <= 1 && !perItem) {
    return kind.unit === 'percent' ? { percentOff: only.off } : { percentOff: null, amountOff: only.off };
  }
  return { percentOff: null, tiers: { ...kind, perItem, steps } };
}

/**
 * The coupons read with `zoom=coupon_codes` (each coupon's codes embedded, `fx:coupon_codes`): those
 * with a code, and those without, left out by name with why. A Foxy coupon's codes are a resource of
 * their own, added in Foxy's admin (Generate codes, Import codes, Add code), and until then no shopper
 * can type the coupon in (`noCodes`); unless it is an auto-apply coupon (`customer_auto_apply`), which
 * Foxy applies by itself to the customers or subscriptions its restrictions match, and needs no code
 * (`autoApply`; foxy-sdk's Coupon: customer_attribute_restrictions, customer_subscription_restrictions).
 */
export function couponsFromWire(entries: readonly unknown[], at = '$.fx:coupons'): CouponList {
  const coupons: Coupon[] = [];
  const notListed: NotListedPromotion[] = [];
  entries.forEach((entry, index) => {
    const path = `${at}[${index}]`;
    const coupon = couponFromWire(entry, path);
    if (coupon !== null) {
      coupons.push(coupon);
      return;
    }
    const wire = readObject(entry, path);
    const reason = optionalBoolean(wire, 'customer_auto_apply', path) === true ? 'autoApply' : 'noCodes';
    notListed.push({ name: optionalString(wire, 'name', path)?.trim() ?? '', reason });
  });
  return notListed.length === 0 ? { coupons } : { coupons, notListed };
}

/**
 * A coupon read with `zoom=coupon_codes`. `code` is the first code; a coupon without codes (none
 * embedded, or only blank ones) cannot be typed in by anyone: null. What it takes off: discountOf.
 */
export function couponFromWire(value: unknown, path: string): Coupon | null {
  const coupon = readObject(value, path);
  const embedded = coupon['_embedded'] === undefined || coupon['_embedded'] === null ? {} : readObject(coupon['_embedded'], `${path}._embedded`);
  const codes = embedded[FOXY_REL.couponCodes] ?? [];
  if (!Array.isArray(codes)) throw invalidResponse(`${path}._embedded.${FOXY_REL.couponCodes}`, 'an array');
  const first = codes[0] === undefined ? undefined : requireString(readObject(codes[0], `${path}.codes[0]`), 'code', `${path}.codes[0]`).trim();
  if (first === undefined || first === '') return null;
  const result: Coupon = {
    code: first,
    ...discountOf(requireString(coupon, 'coupon_discount_type', path), requireString(coupon, 'coupon_discount_details', path)),
  };
  // A coupon may have several codes: the first is shown with its Copy button, the others beside it.
  const others = codes.slice(1).map((entry, i) => requireString(readObject(entry, `${path}.codes[${i + 1}]`), 'code', `${path}.codes[${i + 1}]`).trim());
  const otherCodes = [...new Set(others)].filter((code) => code !== '' && code !== first);
  if (otherCodes.length > 0) result.otherCodes = otherCodes;
  const name = optionalString(coupon, 'name', path)?.trim();
  if (name !== undefined && name !== '' && name !== first) result.name = name;
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
