/**
 * The demo shop's data, as Shopware stores it (Admin API field names). Associations are held as ids
 * and resolved by `entities.ts` only when a criteria asks for them. Includes the data quirks of
 * platforms.md 4.6.8.
 */
import { DEFAULT_CURRENCY_ID, SALES_CHANNEL_ID, TAX_ID, USD_CURRENCY_ID } from './constants.ts';

export function hexId(n: number): string {
  return `0190a3c2e1f47a1b${n.toString(16).padStart(16, '0')}`;
}

export interface PriceRow {
  currencyId: string;
  gross: number;
  net: number;
  linked: boolean;
  listPrice: { currencyId: string; gross: number; net: number; linked: boolean } | null;
}

export interface MediaRow {
  id: string;
  /** Path on the media host, or a full URL (the hostile `javascript:` one). */
  path: string;
  alt: string | null;
  title: string | null;
}

export interface ProductMediaRow {
  id: string;
  mediaId: string;
  position: number;
}

export interface ProductRow {
  id: string;
  productNumber: string;
  parentId: string | null;
  /** `null` where only a translation has it (quirk 4.6.8). */
  name: string | null;
  description: string | null;
  translated: { name: string; description: string };
  /** `null` on a variant that inherits its parent's price. */
  price: PriceRow[] | null;
  stock: number;
  availableStock: number;
  isCloseout: boolean;
  /** `null` on a variant (inherited). */
  active: boolean | null;
  coverId: string | null;
  media: ProductMediaRow[];
  categoryIds: string[];
  createdAt: string;
  updatedAt: string | null;
  /** Advanced prices (`prices`) of a rule every shopper meets, gross in the default currency, by the quantity they start at. */
  advancedPrices?: { from: number; gross: number }[];
  /** A variant's options (`product_option`, the `options` association): ids of {@link PROPERTY_OPTIONS}. */
  optionIds?: string[];
}

/** A property group (`property_group`): what a variant differs by, such as size or colour. */
export interface PropertyGroupRow {
  id: string;
  name: string;
  position: number;
}

/** One of a group's values (`property_group_option`). */
export interface PropertyOptionRow {
  id: string;
  groupId: string;
  name: string;
  position: number;
}

export interface CategoryRow {
  id: string;
  name: string;
}

export interface CurrencyRow {
  id: string;
  isoCode: string;
  factor: number;
  symbol: string;
  shortName: string;
  name: string;
  decimals: number;
}

export interface OrderRow {
  id: string;
  orderNumber: string;
  orderDateTime: string;
  amountTotal: number;
  amountNet: number;
  currencyId: string;
  stateId: string;
  customerEmail: string;
  customerName: [string, string];
  /** Technical names of the transactions' states, oldest first. */
  transactionStates: string[];
  /** Technical names of the deliveries' states, the main one (the highest shipping costs) first. */
  deliveryStates: string[];
  /** Its line items in `position` order: products, and the discount lines a promotion adds (type `promotion`, a negative price). */
  lineItems: OrderLineRow[];
}

/** An `order_line_item` as the seed needs it; entities.ts adds the fields Shopware always writes. */
export interface OrderLineRow {
  label: string;
  quantity: number;
  unitPrice: number;
  type: 'product' | 'promotion' | 'custom';
  /** A product line's product (null for a promotion or a custom line). */
  productId: string | null;
}

export interface PromotionRow {
  id: string;
  name: string;
  active: boolean;
  useCodes: boolean;
  useIndividualCodes: boolean;
  code: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** `maxValue`: a percentage's cap, in the default currency (absent: no cap, served as null). */
  discounts: { id: string; type: 'percentage' | 'absolute' | 'fixed' | 'fixed_unit'; value: number; scope: string; maxValue?: number }[];
  /** The seeded ones newest first, as Shopware's Administration lists them (`createdAt` DESC). */
  createdAt: string;
}

export interface Seed {
  currencies: CurrencyRow[];
  categories: CategoryRow[];
  media: MediaRow[];
  products: ProductRow[];
  orders: OrderRow[];
  promotions: PromotionRow[];
  /** Order state technical name -> state id. */
  orderStates: Map<string, string>;
}

