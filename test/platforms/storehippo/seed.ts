/**
 * The StoreHippo server's data: demo access keys with roles, and a deterministic seeded catalogue
 * (products, orders, coupon codes) spelt the way StoreHippo's API spells them (platforms.md 2.3, 2.4),
 * quirks included (2.6.6): `price` once a numeric string, `available` as 1 and as true, unpublished
 * products, relative image paths, one absolute, one protocol-relative and one `javascript:` image.
 */
import { createPrng } from '../../demo-store/catalogue.ts';

export type Entity = 'ms.products' | 'ms.orders' | 'ms.coupon_codes';
export const ENTITIES: readonly Entity[] = ['ms.products', 'ms.orders', 'ms.coupon_codes'];

export interface Role {
  name: string;
  /** Entities this role may read. */
  read: readonly Entity[];
  /** Whether it may PUT products. */
  editProducts: boolean;
}

export const READ_ONLY_ROLE: Role = { name: 'Catalogue viewer (read-only)', read: ['ms.products'], editProducts: false };
export const MANAGER_ROLE: Role = { name: 'Store manager', read: ENTITIES, editProducts: true };
/** A role that reads orders only (a packer's): the products a key once read are refused with 403. */
export const ORDERS_ONLY_ROLE: Role = { name: 'Fulfilment (orders only)', read: ['ms.orders'], editProducts: false };

export interface KeyRecord {
  /** The secret itself: an `access-key` value or a bearer token. */
  secret: string;
  kind: 'access-key' | 'bearer';
  label: string;
  role: Role;
  enabled: boolean;
}

/**
 * Fixed, documented demo credentials of this LOCAL test server (never valid anywhere else, never in
 * config.json). 32 hex characters like live StoreHippo keys.
 */
export const DEMO_KEYS = {
  readOnly: '5eed0000000000000000000000000001',
  manager: '5eed0000000000000000000000000002',
  disabled: '5eed0000000000000000000000000003',
  managerBearer: 'f85632530bf277ec9ac6f649fc327f17',
} as const;

export function seedKeys(): KeyRecord[] {
  return [
    { secret: DEMO_KEYS.readOnly, kind: 'access-key', label: 'Demo read-only key', role: READ_ONLY_ROLE, enabled: true },
    { secret: DEMO_KEYS.manager, kind: 'access-key', label: 'Demo manager key', role: MANAGER_ROLE, enabled: true },
    { secret: DEMO_KEYS.disabled, kind: 'access-key', label: 'Demo disabled key', role: MANAGER_ROLE, enabled: false },
    { secret: DEMO_KEYS.managerBearer, kind: 'bearer', label: 'Demo app token (manager)', role: MANAGER_ROLE, enabled: true },
  ];
}

/** The store object id in CDN paths (`/s/<storeObjectId>/...`): not the store name. */
export const STORE_OBJECT_ID = '58b6b898fe14ad9f7ef50fb8';
/** Placeholder in seeded image strings, replaced by the CDN listener's origin host when served. */
export const CDN_HOST_PLACEHOLDER = '{cdn-host}';
export const CURRENCY = 'INR';

export type WireRecord = Record<string, unknown>;

const CATEGORIES: readonly { alias: string; nouns: readonly string[]; min: number; max: number }[] = [
  { alias: 'shirts', nouns: ['Shirt', 'Kurta', 'Polo', 'Tunic'], min: 499, max: 2999 },
  { alias: 'shoes', nouns: ['Sneaker', 'Loafer', 'Sandal', 'Boot'], min: 799, max: 5999 },
  { alias: 'bags', nouns: ['Tote', 'Backpack', 'Sling Bag', 'Clutch'], min: 399, max: 3999 },
  { alias: 'home-decor', nouns: ['Cushion', 'Lamp', 'Vase', 'Rug'], min: 299, max: 8999 },
  { alias: 'kitchen', nouns: ['Kettle', 'Mug Set', 'Tawa', 'Spice Box'], min: 199, max: 2499 },
];
const ADJECTIVES = ['Floral', 'Indigo', 'Classic', 'Handloom', 'Saffron', 'Linen', 'Block-print', 'Teak', 'Brass', 'Monsoon', 'Jaipur', 'Kerala'];

