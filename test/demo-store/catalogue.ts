/**
 * The demo store's data: a deterministic seeded catalogue (products, pages, orders, coupons) and
 * the in-memory operations the API performs on it. Wire conversion (RFC-style snake_case, absolute
 * URLs on the store's origin) happens once, in `productToWire`.
 */
import { hostileProducts, hostilePage } from './hostile.ts';
import { rtlCoupon, rtlOrder, rtlPage, rtlProducts } from './rtl.ts';

/** Relative `path` (served by this store) or an absolute `url` used as-is (hostile data only). */
export interface ImageRecord {
  path?: string;
  url?: string;
  alt: string;
  width: number;
  height: number;
}

export interface ProductRecord {
  id: string;
  name: string;
  description: string;
  descriptionShort: string;
  costRaw: number;
  compareAtCostRaw: number | null;
  images: ImageRecord[];
  categories: string[];
  tags: string[];
  /** Relative path on the store's origin, or an absolute URL kept as-is (hostile data only). */
  permalink: string;
  published: boolean;
  inventory: number;
  /** ISO date-time. */
  created: string;
  /** ISO date-time; strictly increases on every change. */
  updated: string;
}

export interface PageRecord {
  slug: string;
  title: string;
  bodyHtml: string;
}

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled' | 'refunded';

export interface OrderRecord {
  id: string;
  number: string;
  createdAt: string;
  totalRaw: number;
  status: OrderStatus;
  customerEmail: string;
}

export interface CouponRecord {
  code: string;
  percentOff: number;
  expiresAt: string;
}

export type ProductSort = 'newest' | 'name' | 'price' | '-price';

export interface ProductQuery {
  page: number;
  count: number;
  q?: string;
  category?: string;
  sort: ProductSort;
  includeUnpublished: boolean;
}

export interface ProductEdit {
  name?: string;
  costRaw?: number;
  published?: boolean;
  inventory?: number;
  description?: string;
}

export interface NewProduct extends ProductEdit {
  name: string;
  costRaw: number;
  descriptionShort?: string;
  categories?: string[];
  tags?: string[];
}

export const CURRENCY = 'USD';
export const CURRENCY_SYMBOL = '$';
export const STORE_NAME = 'Goodsie Demo Store';

const costFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY });

/** The store's own display string, e.g. "$19.90". */
export function formatCost(amount: number): string {
  return costFormat.format(amount);
}

/** mulberry32: small, fast, deterministic. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

interface CategorySpec {
  name: string;
  nouns: readonly string[];
  minPrice: number;
  maxPrice: number;
  material: string;
}

export const CATEGORIES: readonly CategorySpec[] = [
  { name: 'Apparel', nouns: ['T-Shirt', 'Hoodie', 'Scarf', 'Beanie', 'Socks', 'Jacket', 'Cardigan', 'Tote Bag'], minPrice: 9, maxPrice: 140, material: 'organic cotton' },
  { name: 'Home & Kitchen', nouns: ['Mug', 'Teapot', 'Cutting Board', 'Candle', 'Throw Pillow', 'Vase', 'Serving Bowl', 'Apron'], minPrice: 8, maxPrice: 120, material: 'stoneware' },
  { name: 'Outdoors', nouns: ['Water Bottle', 'Tent', 'Backpack', 'Hammock', 'Lantern', 'Camp Chair', 'Compass'], minPrice: 12, maxPrice: 320, material: 'recycled nylon' },
  { name: 'Books', nouns: ['Field Guide', 'Cookbook', 'Atlas', 'Poetry Collection', 'Sketchbook', 'Travel Journal'], minPrice: 7, maxPrice: 60, material: 'FSC-certified paper' },
  { name: 'Toys & Games', nouns: ['Puzzle', 'Board Game', 'Kite', 'Yo-Yo', 'Building Blocks', 'Plush Fox'], minPrice: 6, maxPrice: 90, material: 'sustainably sourced beech' },
  { name: 'Beauty', nouns: ['Soap Bar', 'Lip Balm', 'Face Oil', 'Bath Salts', 'Hand Cream', 'Shampoo Bar'], minPrice: 5, maxPrice: 55, material: 'cold-pressed oils' },
  { name: 'Electronics', nouns: ['Headphones', 'Desk Lamp', 'USB-C Charger', 'Bluetooth Speaker', 'Keyboard', 'Power Bank'], minPrice: 15, maxPrice: 399, material: 'aluminium' },
  { name: 'Stationery', nouns: ['Notebook', 'Fountain Pen', 'Pencil Set', 'Planner', 'Washi Tape', 'Desk Organiser'], minPrice: 3, maxPrice: 85, material: 'recycled card' },
];

const ADJECTIVES = ['Cozy', 'Classic', 'Everyday', 'Handmade', 'Minimal', 'Vintage', 'Rustic', 'Modern', 'Lightweight', 'Heritage', 'Studio', 'Coastal'] as const;
const COLOURS = ['Linen', 'Oak', 'Sage', 'Indigo', 'Terracotta', 'Charcoal', 'Ivory', 'Mustard', 'Forest', 'Copper', 'Slate', 'Blush', 'Walnut', 'Ocean'] as const;
const TAGS = ['new', 'bestseller', 'eco', 'gift', 'limited', 'handmade', 'staff-pick', 'local'] as const;
const CENTS = [0, 50, 90, 95, 99] as const;
const IMAGE_SIZES: readonly (readonly [number, number])[] = [
  [800, 800],
  [800, 600],
  [600, 800],
  [1200, 900],
];

/** All seeded dates hang off this fixed instant, so the catalogue is the same on every run. */
const SEED_EPOCH = Date.parse('2025-06-01T12:00:00.000Z');
const DAY_MS = 86_400_000;

