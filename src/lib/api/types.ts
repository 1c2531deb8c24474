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

export interface ProductPage {
  products: Product[];
  paging: Paging;
}

export type ProductSort = 'newest' | 'name' | 'price' | '-price';

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
  /** null for a fixed-amount coupon (Shopware, StoreHippo, Foxy: platforms.md 1.5). */
  percentOff: number | null;
  /** Fixed amount off, major units of the store currency. */
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

export interface OrderPage {
  orders: Order[];
  paging: Paging;
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
