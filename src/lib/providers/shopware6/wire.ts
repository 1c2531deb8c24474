/**
 * Shopware 6 wire shapes (platforms.md 4.3, 4.4, 4.7), derived from the official generated types of
 * `@shopware/api-client` (type-only imports: zero runtime bytes). The official types are stricter
 * than the server: fields the real Admin/Store API sends as `null` (unloaded associations, nullable
 * columns, translated fields) are widened with `OrNull`, matching the LOOSENESS table of
 * test/platforms/shopware/schema.test.ts. Responses are still read from `unknown` with checks
 * (`map.ts`); these types document them and type what we send.
 */
import type { components as AdminComponents } from '@shopware/api-client/admin-api-types';
import type { components as StoreComponents } from '@shopware/api-client/store-api-types';

type Admin = AdminComponents['schemas'];
type Store = StoreComponents['schemas'];

/** The listed keys become optional and nullable. */
type OrNull<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] | null };

/** `Defaults::CURRENCY`: the system default currency's id on every Shopware. */
export const SW_DEFAULT_CURRENCY_ID = 'b7d2554b0ce847cd82f3ac9bd1c0dfca';

export type SwPriceWire = OrNull<Pick<Admin['Price'], 'currencyId' | 'gross' | 'net' | 'linked' | 'listPrice'>, 'listPrice'>;

export type SwMediaWire = OrNull<Pick<Admin['Media'], 'url' | 'alt' | 'title'>, 'alt' | 'title'>;

export type SwProductMediaWire = Pick<Admin['ProductMedia'], 'id'> & { position?: number | null; media?: SwMediaWire | null };

export type SwCategoryWire = Pick<Admin['Category'], 'id'> & { name?: string | null; translated?: { name?: string | null } };

/** `POST /api/search/product` element (Accept: application/json). */
export type SwProductWire = OrNull<
  Pick<Admin['Product'], 'id' | 'productNumber' | 'parentId' | 'name' | 'description' | 'stock' | 'availableStock' | 'available' | 'active' | 'createdAt' | 'updatedAt'>,
  'parentId' | 'name' | 'description' | 'availableStock' | 'available' | 'active' | 'updatedAt'
> & {
  translated?: Partial<Pick<Admin['Product']['translated'], 'name' | 'description'>>;
  price?: SwPriceWire[] | null;
  cover?: SwProductMediaWire | null;
  media?: SwProductMediaWire[] | null;
  categories?: SwCategoryWire[] | null;
  /** How many variants a parent has (ChildCountUpdater); its variants under `children` when asked. */
  childCount?: number | null;
  children?: SwProductWire[] | null;
};

/** A variant's option (`options`, PropertyGroupOption) with its `group` (PropertyGroup), as `buildVariantCriteria` asks them. */
export type SwOptionWire = Pick<Admin['PropertyGroupOption'], 'id' | 'groupId' | 'name' | 'position'> & {
  translated?: { name?: string | null };
  group?: (Pick<Admin['PropertyGroup'], 'id' | 'name' | 'position'> & { translated?: { name?: string | null } }) | null;
};

/** A variant read by `buildVariantCriteria`: `price` and `active` null where inherited from the parent. */
export type SwVariantWire = Pick<SwProductWire, 'id' | 'productNumber' | 'parentId' | 'name' | 'translated' | 'price' | 'available' | 'active'> & {
  options?: SwOptionWire[] | null;
};

export type SwCurrencyWire = Pick<Admin['Currency'], 'id' | 'isoCode' | 'factor' | 'symbol'> & {
  itemRounding?: { decimals?: number; interval?: number; roundForNet?: boolean };
};

export type SwStateWire = Pick<Admin['StateMachineState'], 'technicalName'>;

export type SwOrderWire = Pick<Admin['Order'], 'id' | 'orderNumber' | 'orderDateTime' | 'amountTotal'> & {
  currency?: Pick<Admin['Currency'], 'isoCode'> | null;
  orderCustomer?: Pick<Admin['OrderCustomer'], 'email'> | null;
  stateMachineState?: SwStateWire | null;
  transactions?: { createdAt?: string | null; stateMachineState?: SwStateWire | null }[] | null;
};

export type SwPromotionDiscountWire = Pick<Admin['PromotionDiscount'], 'type' | 'value'>;

export type SwPromotionWire = OrNull<Pick<Admin['Promotion'], 'id' | 'name' | 'code' | 'useCodes' | 'useIndividualCodes' | 'validUntil' | 'active'>, 'code' | 'validUntil'> & {
  discounts?: SwPromotionDiscountWire[] | null;
};

/** Store API `Product` (only what the widget reads). */
export type SwStoreProductWire = Pick<Store['Product'], 'id'> & {
  name?: string | null;
  description?: string | null;
  translated?: { name?: string | null; description?: string | null };
  calculatedPrice: Pick<Store['CalculatedPrice'], 'unitPrice'> & { listPrice?: { price?: number } | null };
  available?: boolean | null;
  cover?: SwProductMediaWire | null;
  media?: SwProductMediaWire[] | null;
  categories?: SwCategoryWire[] | null;
  createdAt?: string | null;
  updatedAt?: string | null;
};

/** `{total, data, aggregations}` of an Admin API search. */
export interface SwSearchResultWire<T> {
  total: number;
  data: T[];
}

/** Store API `ProductListResponse` / `ProductListingResult`. */
export interface SwStoreListWire<T> {
  elements: T[];
  total: number;
  page: number;
  limit: number;
}

export interface SwFilter {
  type: 'equals' | 'equalsAny' | 'contains' | 'range' | 'multi' | 'not';
  field?: string;
  value?: string | number | boolean | null | string[];
  parameters?: { gte?: number; lte?: number; gt?: number; lt?: number };
  operator?: 'and' | 'or';
  queries?: SwFilter[];
}

export interface SwSorting {
  field: string;
  order: 'ASC' | 'DESC';
  naturalSorting?: boolean;
}

/** A sort: the full form, or the short `field,-field` string (`RequestCriteriaBuilder::parseSimpleSorting`). */
export type SwSort = SwSorting[] | string;

/**
 * The lines said per order. A page of wholesale orders of hundreds of lines each would bring every
 * line (prices, payload): each order's `lineItems` is asked one line past this, so that a line past it
 * says the order holds more (Shopware's paginated to-many read returns no count per order).
 */
export const SW_ORDER_LINES_SHOWN = 25;

export interface SwAssociation {
  sort?: SwSort;
  associations?: Record<string, SwAssociation>;
  limit?: number;
}

/** The criteria JSON body we send (`RequestCriteriaBuilder`), checked against the official `Criteria` below. */
export interface SwCriteria {
  page?: number;
  limit?: number;
  'total-count-mode'?: 'none' | 'exact' | 'next-pages';
  term?: string;
  ids?: string[];
  filter?: SwFilter[];
  sort?: SwSort;
  associations?: Record<string, SwAssociation>;
  includes?: Record<string, string[]>;
}

/**
 * Each key we send is a key of the official `Criteria` schema (fails to compile when one is renamed),
 * except `term`: `RequestCriteriaBuilder` reads it, the 6.7 schema's `Criteria` omits it.
 */
type Expect<T extends true> = T;
export type SwCriteriaKeysAreOfficial = Expect<[Exclude<keyof Omit<SwCriteria, 'term'>, keyof Admin['Criteria']>] extends [never] ? true : false>;

/** `PATCH /api/product/{id}` body (platforms.md 4.4). */
export interface SwProductPatch {
  name?: string;
  active?: boolean;
  stock?: number;
  description?: string;
  price?: SwPriceWire[];
}
