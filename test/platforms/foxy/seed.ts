/**
 * The Foxy store's seeded, deterministic data: item categories, ~200 transactions with items, coupons.
 * Foxy has no product resource: the catalogue the app shows is derived from transaction items, so
 * the seed carries the quirks of platforms.md 5.6.7 on purpose:
 * - the same `code` in several transactions at different prices (the newest price wins);
 * - items with an empty `code` (the app keys those by `name`);
 * - an `is_test` transaction (newest of all, absurd price) and a `hide_transaction` one;
 * - a quarter of the sales voided, declined or 'problem' (no money taken), among them the newest
 *   real one: a declined sale whose add-to-cart link renamed and repriced the mug and made up a
 *   product nobody bought (the derived catalogue must believe neither); a sixth pending or
 *   pending_fraud_review (no money taken yet: they name no product either);
 * - an item whose `image` is a `javascript:` URL.
 * Times are fixed (no Date.now()), so two starts give the same data.
 */
import { createPrng } from '../../demo-store/catalogue.ts';

export interface SeedCategory {
  id: number;
  code: string;
  name: string;
  item_delivery_type: 'shipped' | 'downloaded' | 'flat_rate' | 'pickup' | 'notshipped';
}

export interface SeedItem {
  id: number;
  categoryId: number;
  name: string;
  price: number;
  quantity: number;
  weight: number;
  code: string;
  url: string;
  image: string;
  date: string;
}

export interface SeedTransaction {
  id: number;
  display_id: number;
  is_test: boolean;
  hide_transaction: boolean;
  transaction_date: string;
  customer_email: string;
  /** The customer's given name and surname at the time of the transaction (the SDK's Transaction); '' when not given. */
  customer_first_name?: string;
  customer_last_name?: string;
  status: string;
  /** The SDK's `Transaction.type`: '' (a checkout), updateinfo, subscription_modification, subscription_renewal, subscription_cancellation; '' when absent. */
  type?: string;
  currency_code: string;
  currency_symbol: string;
  items: SeedItem[];
}

export interface SeedCoupon {
  id: number;
  name: string;
  start_date: string | null;
  end_date: string | null;
  coupon_discount_type: 'quantity_amount' | 'quantity_percentage' | 'price_amount' | 'price_percentage';
  coupon_discount_details: string;
  codes: string[];
  /** An auto-apply coupon: applied to the customers whose record matches its attribute restrictions (absent: false). */
  customer_auto_apply?: boolean;
  customer_attribute_restrictions?: string;
  /** When the merchant made it, as Foxy writes dates (`2025-02-03T11:22:31-0800`): what `order=date_created desc` sorts by. */
  date_created: string;
}

export interface Seed {
  categories: SeedCategory[];
  transactions: SeedTransaction[];
  coupons: SeedCoupon[];
}

/** The shop's own site, as items' `url`/`image` carry it (not an origin the app calls with a token). */
export const SHOP_SITE = 'https://shop.example.com';
export const MUG_CODE = 'MUG-01';
/** What the declined sale's edited add-to-cart links said (never in the derived catalogue). */
export const DECLINED_MUG_NAME = 'Ceramic Mug (now free)';
export const MADE_UP_NAME = 'Free phone';
/** What a subscription's free modification says of the mug, and of a product it made up. */
export const MODIFIED_MUG_NAME = 'Ceramic Mug (subscriber price)';
export const MODIFIED_NEW_NAME = 'Gold Coffee Club';
/** The transaction types that charge nothing at the time (the SDK's `Transaction.type`). */
export const FREE_TYPES: ReadonlySet<string> = new Set(['updateinfo', 'subscription_modification', 'subscription_cancellation']);
/** The `javascript:` image of one item (platforms.md 5.6.7). */
export const HOSTILE_IMAGE = 'javascript:alert(document.domain)';
export const DEFAULT_TRANSACTION_COUNT = 200;

const CATEGORIES: SeedCategory[] = [
  { id: 77, code: 'DEFAULT', name: 'Default for all products', item_delivery_type: 'shipped' },
  { id: 78, code: 'kitchen', name: 'Kitchen', item_delivery_type: 'shipped' },
  { id: 79, code: 'apparel', name: 'Apparel', item_delivery_type: 'shipped' },
  { id: 80, code: 'ebooks', name: 'E-books', item_delivery_type: 'downloaded' },
  { id: 81, code: 'garden', name: 'Garden', item_delivery_type: 'shipped' },
];