/** All seeded dates hang off this instant, so the data is the same on every run. */
const EPOCH = Date.parse('2024-01-01T00:00:00.000Z');

function hex24(random: () => number): string {
  let out = '';
  for (let i = 0; i < 24; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function relativeImage(pid: string, random: () => number): string {
  const iid = hex24(random);
  const fid = hex24(random);
  return `ms.products/${pid}/images/${iid}/${fid}/${fid}.svg`;
}

export interface Catalogue {
  products: WireRecord[];
  orders: WireRecord[];
  coupons: WireRecord[];
}

export function seedCatalogue(productCount = 120, seed = 1729): Catalogue {
  const random = createPrng(seed);
  const products: WireRecord[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < productCount; i++) {
    const category = CATEGORIES[i % CATEGORIES.length] ?? CATEGORIES[0]!;
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || usedNames.has(name)); attempt++) {
      name = `${ADJECTIVES[between(random, 0, ADJECTIVES.length - 1)]} ${category.nouns[between(random, 0, category.nouns.length - 1)]}`;
    }
    if (usedNames.has(name)) name = `${name} ${i}`;
    usedNames.add(name);
    const _id = hex24(random);
    const price = between(random, category.min, category.max);
    const created = EPOCH + i * 3_600_000 * 7 + between(random, 0, 3_000_000);
    const managed = i % 4 !== 3;
    const quantity = managed ? between(random, 0, 40) : 0;
    const record: WireRecord = {
      _id,
      name,
      alias: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      sku: `SH-${String(i + 1).padStart(4, '0')}`,
      description: `<p>${name}: ${category.alias.replace('-', ' ')} from our ${i % 2 === 0 ? 'summer' : 'festive'} range.</p>`,
      price,
      compare_price: i % 3 === 0 ? price + between(random, 100, 900) : i % 7 === 0 ? price : 0,
      categories: i % 10 === 0 ? [category.alias, 'summer'] : [category.alias],
      collections: i < 12 ? ['new-arrivals'] : [],
      brand: 'hippo-basics',
      images: [{ image: relativeImage(_id, random), caption: `${name}, front`, tags: '' }],
      // StoreHippo's own words (a StoreHippo developer's product fixture has "none"; clients write "automatic")
      inventory_management: managed ? 'automatic' : 'none',
      inventory_allow_out_of_stock: i % 9 === 0 ? '1' : '0',
      inventory_quantity: quantity,
      publish: i % 11 === 5 ? '0' : '1',
      created_on: new Date(created).toISOString(),
      updated_on: new Date(created + between(random, 0, 86_400_000)).toISOString(),
    };
    // `available` as 1, true or 0 on two thirds of the products; absent on the rest (inventory rule).
    if (i % 3 === 0) record.available = quantity > 0 ? 1 : 0;
    else if (i % 3 === 1) record.available = quantity > 0 || !managed;
    if (i % 6 === 2) (record.images as WireRecord[]).push({ image: relativeImage(_id, random), caption: `${name}, back`, tags: 'back' });
    products.push(record);
  }
  applyQuirks(products);
  return { products, orders: seedOrders(random, products), coupons: seedCoupons() };
}

