/**
 * StoreHippo's wire shapes (platforms.md 2.2-2.4), spelt as the API spells them. Responses are read
 * from `unknown` with checks in map.ts; these interfaces document them and type what we send.
 * Fields marked [unverified] in the contract are optional here.
 */

export type StoreHippoEntity = 'ms.products' | 'ms.orders' | 'ms.coupon_codes';
export type StoreHippoApiVersion = '1' | '1.1';

/** `{ data, paging?, messages?, error? }` (the SDK's envelope). */
export interface StoreHippoEnvelope<T> {
  data: T;
  /** Only `total` is known, and only when the request sent `total=1`. */
  paging?: { total?: number };
  messages?: { key: string; message: string }[];
  error?: unknown;
}

export interface StoreHippoImageWire {
  /** A relative path (`ms.products/<pid>/images/...`), an absolute http(s) URL or `//host/...`. */
  image: string;
  caption?: string;
  tags?: string;
}

export interface StoreHippoProductWire {
  /** 24 hex (a MongoDB ObjectId: its first 8 hex digits are the creation time in seconds). */
  _id: string;
  name: string;
  alias?: string;
  sku?: string;
  description?: string;
  /** A number; live stores sometimes send a numeric string. */
  price: number | string;
  compare_price?: number | string;
  images?: StoreHippoImageWire[];
  /** Category aliases; also the value of the category filter. */
  categories?: string[];
  inventory_quantity?: number | string;
  /** `"automatic"` (stock counted) or `"none"` on live stores; the contract's `"1"`/`"0"` read too. */
  inventory_management?: string;
  inventory_allow_out_of_stock?: string;
  available?: 0 | 1 | boolean | string;
  publish?: '1' | '0';
  created_on?: string;
  updated_on?: string;
}

export interface StoreHippoOrderWire {
  _id: string;
  order_id?: string;
  total: number | string;
  sub_total?: number | string;
  currency_code?: string;
  email?: string;
  /** [unverified] name and values. */
  status?: string;
  created_on?: string;
}

export interface StoreHippoCouponWire {
  coupon_code: string;
  type: 'percentage' | 'flat';
  amount: number | string;
  enabled?: '1' | '0';
  start_date?: string;
  end_date?: string;
}

/** One element of the `filters` JSON list. */
export interface StoreHippoFilter {
  field: string;
  operator: 'equal' | 'in' | 'regex' | 'less_than' | 'greater_than';
  value: unknown;
}

/** PUT ms.products/{_id} body: only the changed fields. */
export interface StoreHippoProductEditWire {
  data: {
    name?: string;
    price?: number;
    publish?: '1' | '0';
    inventory_quantity?: number;
    description?: string;
  };
}