const FRUIT = hexId(0x100);
const VEGETABLES = hexId(0x101);
const BAKERY = hexId(0x102);

export const SEED_IDS = {
  apples: hexId(0x1001),
  bananas: hexId(0x1002),
  pears: hexId(0x1003),
  cherries: hexId(0x1004),
  applesVariant: hexId(0x1005),
  hiddenBread: hexId(0x1006),
  hostileOnion: hexId(0x1007),
  /** A parent whose own stock is 0 while a variant has stock, as Shopware's variant generator leaves them (each variant `stock: 0` to fill in). */
  potatoes: hexId(0x1102),
  potatoesSmall: hexId(0x1008),
  potatoesLarge: hexId(0x1009),
  /** Switched off, with stock: sold nowhere. */
  potatoesOff: hexId(0x100a),
  fruitCategory: FRUIT,
  vegetablesCategory: VEGETABLES,
  bakeryCategory: BAKERY,
  javascriptMedia: hexId(0x2fff),
} as const;

const WEIGHT = hexId(0x8201);
const VARIETY = hexId(0x8202);

/** The property groups of the seed, by position: the potatoes' variants differ by weight and variety. */
export const PROPERTY_GROUPS: readonly PropertyGroupRow[] = [
  { id: WEIGHT, name: 'Weight', position: 1 },
  { id: VARIETY, name: 'Variety', position: 2 },
];

export const PROPERTY_OPTIONS: readonly PropertyOptionRow[] = [
  { id: hexId(0x8211), groupId: WEIGHT, name: '2.5 kg', position: 1 },
  { id: hexId(0x8212), groupId: WEIGHT, name: '5 kg', position: 2 },
  { id: hexId(0x8213), groupId: WEIGHT, name: '10 kg', position: 3 },
  { id: hexId(0x8221), groupId: VARIETY, name: 'Charlotte', position: 1 },
  { id: hexId(0x8222), groupId: VARIETY, name: 'Désirée', position: 2 },
];

function price(gross: number, list: number | null = null, usd: number | null = null): PriceRow[] {
  const net = (g: number): number => Math.round((g / 1.19) * 100) / 100;
  const row = (currencyId: string, g: number, l: number | null): PriceRow => ({
    currencyId,
    gross: g,
    net: net(g),
    linked: true,
    listPrice: l === null ? null : { currencyId, gross: l, net: net(l), linked: true },
  });
  return usd === null ? [row(DEFAULT_CURRENCY_ID, gross, list)] : [row(DEFAULT_CURRENCY_ID, gross, list), row(USD_CURRENCY_ID, usd, null)];
}

/** `createdAt` one hour apart, the first of the list the newest. */
function newestFirst(rows: Omit<PromotionRow, 'createdAt'>[]): PromotionRow[] {
  return rows.map((row, index) => ({ ...row, createdAt: date(100 - index / 24) }));
}

/**
 * `count` more promotions, older than the seeded ones, for a shop past the app's pages (the
 * server's `extraPromotions`): "Bulk 1" the newest of them; every tenth one active with a fixed code
 * (`BULK0010`, `BULK0020`, …), the others switched off, as a shop's old campaigns are.
 */
export function olderPromotions(count: number): PromotionRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const coded = n % 10 === 0;
    return {
      id: hexId(0x70000 + n),
      name: `Bulk ${n}`,
      active: coded,
      useCodes: true,
      useIndividualCodes: false,
      code: `BULK${String(n).padStart(4, '0')}`,
      validFrom: null,
      validUntil: null,
      discounts: [{ id: hexId(0x80000 + n), type: 'percentage', value: 5, scope: 'cart' }],
      createdAt: date(50 - n / 1440),
    };
  });
}

function date(day: number): string {
  return new Date(Date.UTC(2024, 3, 1, 9, 0, 0, 0) + day * 86_400_000).toISOString().replace('Z', '+00:00');
}