function seedProduct(random: Random, index: number, usedNames: Set<string>): ProductRecord {
  const id = String(1001 + index);
  const category = pick(random, CATEGORIES);
  let name = '';
  let noun = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const adjective = pick(random, ADJECTIVES);
    const colour = pick(random, COLOURS);
    noun = pick(random, category.nouns);
    name = `${adjective} ${colour} ${noun}`;
    if (!usedNames.has(name)) break;
  }
  if (usedNames.has(name)) name = `${name} No. ${index}`;

  const whole = intBetween(random, category.minPrice, category.maxPrice);
  let costRaw = (whole * 100 + pick(random, CENTS)) / 100;
  // Goodsie sends floats: a pack price computed by multiplication keeps its float noise
  // (e.g. 19.9 * 3 = 59.699999999999996). Clients must round to the currency's digits.
  if (index % 25 === 7) {
    name = `${name} (Pack of 3)`;
    costRaw = costRaw * 3;
  }
  usedNames.add(name);

  const onSale = random() < 0.2;
  const compareAtCostRaw = onSale ? Math.round(costRaw * (1.15 + random() * 0.5)) + 0.99 : null;
  const outOfStock = random() < 0.1;
  const inventory = outOfStock ? 0 : intBetween(random, 1, 250);
  const published = random() >= 0.05;

  const tags: string[] = [...new Set([pick(random, TAGS), pick(random, TAGS)])].slice(0, intBetween(random, 1, 2));
  if (onSale) tags.push('sale');

  const imageCount = random() < 0.03 ? 0 : random() < 0.1 ? 2 : 1;
  const images: ImageRecord[] = [];
  for (let n = 1; n <= imageCount; n++) {
    const [width, height] = pick(random, IMAGE_SIZES);
    images.push({
      path: n === 1 ? `/images/${id}.svg` : `/images/${id}.${n}.svg`,
      alt: n === 1 ? name : `${name}, another view`,
      width,
      height,
    });
  }

  const createdMs = SEED_EPOCH - Math.floor(random() * 540 * DAY_MS);
  const updatedMs = Math.min(SEED_EPOCH, createdMs + Math.floor(random() * 60 * DAY_MS));
  const adjective = name.split(' ')[0]?.toLowerCase() ?? 'good';
  // "An everyday take on the fountain pen", not "A everyday take on the notebook" for a pen.
  const article = /^[aeiou]/.test(adjective) ? 'An' : 'A';
  return {
    id,
    name,
    description:
      `<p>${article} ${adjective} take on the ${noun.toLowerCase()}, made from <strong>${category.material}</strong>.</p>` +
      `<ul><li>Designed in small batches</li><li>Ships in plastic-free packaging</li></ul>` +
      `<p><em>Care:</em> see our <a href="/pages/shipping">shipping page</a> for details.</p>`,
    descriptionShort: `${name} in ${category.material}.`,
    costRaw,
    compareAtCostRaw,
    images,
    categories: [category.name],
    tags,
    permalink: `/products/${id}`,
    published,
    inventory,
    created: new Date(createdMs).toISOString(),
    updated: new Date(updatedMs).toISOString(),
  };
}