const NOUNS: Record<number, string[]> = {
  77: ['Gift Card', 'Sticker Pack', 'Tote Bag'],
  78: ['Ceramic Mug', 'Teapot', 'Chef Knife', 'Cutting Board', 'Espresso Cup', 'Salad Bowl'],
  79: ['Wool Scarf', 'Linen Shirt', 'Canvas Cap', 'Rain Jacket', 'Hiking Socks'],
  80: ['Sourdough Handbook', 'Garden Almanac', 'Knife Skills Guide', 'Field Notes'],
  81: ['Seed Kit', 'Trowel', 'Watering Can', 'Pruning Shears', 'Herb Planter'],
};

interface ProductSpec {
  code: string;
  name: string;
  categoryId: number;
  basePrice: number;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function productSpecs(): ProductSpec[] {
  const specs: ProductSpec[] = [];
  let n = 0;
  for (const category of CATEGORIES) {
    for (const noun of NOUNS[category.id] ?? []) {
      n++;
      const code = category.id === 78 && noun === 'Ceramic Mug' ? MUG_CODE : `${category.code.slice(0, 3).toUpperCase()}-${String(n).padStart(2, '0')}`;
      specs.push({ code, name: noun, categoryId: category.id, basePrice: 4 + ((n * 37) % 90) + 0.5 * (n % 2) });
    }
  }
  // Items sold without a code (platforms.md 5.3: keyed by name).
  specs.push({ code: '', name: 'Gift Wrapping', categoryId: 77, basePrice: 3.5 });
  specs.push({ code: '', name: 'Custom Engraving', categoryId: 78, basePrice: 12 });
  return specs;
}

// '' : a sale through a normal (not hosted) payment gateway, most stores' orders (the SDK: "should be considered completed").
const STATUSES = ['captured', '', 'captured', 'approved', 'authorized', 'completed', 'pending', 'pending_fraud_review', 'refunded', 'voided', 'declined', 'problem'];
const FIRST_NAMES = ['ana', 'ben', 'chloe', 'dev', 'emma', 'farid', 'grace', 'hugo', 'ines', 'jon'];
const LAST_NAMES = ['Silva', 'Okafor', 'Martin', 'Patel', 'Novak', 'Haddad', 'Kim', 'Larsen', 'Moreau', 'Berg', 'Tanaka'];

/** Foxy's date-time spelling: local time with an offset without colon (`2025-02-03T11:22:31-0800`). */
export function foxyDate(epochMs: number): string {
  const local = new Date(epochMs - 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}-0800`;
}

/** 2025-03-01T12:00:00-0800, the newest real transaction. */
const NEWEST = Date.UTC(2025, 2, 1, 20, 0, 0);

export function createSeed(transactionCount = DEFAULT_TRANSACTION_COUNT): Seed {
  const random = createPrng(8);
  const specs = productSpecs();
  const transactions: SeedTransaction[] = [];
  let itemId = 9000;
  for (let i = 0; i < transactionCount; i++) {
    // i = 0 is the oldest; one transaction every ~9 hours.
    const at = NEWEST - (transactionCount - 1 - i) * 9 * 3600_000 - Math.floor(random() * 3600) * 1000;
    const date = foxyDate(at);
    const id = 6000 + i;
    const items: SeedItem[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const spec = specs[Math.floor(random() * specs.length)] as ProductSpec;
      // Prices drift up over time: the same code sells at different prices (newest wins).
      const drift = Math.floor((i / Math.max(1, transactionCount)) * 4);
      const price = Math.round((spec.basePrice + drift) * 100) / 100;
      items.push({
        id: itemId++,
        categoryId: spec.categoryId,
        name: spec.name,
        price,
        quantity: 1 + Math.floor(random() * 3),
        weight: 1,
        code: spec.code,
        url: `${SHOP_SITE}/products/${slug(spec.name)}`,
        image: `${SHOP_SITE}/img/${slug(spec.name)}.jpg`,
        date,
      });
    }
    const name = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    transactions.push({
      id,
      display_id: id,
      is_test: false,
      hide_transaction: false,
      transaction_date: date,
      customer_email: `${name}${i}@example.com`,
      customer_first_name: name.charAt(0).toUpperCase() + name.slice(1),
      customer_last_name: LAST_NAMES[i % LAST_NAMES.length] as string,
      status: STATUSES[i % STATUSES.length] as string,
      currency_code: 'USD',
      currency_symbol: '$',
      items,
    });
  }
  const newest = transactions[transactions.length - 1];
  if (newest !== undefined) {
    // The newest real sale of the mug, at its newest price, named as the shop now names it; its money
    // taken (the status cycle made it pending_fraud_review, which names no product: foxy/status.ts).
    newest.status = 'captured';
    // a mug-of-the-month subscriber's renewal: Foxy charges the subscription's items, a sale like any other
    newest.type = 'subscription_renewal';
    newest.items.push({ ...itemTemplate(specs, MUG_CODE), id: itemId++, name: 'Ceramic Mug (Large)', price: 24.5, date: newest.transaction_date });
  }
  const hostileHost = transactions[transactions.length - 3];
  if (hostileHost !== undefined) {
    hostileHost.items.push({
      ...itemTemplate(specs, 'GAR-99'),
      id: itemId++,
      code: 'GAR-99',
      name: 'Garden Gnome',
      categoryId: 81,
      price: 19,
      image: HOSTILE_IMAGE,
      url: 'javascript:alert(1)',
      date: hostileHost.transaction_date,
    });
  }
  // A test transaction, newest of all, with an absurd mug price: skipped by the derived catalogue.
  const testAt = NEWEST + 3600_000;
  transactions.push({
    id: 6000 + transactionCount,
    display_id: 6000 + transactionCount,
    is_test: true,
    hide_transaction: false,
    transaction_date: foxyDate(testAt),
    customer_email: 'test@example.com',
    status: 'captured',
    currency_code: 'USD',
    currency_symbol: '$',
    items: [{ ...itemTemplate(specs, MUG_CODE), id: itemId++, name: 'TEST MUG', price: 0.01, date: foxyDate(testAt) }],
  });
  // A hidden transaction with an item sold nowhere else: never in the derived catalogue.
  transactions.push({
    id: 6000 + transactionCount + 1,
    display_id: 6000 + transactionCount + 1,
    is_test: false,
    hide_transaction: true,
    transaction_date: foxyDate(NEWEST - 3600_000),
    customer_email: 'hidden@example.com',
    status: 'captured',
    currency_code: 'USD',
    currency_symbol: '$',
    items: [{ ...itemTemplate(specs, MUG_CODE), id: itemId++, code: 'HIDDEN-1', name: 'Hidden Thing', price: 99, date: foxyDate(NEWEST - 3600_000) }],
  });
  // A declined sale, newer than every paid one: a shopper's edited add-to-cart links renamed the mug
  // at no price and made up a product; no money was taken, so the derived catalogue believes neither.
  const declinedAt = NEWEST + 1800_000;
  transactions.push({
    id: 6000 + transactionCount + 2,
    display_id: 6000 + transactionCount + 2,
    is_test: false,
    hide_transaction: false,
    transaction_date: foxyDate(declinedAt),
    customer_email: 'never-pays@example.com',
    status: 'declined',
    currency_code: 'USD',
    currency_symbol: '$',
    items: [
      { ...itemTemplate(specs, MUG_CODE), id: itemId++, name: DECLINED_MUG_NAME, price: 0, date: foxyDate(declinedAt) },
      { ...itemTemplate(specs, MUG_CODE), id: itemId++, code: 'PHONE-1', name: MADE_UP_NAME, price: 0, url: `${SHOP_SITE}/products/free-phone`, image: `${SHOP_SITE}/img/free-phone.jpg`, date: foxyDate(declinedAt) },
    ],
  });
  // A subscriber’s change to their subscription, newer than every paid sale, through a normal gateway (status ''):
  // loaded with its sub_token, the cart took an edited add-to-cart link, and the new items start at
  // the next renewal, so nothing was charged (total_order 0). It names, prices nothing.
  const modifiedAt = NEWEST + 1200_000;
  transactions.push({
    id: 6000 + transactionCount + 3,
    display_id: 6000 + transactionCount + 3,
    is_test: false,
    hide_transaction: false,
    transaction_date: foxyDate(modifiedAt),
    customer_email: 'subscriber@example.com',
    status: '',
    type: 'subscription_modification',
    currency_code: 'USD',
    currency_symbol: '$',
    items: [
      { ...itemTemplate(specs, MUG_CODE), id: itemId++, name: MODIFIED_MUG_NAME, price: 1, date: foxyDate(modifiedAt) },
      { ...itemTemplate(specs, MUG_CODE), id: itemId++, code: 'CLUB-GOLD', name: MODIFIED_NEW_NAME, price: 0, url: `${SHOP_SITE}/products/gold-club`, image: `${SHOP_SITE}/img/gold-club.jpg`, date: foxyDate(modifiedAt) },
    ],
  });
  // A subscriber's new card (updateinfo), newer still: the checkout took the subscription's item at
  // its price but charged nothing (total_order 0); Foxy's admin lists it with no total.
  const updatedAt = NEWEST + 1500_000;
  transactions.push({
    id: 6000 + transactionCount + 4,
    display_id: 6000 + transactionCount + 4,
    is_test: false,
    hide_transaction: false,
    transaction_date: foxyDate(updatedAt),
    customer_email: 'new-card@example.com',
    status: '',
    type: 'updateinfo',
    currency_code: 'USD',
    currency_symbol: '$',
    items: [{ ...itemTemplate(specs, MUG_CODE), id: itemId++, date: foxyDate(updatedAt) }],
  });
  // A big cart, still pending (no money taken: the derived catalogue reads none of its items): the
  // newest pending sale gets two more lines, so an order lists past three (what the Orders screen shows).
  const bigCart = [...transactions].reverse().find((t) => t.status === 'pending' && !t.is_test && t.items.length >= 2);
  if (bigCart !== undefined) {
    for (const code of [MUG_CODE, 'DEF-03']) bigCart.items.push({ ...itemTemplate(specs, code), id: itemId++, quantity: 2, date: bigCart.transaction_date });
  }
  // every transaction has a type, '' for a checkout (so `type=` filters as Foxy's does)
  for (const transaction of transactions) transaction.type ??= '';
  return { categories: CATEGORIES.map((c) => ({ ...c })), transactions, coupons: coupons() };
}

function itemTemplate(specs: ProductSpec[], code: string): SeedItem {
  const spec = specs.find((s) => s.code === code) ?? (specs[0] as ProductSpec);
  return {
    id: 0,
    categoryId: spec.categoryId,
    name: spec.name,
    price: spec.basePrice,
    quantity: 1,
    weight: 1,
    code: spec.code,
    url: `${SHOP_SITE}/products/${slug(spec.name)}`,
    image: `${SHOP_SITE}/img/${slug(spec.name)}.jpg`,
    date: '',
  };
}

function coupons(): SeedCoupon[] {
  return [
    { id: 301, name: 'Spring 10%', start_date: '2025-03-01', end_date: '2025-05-31', coupon_discount_type: 'quantity_percentage', coupon_discount_details: 'allunits-10', codes: ['SPRING10', 'SPRING10B'], date_created: '2025-01-01T09:00:00-0800' },
    { id: 302, name: 'Five off', start_date: null, end_date: null, coupon_discount_type: 'price_amount', coupon_discount_details: 'allunits-5', codes: ['FIVEOFF'], date_created: '2025-01-02T09:00:00-0800' },
    { id: 303, name: 'Bulk tiers', start_date: null, end_date: '2026-12-31', coupon_discount_type: 'quantity_percentage', coupon_discount_details: '2-5|5-10|10-20', codes: ['BULK'], date_created: '2025-01-03T09:00:00-0800' },
    { id: 304, name: 'Order over 50', start_date: null, end_date: null, coupon_discount_type: 'price_percentage', coupon_discount_details: '50-15', codes: ['BIG15'], date_created: '2025-01-04T09:00:00-0800' },
    { id: 306, name: 'Every third item', start_date: null, end_date: null, coupon_discount_type: 'quantity_amount', coupon_discount_details: 'repeat|3-5', codes: ['THIRD'], date_created: '2025-01-05T09:00:00-0800' },
    { id: 305, name: 'No codes yet', start_date: null, end_date: null, coupon_discount_type: 'quantity_amount', coupon_discount_details: '1-2', codes: [], date_created: '2025-01-06T09:00:00-0800' },
    // an auto-apply coupon: no codes, none needed (Foxy applies it to the customers its restrictions match)
    { id: 307, name: 'Members 10%', start_date: null, end_date: null, coupon_discount_type: 'quantity_percentage', coupon_discount_details: 'allunits-10', codes: [], customer_auto_apply: true, customer_attribute_restrictions: 'attributes:name[member]=1', date_created: '2025-01-07T09:00:00-0800' },
  ];
}

/** The `i`th extra coupon's date_created: a minute after the one before, from 2025-02-01 (all after the seeded ones). */
function extraCreated(i: number): string {
  return `${new Date(Date.UTC(2025, 1, 1, 17) + i * 60_000).toISOString().slice(0, 19)}+0000`;
}

/**
 * `count` coupons made after the seeded ones (ids from 1001, each a minute after the one before), "Extra 1" …
 * with codes EXTRA0001 …, 5% off: a store past the pages read. Listed in the order made, as the server
 * answers without `order`; `order=date_created desc` puts the last made first.
 */
export function extraCoupons(count: number): SeedCoupon[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return { id: 1001 + i, name: `Extra ${i + 1}`, start_date: null, end_date: null, coupon_discount_type: 'quantity_percentage', coupon_discount_details: 'allunits-5', codes: [`EXTRA${n}`], date_created: extraCreated(i) };
  });
}
