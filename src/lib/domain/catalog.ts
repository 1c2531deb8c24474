/** Domain types of the catalogue (camelCase). Provider adapters convert wire shapes into these once. */

export interface ProductImage {
  /** Only http(s) URLs survive conversion. */
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

export interface Product {
  id: string;
  name: string;
  /** Merchant HTML, NOT sanitized yet: render only through the sanitizer. */
  descriptionHtml: string;
  descriptionShort: string;
  /**
   * Price in major units, rounded to the currency's digits; null where the platform sends none this
   * app can read (a FlickRocket product with no price model in any currency): said "Price not
   * available", never shown as 0 (free).
   */
  price: number | null;
  /** ISO 4217. */
  currency: string;
  compareAtPrice: number | null;
  /** `price` is the lowest of several (a FlickRocket product's licences at different prices): said "From …". */
  priceFrom?: true;
  /**
   * The licences it is sold under, each at its own price (a FlickRocket product to buy or to rent
   * 48 h), in the store's order, where there are two or more: `price` is then the lowest of them.
   */
  licences?: ProductLicence[];
  /**
   * What the shop's own storefront shows for the product where it is not `price` (the product's own,
   * what an edit changes): a Shopware parent sold in variants costs what its cheapest variant costs,
   * "From" it where they cost different amounts.
   */
  storefrontPrice?: { price: number; from: boolean };
  /**
   * Prices by quantity (Shopware's advanced prices), a table per rule they are for, the rule the
   * shopper meets first applying in the shop: each tier's unit price, in `currency`, up to its
   * `quantity` (the last from it), as the shop's product page lists them.
   */
  priceTiers?: PriceTierTable[];
  images: ProductImage[];
  categories: string[];
  tags: string[];
  /** Only an http(s) URL, else undefined. */
  permalink?: string;
  inStock: boolean | undefined;
  published: boolean;
  /** Admin only. */
  inventory?: number;
  /**
   * A parent whose variants are what is sold, each with its own stock (a Shopware product in sizes):
   * no `inventory`, the parent's own count being one nobody buys from; an editor offers no stock field.
   */
  soldInVariants?: true;
  /** ISO date-time. */
  created: string;
  /** ISO date-time; sent back on PATCH for the conflict check. */
  updated?: string;
}

/** One licence a product is sold under, as its page lists it. */
export interface ProductLicence {
  /** As the store names it, in the store's language ("Rent 48 h"), with what tells it from the others ("HD"). */
  name: string;
  /** In the product's `currency`; null where the store has no price in it: "Price not available". */
  price: number | null;
}

/**
 * One variant of a product sold in variants (a Shopware size or colour), as its product page lists it:
 * what it differs by, what it costs, and whether it can be bought.
 */
export interface ProductVariant {
  id: string;
  /** Its options in the shop's order, e.g. Size: M then Colour: Red; empty where it has none (then `name`). */
  options: { group: string; option: string }[];
  /** Its own name or number, for a variant without options. */
  name: string;
  /**
   * What it costs, in the parent's currency: its own price, or the parent's `price` where it inherits
   * it (a Shopware variant whose `price` is null); null where neither is one this app can read.
   */
  price: number | null;
  inStock: boolean | undefined;
  /** Its own stock count, where the connection manages the store (Shopware's `stock`: not inherited, may be below 0 once oversold). */
  stock?: number;
  /** ISO date-time it was last changed (or created): a stock save checks it was not changed since. */
  updated?: string;
}

/** A variant's stock as saved: the count the store now has and its new `updated`. */
export interface VariantStockSaved {
  stock: number;
  updated?: string;
}

/** A product's variants that shoppers can see; `more` where the store has more than were read. */
export interface ProductVariants {
  variants: ProductVariant[];
  more: boolean;
  /** Where they were read without their options (the connection may not read them): why, in the store's words, and where that changes. */
  optionsUnread?: string;
}

export interface PriceTierTable {
  /** The rule's name, where the store sent it. */
  rule?: string;
  /** By quantity, two or more. */
  tiers: { quantity: number; price: number }[];
}

export interface Paging {
  /** 0-based. */
  page: number;
  count: number;
  total: number;
}

/** One page of a platform's numbered paging, as its wire mappers read it (inside adapters). */
export interface NumberedProductPage {
  products: Product[];
  paging: Paging;
  /** Products of this page left out because the store sent them unreadable (no name, no price). */
  skipped?: number;
}

/**
 * Where the next page starts: opaque to everyone but the adapter that made it (a page number, an
 * offset, a HAL `next` link, an index into a locally sorted list). Plain string: storable, comparable.
 */
export type Cursor = string & { readonly __cursor?: never };

/**
 * The largest stock a store keeps: Shopware's `stock` is a 32-bit signed int (and the other stores'
 * counts are as bounded); 99999999999 sent came back as a server error, not words beside the field.
 * Here, not in the editor's product-form.ts: the variants' stock reading (variant-stock.svelte.ts),
 * which the product page loads, needs it too, and importing it from there split the editor's form
 * code into a chunk of its own that every returning visitor's catalogue downloaded.
 */
export const MOST_STOCK = 2_147_483_647;

/**
 * Whether a product sold in variants is in stock, from its variants as last read (the page reads them
 * again after each save): in stock when one listed is; out of stock when every one is (and none is
 * left unlisted); else what the product's own read said. The product's read is not repeated after a
 * variant's stock is saved, so its "In stock" stood above "All of its variants are out of stock".
 * Here, not in the editor's variant-stock.svelte.ts: the catalogue's kept copies follow it too
 * (fresh-copies.ts).
 */
export function inStockOfVariants(read: ProductVariants | null, own: boolean | undefined): boolean | undefined {
  if (read === null || read.variants.length === 0) return own;
  if (read.variants.some((v) => v.inStock === true)) return true;
  return !read.more && read.variants.every((v) => v.inStock === false) ? false : own;
}

/** The cursor of the page after a numbered one (the next page number), or null after the last. */
export function nextPageCursor(paging: Paging, pageLength: number): Cursor | null {
  return pageLength > 0 && (paging.page + 1) * paging.count < paging.total ? String(paging.page + 1) : null;
}

/** A numbered page as a cursor page: the products it left out count towards whether more follow. */
export function productPageOf(page: NumberedProductPage): ProductPage {
  const skipped = page.skipped ?? 0;
  const paged: ProductPage = { products: page.products, next: nextPageCursor(page.paging, page.products.length + skipped), total: page.paging.total };
  if (skipped > 0) paged.skipped = skipped;
  return paged;
}

/** A page of products as the app sees it: the next page's cursor, null at the end; `total` when known. */
export interface ProductPage {
  products: Product[];
  next: Cursor | null;
  total?: number;
  /** Products of this page left out because the platform sent them unreadable (no name, no price). */
  skipped?: number;
  /** Set when the list searched is cut short at this many products (FlickRocket: loaded up to 1,000). */
  capped?: number;
  /**
   * Sales the whole catalogue is derived from (Foxy) that the store sent unreadable, whole or in
   * part: left out, so a product may be missing or show an older sale's name or price.
   */
  unreadSales?: number;
}

/** What {@link numberedPagesFrom} asks for: numbered pages of `count` products, 0-based. */
export interface NumberedPages {
  /** The first page wanted, in pages of `count`. */
  first: number;
  count: number;
  /** How many products the caller wants from there (a reload going back down the list); none: one page. */
  atLeast?: number | undefined;
  /** The most products the platform gives in one answer (its largest page); none: `count`. */
  largest?: number;
  /** Asks for page `page` of pages of `size` products (`count`, or a whole number of `count`s). */
  one(page: number, size: number): Promise<ProductPage>;
  /** The cursor of page `page` of pages of `count`. */
  cursorAt(page: number): Cursor;
}

/** How many pages of `count` one request may carry, where the platform answers up to `largest` at once. */
export function pagesPerRequest(count: number, largest = count): number {
  return Math.max(1, Math.floor(largest / count));
}

/**
 * Pages `first`, `first + 1`, … of `count` products, as many as `atLeast` products need (at least
 * one), asked for together (a reload going back down a list) and answered as one page
 * ({@link joinPages}), its cursor after them. Where the platform answers bigger pages
 * ({@link pagesPerRequest}), several pages of `count` go in one request, each starting where a page
 * of its size does (a page of 96 at 0, 96, 192, …; of 48 at 48, …): from the top, a reload 1,000
 * products down asks 11 pages of 96, not 42 of 24; from page 1 (the first page came alone), one of
 * 24, one of 48, then pages of 96. One page alone is the request paging one by one sends.
 */
export async function numberedPagesFrom({ first, count, atLeast, largest, one, cursorAt }: NumberedPages): Promise<ProductPage> {
  const end = first + Math.max(1, Math.ceil((atLeast ?? 0) / count));
  const most = pagesPerRequest(count, largest);
  const asked: Promise<ProductPage>[] = [];
  for (let page = first; page < end; ) {
    // As many pages of `count` as one request carries, none past the end, starting on a page of that size.
    let per = Math.min(most, end - page);
    while (page % per !== 0) per--;
    asked.push(one(page / per, per * count));
    page += per;
  }
  const joined = joinPages(await Promise.all(asked));
  // Each answer's own cursor counts in pages of its size: the one after them all counts in `count`s.
  if (joined.next !== null) joined.next = cursorAt(end);
  return joined;
}

/**
 * Pages from one cursor on, asked for together, as one page: joined up to the page that ends the
 * list (any after it were past the end, empty), its cursor and total the last one's, the products
 * left out added up.
 */
function joinPages(pages: readonly ProductPage[]): ProductPage {
  const end = pages.findIndex((page) => page.next === null);
  const used = end < 0 ? pages : pages.slice(0, end + 1);
  const last = used[used.length - 1]!;
  const joined: ProductPage = { products: used.flatMap((page) => page.products), next: last.next };
  if (last.total !== undefined) joined.total = last.total;
  const skipped = used.reduce((sum, page) => sum + (page.skipped ?? 0), 0);
  if (skipped > 0) joined.skipped = skipped;
  return joined;
}

export type ProductSort = 'newest' | 'name' | 'price' | '-price';

/** What to list; paging goes by cursor (ProductPage.next), `count` is a wish the adapter may clamp. */
export type ProductListQuery = Omit<ProductQuery, 'page'>;

export interface ProductQuery {
  /** 0-based. */
  page?: number;
  count?: number;
  q?: string;
  category?: string;
  sort?: ProductSort;
}

export interface StoreMetadata {
  name: string;
  description?: string;
  currency: string;
  currencySymbol?: string;
  canonicalUrl?: string;
  logoUrl?: string;
  email?: string;
}

export interface StorePage {
  slug: string;
  title: string;
  /** Merchant HTML, NOT sanitized yet. */
  bodyHtml: string;
}

export interface CartItem {
  productId: string;
  quantity: number;
}

export interface Cart {
  items: CartItem[];
  subtotal: number;
  currency: string;
}

/** One line of what an order bought, as the store lists it (text only: never HTML). */
export interface OrderItem {
  name: string;
  /** A whole number, 1 or more. */
  quantity: number;
  /**
   * What the line cost, all of its quantity, in the order's currency, where the platform's line says it
   * (Shopware `totalPrice`, Foxy `price` × `quantity`); absent where it does not, so nothing is guessed.
   */
  lineTotal?: number;
}

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled' | 'refunded';

export interface Order {
  id: string;
  number: string;
  createdAt: string;
  total: number;
  currency: string;
  status: OrderStatus;
  /** The store's own word for a status the platform's mapping does not know (filed as pending). */
  statusWords?: string;
  /** The customer's name as the order holds it (Shopware's orderCustomer, Foxy's customer_first_name and _last_name). */
  customerName?: string;
  customerEmail?: string;
  /**
   * No amount is shown: the order is no sale and charged nothing (a Foxy payment method change or
   * subscription cancellation, whose `total` 0 would read as a free order). `total` stays 0.
   */
  noTotal?: true;
  /**
   * What was bought, in the store's order, where the platform's order answer carries it (StoreHippo,
   * Foxy, Shopware); absent where it does not (Goodsie, FlickRocket), so nothing is promised there.
   * Discount and promotion lines are not items.
   */
  items?: readonly OrderItem[];
  /** Lines the store sent that could not be read (no name, no quantity): left out of `items`, and counted here. */
  itemsUnread?: number;
  /** The store holds more lines than were read (Shopware's lines are read up to a cap): `items` is not the whole order. */
  itemsMore?: true;
}

export interface Coupon {
  code: string;
  /** More codes that give the same discount (a Foxy coupon may have several), after `code`. */
  otherCodes?: readonly string[];
  /** null for a fixed-amount coupon (then amountOff is set), and for one with tiers or terms the app cannot read. */
  percentOff: number | null;
  /** Major units of the store's currency, for fixed-amount coupons (platforms.md 1.5). */
  amountOff?: number;
  /** The most a percentage takes off, in major units of `currency` (a Shopware discount's `maxValue`); absent: no cap. */
  maxOff?: number;
  /**
   * The currency `amountOff` or `maxOff` is kept in where it is not the one the store's prices are shown in (a
   * Shopware promotion's absolute discount is in the shop's default currency); absent: the store's.
   */
  currency?: string;
  /** A discount that depends on the cart (Foxy's tiers); percentOff is null then. */
  tiers?: CouponTiers;
  /** What `percentOff` or `amountOff` is taken off where it is not the order: the shipping costs (a Shopware delivery discount). */
  appliesTo?: 'shipping';
  /** The merchant's name for it ("Summer sale"), where the store keeps one. */
  name?: string;
  /** ISO date-time before which the store refuses the code (a promotion set up ahead); absent: started. */
  startsAt?: string;
  expiresAt?: string;
}

/**
 * Why a promotion or coupon in the store's admin is no coupon on this screen. Shopware's promotions:
 * it has codes, but each shopper gets their own (`individualCodes`); it applies in the cart without a
 * code (`automatic`); or it is switched off, so the store refuses its code (`inactive`). `noCode`:
 * codes are on but none is set. StoreHippo's coupon codes: its Enabled box is not ticked (`disabled`).
 * Foxy's coupons: no code has been added to it (`noCodes`; a coupon's codes are its own resource), or
 * none and it needs none: Foxy applies it by itself to the customers or subscriptions it is set for
 * (`autoApply`, the coupon's `customer_auto_apply`).
 */
export type NotListedReason = 'individualCodes' | 'automatic' | 'inactive' | 'noCode' | 'disabled' | 'noCodes' | 'autoApply';

/** A promotion or coupon the store keeps that the coupons screen does not list, with why (the screen says so). */
export interface NotListedPromotion {
  /** The merchant's name for it (a StoreHippo coupon's is its code); '' where the store keeps none. */
  name: string;
  reason: NotListedReason;
}

/**
 * The coupons a shopper can type in, and those the store keeps that are left out of them, with why
 * (Shopware, StoreHippo, Foxy); `notListed` absent where none is.
 */
export interface CouponList {
  coupons: Coupon[];
  notListed?: NotListedPromotion[];
  /**
   * Those the store keeps past the pages read: how many, or 'uncounted' where its answer says there are
   * more but not how many (StoreHippo's without `paging.total`); absent: none.
   */
  unread?: number | 'uncounted';
  /** The unread ones are the store's oldest (a list read newest first: Shopware's, and Foxy's and StoreHippo's where their answer's dates show it); absent: not said which. */
  unreadOldest?: true;
  /** What the store's admin calls them where it is coupons (StoreHippo, Foxy); absent: promotions. */
  noun?: 'coupon';
}

/**
 * A coupon list read up to the app's page bound while the store keeps more (StoreHippo's, Foxy's): the
 * rest said as unread, counted where the store's answer gives a total (`total`; undefined: it gives
 * none), in their admin's word, coupons. `read`: how many the pages held.
 */
export function withCouponsUnread(list: CouponList, total: number | undefined, read: number, created: readonly unknown[] = []): CouponList {
  const unread = total !== undefined && total > read ? total - read : 'uncounted';
  return { ...list, unread, ...(newestFirst(created) ? { unreadOldest: true as const } : {}), noun: 'coupon' };
}

/**
 * Whether the records read came newest first, by their creation dates as the store sent them, in order
 * (Foxy's `date_created`, StoreHippo's `created_on`, both asked for newest first): each a date, none newer
 * than the one before. Only then are those past the pages said to be the oldest: a store that ignored the
 * order asked, or sent no dates, leaves which ones unsaid. Foxy's offsets come as -0800 (read as -08:00).
 */
export function newestFirst(created: readonly unknown[]): boolean {
  let before = Infinity;
  for (const value of created) {
    const at = typeof value === 'string' ? Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : NaN;
    if (!(at <= before)) return false;
    before = at;
  }
  return created.length > 0;
}

/** From each step's threshold on, the cart gets that step's discount (the highest step reached). */
export interface CouponTiers {
  /** What a threshold counts: the items in the cart, or what they cost (major units). */
  by: 'items' | 'spend';
  /** What `off` is: a percentage, or an amount in major units. */
  unit: 'percent' | 'amount';
  /** An amount taken off each item rather than once (Foxy's `allunits` with an amount). */
  perItem: boolean;
  /** Lowest threshold first, at least one. */
  steps: readonly { from: number; off: number }[];
}

export interface ProductEdit {
  name?: string;
  price?: number;
  published?: boolean;
  inventory?: number;
  description?: string;
}

/** One page of a platform's numbered order paging, as its wire mappers read it. */
export interface NumberedOrderPage {
  orders: Order[];
  paging: Paging;
  /** `paging.total` only pages, it is no count of the store's orders (see OrderPage): none is said. */
  roughTotal?: true;
  /** See OrderPage. */
  partsUnread?: string;
}

/** A page of orders: the next page's cursor, null at the end; `total` when known. */
export interface OrderPage {
  orders: Order[];
  next: Cursor | null;
  total?: number;
  /** `total` counts entries the list leaves out (Foxy's test and hidden transactions): fit to page by, not to say. */
  roughTotal?: true;
  /**
   * Where the orders were read without parts the connection may not read (Shopware's line items or
   * deliveries, refused for the role's rights): what is not shown, why in the store's words, and where that changes.
   */
  partsUnread?: string;
}

/** What the app sends to create a product (POST); the server fills id, created, updated. */
export interface NewProduct {
  name: string;
  /** Major units; rounded to the currency's digits by the server's rules. */
  price: number;
  descriptionHtml?: string;
  descriptionShort?: string;
  published?: boolean;
  inventory?: number;
  categories?: string[];
  tags?: string[];
}