function seedPages(): PageRecord[] {
  return [
    {
      slug: 'about',
      title: 'About us',
      bodyHtml:
        '<h2>Small goods, made well</h2><p>Goodsie Demo Store is a pretend shop that exists so you can try ' +
        '<strong>Storefront Connect</strong> without a real store.</p><p>Everything here is generated: ' +
        'the products, the prices and the orders.</p>',
    },
    {
      slug: 'shipping',
      title: 'Shipping',
      bodyHtml:
        '<h2>Shipping</h2><ul><li>Standard: 3 to 5 business days, free over $50</li>' +
        '<li>Express: 1 to 2 business days, $12</li></ul><p>We ship from a warehouse that does not exist.</p>',
    },
    {
      slug: 'returns',
      title: 'Returns',
      bodyHtml: '<h2>Returns</h2><p>Changed your mind? Send it back within <em>30 days</em> for a full refund.</p>',
    },
    {
      // As merchants write them: its own h1 repeating the title, and a table wider than a phone.
      slug: 'size-guide',
      title: 'Size guide',
      bodyHtml:
        '<h1>Size guide</h1><p>Our shirts run true to size. Measure over light clothing.</p>' +
        '<h2>Shirts</h2><table><caption>Shirt measurements (cm)</caption><thead><tr>' +
        ['Size', 'Chest', 'Waist', 'Hip', 'Length', 'Sleeve', 'Shoulder'].map((h) => `<th scope="col">${h}</th>`).join('') +
        '</tr></thead><tbody>' +
        ['XS', 'S', 'M', 'L', 'XL']
          .map((size, i) => `<tr><th scope="row">${size}</th>${[84, 70, 88, 70, 60, 42].map((cm) => `<td>${cm + i * 4}–${cm + i * 4 + 3}</td>`).join('')}</tr>`)
          .join('') +
        '</tbody></table><h2>Aprons</h2><p>One size, with an adjustable neck strap.</p>',
    },
  ];
}

const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'paid', 'shipped', 'shipped', 'shipped', 'cancelled', 'refunded'];

function seedOrders(random: Random): OrderRecord[] {
  const orders: OrderRecord[] = [];
  let at = SEED_EPOCH;
  for (let i = 0; i < 30; i++) {
    at -= intBetween(random, 2, 72) * 3_600_000;
    orders.push({
      id: `ord_${2030 - i}`,
      number: `#${2030 - i}`,
      createdAt: new Date(at).toISOString(),
      totalRaw: (intBetween(random, 8, 450) * 100 + pick(random, CENTS)) / 100,
      status: pick(random, ORDER_STATUSES),
      customerEmail: `shopper${intBetween(random, 1, 400)}@example.com`,
    });
  }
  return orders;
}

function seedCoupons(): CouponRecord[] {
  return [
    { code: 'WELCOME10', percentOff: 10, expiresAt: '2030-01-01T00:00:00.000Z' },
    { code: 'SPRING15', percentOff: 15, expiresAt: '2026-06-01T00:00:00.000Z' },
    { code: 'VIP20', percentOff: 20, expiresAt: '2029-12-31T23:59:59.000Z' },
    { code: 'CLEARANCE40', percentOff: 40, expiresAt: '2024-02-01T00:00:00.000Z' },
  ];
}

export interface CatalogueOptions {
  productCount: number;
  hostileProducts: boolean;
  /** Products, an order, a coupon and a page in Arabic, Hebrew and Persian, on top of the rest (rtl.ts). */
  rtlProducts?: boolean;
  seed?: number;
}

/** Absolute URL on `origin` for a relative path; absolute (hostile) values are kept as-is. */
function onOrigin(origin: string, pathOrUrl: string): string {
  return pathOrUrl.startsWith('/') ? origin + pathOrUrl : pathOrUrl;
}

/** The Product wire shape of goodsie-api.yaml. `inventory` only for admin. */
export function productToWire(product: ProductRecord, origin: string, admin: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    id: product.id,
    name: product.name,
    description: product.description,
    description_short: product.descriptionShort,
    cost: formatCost(product.costRaw),
    cost_raw: product.costRaw,
    currency: CURRENCY,
    compare_at_cost_raw: product.compareAtCostRaw,
    images: product.images.map((image) => ({
      url: image.url ?? onOrigin(origin, image.path ?? ''),
      alt: image.alt,
      width: image.width,
      height: image.height,
    })),
    categories: [...product.categories],
    tags: [...product.tags],
    permalink: onOrigin(origin, product.permalink),
    in_stock: product.inventory > 0,
    published: product.published,
    created: product.created,
    updated: product.updated,
  };
  if (admin) wire.inventory = product.inventory;
  return wire;
}

