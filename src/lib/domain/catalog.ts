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
  /** Price in major units, rounded to the currency's digits. */
  price: number;
  /** ISO 4217. */
  currency: string;
  compareAtPrice: number | null;
  images: ProductImage[];
  categories: string[];
  tags: string[];
  /** Only an http(s) URL, else undefined. */
  permalink?: string;
  inStock: boolean | undefined;
  published: boolean;
  /** Admin only. */
  inventory?: number;
  /** ISO date-time. */
  created: string;
  /** ISO date-time; sent back on PATCH for the conflict check. */
  updated?: string;
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
}

/**
 * Where the next page starts: opaque to everyone but the adapter that made it (a page number, an
 * offset, a HAL `next` link, an index into a locally sorted list). Plain string: storable, comparable.
 */
export type Cursor = string & { readonly __cursor?: never };

/** The cursor of the page after a numbered one (the next page number), or null after the last. */
export function nextPageCursor(paging: Paging, pageLength: number): Cursor | null {
  return pageLength > 0 && (paging.page + 1) * paging.count < paging.total ? String(paging.page + 1) : null;
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
}

/**
 * Numbered pages `first`, `first + 1`, … of `count` products, as many as `atLeast` products need (at
 * least one), asked for together (a reload going back down a list) and answered as one page
 * ({@link joinPages}). `one` asks for one page, as paging one by one would.
 */
export async function numberedPagesFrom(first: number, atLeast: number | undefined, count: number, one: (page: number) => Promise<ProductPage>): Promise<ProductPage> {
  const pages = Math.max(1, Math.ceil((atLeast ?? 0) / count));
  return joinPages(await Promise.all(Array.from({ length: pages }, (_, i) => one(first + i))));
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

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled' | 'refunded';

export interface Order {
  id: string;
  number: string;
  createdAt: string;
  total: number;
  currency: string;
  status: OrderStatus;
  customerEmail?: string;
}

export interface Coupon {
  code: string;
  /** null for a fixed-amount coupon (then amountOff is set). */
  percentOff: number | null;
  /** Major units of the store's currency, for fixed-amount coupons (platforms.md 1.5). */
  amountOff?: number;
  expiresAt?: string;
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
}

/** A page of orders: the next page's cursor, null at the end; `total` when known. */
export interface OrderPage {
  orders: Order[];
  next: Cursor | null;
  total?: number;
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