interface ProductSpec {
  id: string;
  name: string;
  nameOnlyTranslated?: boolean;
  description: string;
  price: PriceRow[] | null;
  stock: number;
  active: boolean | null;
  parentId?: string;
  /** A variant's options, by name ({@link PROPERTY_OPTIONS}). */
  options?: string[];
  categories: string[];
  day: number;
  images: { path: string; alt: string | null }[];
  updatedDay?: number;
}

const FILLER_NAMES = ['Carrots', 'Leeks', 'Potatoes', 'Kale', 'Spinach', 'Radishes', 'Beetroot', 'Courgettes', 'Peppers', 'Tomatoes', 'Cucumbers', 'Lettuce', 'Celery', 'Fennel', 'Garlic', 'Shallots', 'Parsnips', 'Turnips', 'Pumpkin', 'Broccoli', 'Cauliflower', 'Sourdough', 'Rye loaf', 'Baguette', 'Croissants'];

function specs(): ProductSpec[] {
  const list: ProductSpec[] = [
    { id: SEED_IDS.apples, name: 'Pink Lady Apples 1 kg', description: '<p>Crisp and sweet.</p>', price: price(2.99, 3.49, 3.49), stock: 120, active: true, categories: [FRUIT], day: 31, updatedDay: 61, images: [{ path: 'a1/b2/c3/pink-lady.svg', alt: 'Apples' }, { path: 'a1/b2/c4/pink-lady-box.svg', alt: 'A box of apples' }] },
    // name only in the translation, no stock, description null (4.6.8)
    { id: SEED_IDS.bananas, name: 'Bananas', nameOnlyTranslated: true, description: '', price: price(1.99), stock: 0, active: true, categories: [FRUIT], day: 0, images: [] },
    // listPrice lower than gross: must not show as a compare-at price (4.6.8); priced only in EUR
    { id: SEED_IDS.pears, name: 'Conference Pears', description: '<p>Juicy.</p>', price: price(3.5, 2.5), stock: 40, active: true, categories: [FRUIT], day: 20, images: [{ path: 'd4/e5/f6/pears.svg', alt: null }] },
    { id: SEED_IDS.cherries, name: 'Cherries 500 g', description: '<p>Dark and ripe.</p>', price: price(4.99, null, 5.79), stock: 15, active: true, categories: [FRUIT], day: 25, images: [{ path: '11/22/33/cherries.svg', alt: 'Cherries' }] },
    // a variant: parentId set, price and active inherited (null); never in a list (4.6.8)
    { id: SEED_IDS.applesVariant, name: 'Pink Lady Apples 2 kg', description: '', price: null, stock: 30, active: null, parentId: SEED_IDS.apples, categories: [], day: 32, images: [] },
    // inactive: the Admin API sees it, the Store API never returns it
    { id: SEED_IDS.hiddenBread, name: 'Seasonal Stollen', description: '<p>Back in December.</p>', price: price(9.9), stock: 0, active: false, categories: [BAKERY], day: 10, images: [] },
    // hostile: script in the description, a javascript: media URL (4.6.8)
    { id: SEED_IDS.hostileOnion, name: 'Red Onions <img src=x onerror=alert(1)>', description: '<p>Sharp.</p><script>alert("owned")</script><a href="javascript:alert(1)">more</a>', price: price(0.99), stock: 80, active: true, categories: [VEGETABLES], day: 5, images: [{ path: 'javascript:alert(document.domain)', alt: 'onions' }, { path: '44/55/66/onions.svg', alt: 'Onions' }] },
  ];
  FILLER_NAMES.forEach((name, i) => {
    const bakery = i >= 21;
    list.push({
      id: hexId(0x1100 + i),
      name,
      description: `<p>${name}, fresh from the farm.</p>`,
      price: price(Math.round((0.79 + i * 0.37) * 100) / 100),
      stock: (i * 7) % 50,
      active: true,
      categories: [bakery ? BAKERY : VEGETABLES],
      day: 40 + i,
      images: [{ path: `f${i.toString(16)}/00/00/${name.toLowerCase().replaceAll(' ', '-')}.svg`, alt: name }],
    });
  });
  // A parent sold in sizes: Shopware sells the variants, each with its own stock (stock is not
  // inherited), never the parent, whose own stock stays 0 and so, a closeout, not available.
  const potatoes = list.find((spec) => spec.id === SEED_IDS.potatoes);
  if (potatoes !== undefined) potatoes.stock = 0;
  list.push(
    { id: SEED_IDS.potatoesSmall, name: 'Potatoes 2.5 kg', description: '', price: null, stock: 18, active: null, parentId: SEED_IDS.potatoes, options: ['2.5 kg', 'Charlotte'], categories: [], day: 43, images: [] },
    { id: SEED_IDS.potatoesLarge, name: 'Potatoes 5 kg', description: '', price: price(4.49), stock: 0, active: null, parentId: SEED_IDS.potatoes, options: ['5 kg', 'Charlotte'], categories: [], day: 43, images: [] },
    { id: SEED_IDS.potatoesOff, name: 'Potatoes 10 kg', description: '', price: price(7.99), stock: 50, active: false, parentId: SEED_IDS.potatoes, options: ['10 kg', 'Désirée'], categories: [], day: 43, images: [] },
  );
  return list;
}