/** The quirks of 2.6.6 on fixed products, so tests can find them by sku. */
function applyQuirks(products: WireRecord[]): void {
  const at = (index: number): WireRecord | undefined => products[index];
  const stringPrice = at(1);
  if (stringPrice) stringPrice.price = `${String(stringPrice.price)}.50`;
  const stringQuantity = at(2);
  if (stringQuantity) stringQuantity.inventory_quantity = String(stringQuantity.inventory_quantity);
  const absolute = at(3);
  if (absolute) absolute.images = [{ image: `http://${CDN_HOST_PLACEHOLDER}/s/${STORE_OBJECT_ID}/ms.products/${String(absolute._id)}/absolute.svg`, caption: 'Absolute URL', tags: '' }];
  const protocolRelative = at(4);
  if (protocolRelative) protocolRelative.images = [{ image: `//${CDN_HOST_PLACEHOLDER}/s/${STORE_OBJECT_ID}/ms.products/${String(protocolRelative._id)}/relative.svg`, caption: 'Protocol-relative URL', tags: '' }];
  const hostileImage = at(6);
  if (hostileImage) {
    hostileImage.name = 'Hostile Image Lamp';
    hostileImage.alias = 'hostile-image-lamp';
    hostileImage.images = [{ image: 'javascript:alert(document.domain)', caption: 'javascript: image', tags: '' }];
  }
  const hostileText = at(7);
  if (hostileText) {
    hostileText.name = 'Hostile Description Kettle';
    hostileText.alias = 'hostile-description-kettle';
    hostileText.description =
      '<p>Boils fast.</p><script>alert("description")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(2)">details</a>';
  }
}

// 'on_hold': a word of the store's own, which the app shows as StoreHippo says it
const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'refunded', 'on_hold'];

function seedOrders(random: () => number, products: WireRecord[]): WireRecord[] {
  const orders: WireRecord[] = [];
  for (let i = 0; i < 24; i++) {
    // most orders are of one product; every fourth, of four (what a merchant sees listed, in items[])
    const lines = Array.from({ length: i % 4 === 1 ? 4 : 1 }, () => {
      const product = products[between(random, 0, products.length - 1)] ?? {};
      return { product_id: product._id, name: product.name, quantity: between(random, 1, 3), price: Number(product.price ?? 0) };
    });
    const subTotal = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    orders.push({
      _id: hex24(random),
      order_id: `OID${100 + i}`,
      email: `customer${i + 1}@example.in`,
      currency_code: CURRENCY,
      sub_total: subTotal,
      total: subTotal + (subTotal >= 999 ? 0 : 49),
      status: ORDER_STATUSES[i % ORDER_STATUSES.length],
      items: lines,
      created_on: new Date(EPOCH + 30 * 86_400_000 + i * 86_400_000 * 3).toISOString(),
      updated_on: new Date(EPOCH + 31 * 86_400_000 + i * 86_400_000 * 3).toISOString(),
    });
  }
  return orders;
}

function seedCoupons(): WireRecord[] {
  let index = 0;
  // made one a day from 2023-12-01, in the order listed (the order the server answers in without `sort`)
  const coupon = (code: string, type: string, amount: number, enabled: string, end?: string, start = '2024-01-01T00:00:00.000Z'): WireRecord => ({
    _id: `c0ffee${String(++index).padStart(18, '0')}`,
    created_on: new Date(Date.UTC(2023, 11, index)).toISOString(),
    coupon_code: code,
    type,
    amount,
    enabled,
    start_date: start,
    ...(end === undefined ? {} : { end_date: end }),
  });
  return [
    coupon('WELCOME10', 'percentage', 10, '1', '2030-12-31T23:59:59.000Z'),
    coupon('FLAT200', 'flat', 200, '1', '2030-06-30T23:59:59.000Z'),
    coupon('DIWALI25', 'percentage', 25, '1'),
    coupon('OLDSALE', 'flat', 50, '0', '2024-03-31T23:59:59.000Z'),
    // set up ahead of its start
    coupon('NEWYEAR15', 'percentage', 15, '1', '2099-01-31T23:59:59.000Z', '2099-01-01T00:00:00.000Z'),
  ];
}

/**
 * `count` enabled coupon codes made after the seeded ones (a minute apart, from 2024-01-15), EXTRA0001 …,
 * 5% off: a store past the pages read. Listed in the order made; `sort=-created_on` puts the last made first.
 */
export function extraCoupons(count: number): WireRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    _id: `e0c0de${String(i + 1).padStart(18, '0')}`,
    created_on: new Date(Date.UTC(2024, 0, 15) + i * 60_000).toISOString(),
    coupon_code: `EXTRA${String(i + 1).padStart(4, '0')}`,
    type: 'percentage',
    amount: 5,
    enabled: '1',
    start_date: '2024-02-01T00:00:00.000Z',
  }));
}