function compareProducts(sort: ProductSort): (a: ProductRecord, b: ProductRecord) => number {
  const byNewest = (a: ProductRecord, b: ProductRecord): number =>
    b.created.localeCompare(a.created) || b.id.localeCompare(a.id);
  switch (sort) {
    case 'newest':
      return byNewest;
    case 'name':
      return (a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
    case 'price':
      return (a, b) => a.costRaw - b.costRaw || a.id.localeCompare(b.id);
    case '-price':
      return (a, b) => b.costRaw - a.costRaw || a.id.localeCompare(b.id);
  }
}

export class Catalogue {
  readonly pages: PageRecord[];
  readonly orders: OrderRecord[];
  readonly coupons: CouponRecord[];
  readonly #products = new Map<string, ProductRecord>();
  #nextId: number;

  constructor(options: CatalogueOptions) {
    const random = createPrng(options.seed ?? 20250601);
    const usedNames = new Set<string>();
    for (let i = 0; i < options.productCount; i++) {
      const product = seedProduct(random, i, usedNames);
      this.#products.set(product.id, product);
    }
    this.#nextId = 1001 + options.productCount;
    this.pages = seedPages();
    this.orders = seedOrders(random);
    this.coupons = seedCoupons();
    if (options.hostileProducts) {
      // Newer than every seeded product, so they come first in the default (newest) sort.
      for (const product of hostileProducts(SEED_EPOCH + DAY_MS)) this.#products.set(product.id, product);
      this.pages.push(hostilePage());
    }
    if (options.rtlProducts) {
      for (const product of rtlProducts(SEED_EPOCH + 2 * DAY_MS)) this.#products.set(product.id, product);
      this.orders.unshift(rtlOrder(SEED_EPOCH));
      this.coupons.push(rtlCoupon());
      this.pages.push(rtlPage());
    }
  }

  get size(): number {
    return this.#products.size;
  }

  /** How many everyone sees; the rest are unpublished, for admins only. */
  get publishedCount(): number {
    let count = 0;
    for (const product of this.#products.values()) if (product.published) count++;
    return count;
  }

  get(id: string): ProductRecord | undefined {
    return this.#products.get(id);
  }

  list(query: ProductQuery): { products: ProductRecord[]; total: number } {
    const q = query.q?.trim().toLowerCase() ?? '';
    const category = query.category?.trim().toLowerCase() ?? '';
    const matches = [...this.#products.values()].filter((p) => {
      if (!p.published && !query.includeUnpublished) return false;
      if (category !== '' && !p.categories.some((c) => c.toLowerCase() === category)) return false;
      if (q === '') return true;
      return [p.name, ...p.categories, ...p.tags].some((text) => text.toLowerCase().includes(q));
    });
    matches.sort(compareProducts(query.sort));
    const start = query.page * query.count;
    return { products: matches.slice(start, start + query.count), total: matches.length };
  }

  create(input: NewProduct, now: number): ProductRecord {
    const id = String(this.#nextId++);
    const at = new Date(now).toISOString();
    const product: ProductRecord = {
      id,
      name: input.name,
      description: input.description ?? '',
      descriptionShort: input.descriptionShort ?? '',
      costRaw: input.costRaw,
      compareAtCostRaw: null,
      images: [{ path: `/images/${id}.svg`, alt: input.name, width: 800, height: 800 }],
      categories: input.categories ?? [],
      tags: input.tags ?? [],
      permalink: `/products/${id}`,
      published: input.published ?? true,
      inventory: input.inventory ?? 0,
      created: at,
      updated: at,
    };
    this.#products.set(id, product);
    return product;
  }

  /** Applies an edit and moves `updated` strictly forward (never equal to the previous value). */
  update(id: string, edit: ProductEdit, now: number): ProductRecord {
    const product = this.#products.get(id);
    if (product === undefined) throw new Error(`no product ${id}`);
    if (edit.name !== undefined) product.name = edit.name;
    if (edit.costRaw !== undefined) product.costRaw = edit.costRaw;
    if (edit.published !== undefined) product.published = edit.published;
    if (edit.inventory !== undefined) product.inventory = edit.inventory;
    if (edit.description !== undefined) product.description = edit.description;
    product.updated = new Date(Math.max(now, Date.parse(product.updated) + 1)).toISOString();
    return product;
  }
}