export function createSeed(): Seed {
  const media: MediaRow[] = [];
  const products: ProductRow[] = specs().map((spec, index) => {
    const productMedia: ProductMediaRow[] = spec.images.map((image, position) => {
      const mediaId = image.path.startsWith('javascript:') ? SEED_IDS.javascriptMedia : hexId(0x2000 + index * 8 + position);
      media.push({ id: mediaId, path: image.path, alt: image.alt, title: null });
      return { id: hexId(0x3000 + index * 8 + position), mediaId, position };
    });
    // the hostile product's cover is its javascript: media, the others' their first image
    const cover = productMedia[0];
    const stock = spec.stock;
    return {
      id: spec.id,
      productNumber: `SW${10001 + index}`,
      parentId: spec.parentId ?? null,
      name: spec.nameOnlyTranslated === true ? null : spec.name,
      description: spec.nameOnlyTranslated === true ? null : spec.description,
      translated: { name: spec.name, description: spec.description },
      price: spec.price,
      stock,
      availableStock: Math.max(0, stock - (stock > 100 ? 3 : 0)),
      isCloseout: true,
      active: spec.active,
      coverId: cover?.id ?? null,
      media: productMedia,
      categoryIds: spec.categories,
      createdAt: date(spec.day).replace('.000+', '.345+'),
      updatedAt: spec.updatedDay === undefined ? null : date(spec.updatedDay),
      ...(spec.options === undefined ? {} : { optionIds: spec.options.map((name) => PROPERTY_OPTIONS.find((o) => o.name === name)?.id ?? '') }),
    };
  });
  // advanced prices of a rule every shopper meets: one below the default price, and two by quantity
  const advanced: Readonly<Record<string, ProductRow['advancedPrices']>> = { Carrots: [{ from: 1, gross: 0.69 }], Leeks: [{ from: 1, gross: 1.09 }, { from: 10, gross: 0.95 }] };
  for (const product of products) {
    const prices = advanced[product.name ?? ''];
    if (prices !== undefined) product.advancedPrices = prices;
  }
  const orderStates = new Map([
    ['open', hexId(0x4001)],
    ['in_progress', hexId(0x4002)],
    ['completed', hexId(0x4003)],
    ['cancelled', hexId(0x4004)],
  ]);
  const line = (label: string, quantity: number, unitPrice: number, productId: string | null = null, type: OrderLineRow['type'] = 'product'): OrderLineRow => ({ label, quantity, unitPrice, type, productId });
  // What each order bought (by number): several lines, a promotion's discount line, one long name
  const bought: Record<number, OrderLineRow[]> = {
    1: [line('Pink Lady Apples 1 kg', 2, 2.99, SEED_IDS.apples), line('Cherries 500 g', 1, 4.99, SEED_IDS.cherries), line('Summer 10 %', 1, -1.09, null, 'promotion')],
    2: [line('Potatoes 5 kg', 3, 4.49, SEED_IDS.potatoesLarge), line('Conference Pears', 2, 3.5, SEED_IDS.pears), line('Cherries 500 g', 1, 4.99, SEED_IDS.cherries), line('Bananas', 6, 0.25, SEED_IDS.bananas)],
    3: [line('Cherries 500 g', 1, 4.99, SEED_IDS.cherries), line('Pink Lady Apples 1 kg', 1, 2.99, SEED_IDS.apples)],
    4: [line('Conference Pears', 1, 3.5, SEED_IDS.pears)],
    5: [line('Seasonal Stollen', 2, 9.9, SEED_IDS.hiddenBread)],
    6: [line('Gift wrapping with a handwritten card for the whole family, in seasonal colours', 1, 42, null, 'custom')],
    7: [line('Potatoes 5 kg', 2, 4.49, SEED_IDS.potatoesLarge), line('Red Onions <img src=x onerror=alert(1)>', 3, 0.99, SEED_IDS.hostileOnion), line('Five off', 1, -5, null, 'promotion')],
    8: [line('Pink Lady Apples 1 kg', 10, 2.99, SEED_IDS.apples)],
    // a wholesale order of 40 lines, past the 25 the app reads per order, a discount line among the first 25
    9: Array.from({ length: 40 }, (_, i) => (i === 2 ? line('Trade 5 %', 1, -12.5, null, 'promotion') : line(`Crate ${i + 1} of Conference Pears`, 12, 3.5, SEED_IDS.pears))),
  };
  const order = (n: number, state: string, transactions: string[], total: number, currencyId = DEFAULT_CURRENCY_ID, deliveries: string[] = []): OrderRow => ({
    id: hexId(0x5000 + n),
    orderNumber: String(10000 + n),
    orderDateTime: date(60 + n),
    amountTotal: total,
    amountNet: Math.round((total / 1.19) * 100) / 100,
    currencyId,
    stateId: orderStates.get(state) ?? '',
    customerEmail: `customer${n}@example.com`,
    customerName: ['Customer', String(n)],
    transactionStates: transactions,
    deliveryStates: deliveries,
    lineItems: bought[n] ?? [],
  });
  return {
    currencies: [
      { id: DEFAULT_CURRENCY_ID, isoCode: 'EUR', factor: 1, symbol: '€', shortName: 'EUR', name: 'Euro', decimals: 2 },
      { id: USD_CURRENCY_ID, isoCode: 'USD', factor: 1.17, symbol: '$', shortName: 'USD', name: 'US-Dollar', decimals: 2 },
    ],
    categories: [
      { id: FRUIT, name: 'Fruit' },
      { id: VEGETABLES, name: 'Vegetables' },
      { id: BAKERY, name: 'Bakery' },
    ],
    media,
    products,
    orders: [
      order(1, 'open', ['open'], 12.97, DEFAULT_CURRENCY_ID, ['open']),
      // the main delivery (the dearer shipping) part shipped, the other still open
      order(2, 'in_progress', ['paid'], 24.5, DEFAULT_CURRENCY_ID, ['shipped_partially', 'open']),
      order(3, 'completed', ['paid'], 8.99, DEFAULT_CURRENCY_ID, ['shipped']),
      order(4, 'cancelled', ['cancelled'], 3.5, DEFAULT_CURRENCY_ID, ['cancelled']),
      // a refund moves the paid payment itself to refunded (OrderTransactionStateHandler::refund): one payment
      order(5, 'completed', ['refunded'], 19.99, DEFAULT_CURRENCY_ID, ['returned']),
      order(6, 'open', [], 42.0, USD_CURRENCY_ID),
      // a shopper's payment that failed at checkout (the order stays open), and a part payment, shipped
      order(7, 'open', ['failed'], 15.0, DEFAULT_CURRENCY_ID, ['open']),
      order(8, 'in_progress', ['paid_partially'], 30.0, DEFAULT_CURRENCY_ID, ['shipped']),
      // the oldest: a wholesale order (40 lines), shipped and paid
      { ...order(9, 'completed', ['paid'], 1625.5, DEFAULT_CURRENCY_ID, ['shipped']), orderDateTime: date(50) },
    ],
    promotions: newestFirst([
      { id: hexId(0x6001), name: 'Summer 10 %', active: true, useCodes: true, useIndividualCodes: false, code: 'SUMMER10', validFrom: date(0), validUntil: '2027-09-30T22:00:00.000+00:00', discounts: [{ id: hexId(0x6101), type: 'percentage', value: 10, scope: 'cart' }] },
      { id: hexId(0x6002), name: 'Five off', active: true, useCodes: true, useIndividualCodes: false, code: 'FIVEOFF', validFrom: null, validUntil: null, discounts: [{ id: hexId(0x6102), type: 'absolute', value: 5, scope: 'cart' }] },
      { id: hexId(0x6003), name: 'Automatic free delivery', active: true, useCodes: false, useIndividualCodes: false, code: null, validFrom: null, validUntil: null, discounts: [{ id: hexId(0x6103), type: 'percentage', value: 100, scope: 'delivery' }] },
      { id: hexId(0x6004), name: 'Newsletter codes', active: true, useCodes: true, useIndividualCodes: true, code: null, validFrom: null, validUntil: null, discounts: [{ id: hexId(0x6104), type: 'percentage', value: 15, scope: 'cart' }] },
      { id: hexId(0x6005), name: 'Any tee for 9.99', active: true, useCodes: true, useIndividualCodes: false, code: 'TEE999', validFrom: null, validUntil: null, discounts: [{ id: hexId(0x6105), type: 'fixed_unit', value: 9.99, scope: 'cart' }] },
      { id: hexId(0x6006), name: 'Free shipping', active: true, useCodes: true, useIndividualCodes: false, code: 'FREESHIP', validFrom: null, validUntil: null, discounts: [{ id: hexId(0x6106), type: 'percentage', value: 100, scope: 'delivery' }] },
      // switched off in the admin: the cart takes no inactive promotion (PermittedGlobalCodePromotions)
      { id: hexId(0x6007), name: 'Winter 20 %', active: false, useCodes: true, useIndividualCodes: false, code: 'WINTER20', validFrom: null, validUntil: null, discounts: [{ id: hexId(0x6107), type: 'percentage', value: 20, scope: 'cart' }] },
      // set up ahead and long over: the cart takes either code only between validFrom and validUntil (ActiveDateRange)
      { id: hexId(0x6008), name: 'Spring launch', active: true, useCodes: true, useIndividualCodes: false, code: 'SPRING30', validFrom: '2099-03-01T00:00:00.000+00:00', validUntil: '2099-05-31T22:00:00.000+00:00', discounts: [{ id: hexId(0x6108), type: 'percentage', value: 30, scope: 'cart' }] },
      { id: hexId(0x6009), name: 'Black Friday', active: true, useCodes: true, useIndividualCodes: false, code: 'BLACKFRIDAY', validFrom: '2025-11-28T00:00:00.000+00:00', validUntil: '2025-12-01T23:00:00.000+00:00', discounts: [{ id: hexId(0x6109), type: 'percentage', value: 25, scope: 'cart' }] },
      // capped percentages: the cart and the delivery discount are cut at `maxValue` (PromotionCalculator, PromotionDeliveryCalculator)
      { id: hexId(0x600a), name: 'Ten percent, capped', active: true, useCodes: true, useIndividualCodes: false, code: 'TENCAP', validFrom: null, validUntil: null, discounts: [{ id: hexId(0x610a), type: 'percentage', value: 10, scope: 'cart', maxValue: 5 }] },
      { id: hexId(0x600b), name: 'Shipping on us', active: true, useCodes: true, useIndividualCodes: false, code: 'SHIPCAP', validFrom: null, validUntil: null, discounts: [{ id: hexId(0x610b), type: 'percentage', value: 100, scope: 'delivery', maxValue: 4.5 }] },
    ]),
    orderStates,
  };
}

export { DEFAULT_CURRENCY_ID, SALES_CHANNEL_ID, TAX_ID, USD_CURRENCY_ID };
