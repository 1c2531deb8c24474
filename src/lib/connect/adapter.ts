/**
 * A platform's store operations over the transport, for one store: async, cursor-paged. Built by
 * the kind's lazily loaded `createAdapter({ store, send })`; pure request builders and wire mappers
 * stay in the platform folder. Per-store state (Shopware's currency table, FlickRocket's and Foxy's
 * loaded-then-paged-locally lists) lives in the adapter instance, so create one per store.
 */
import type { Capability } from '../domain/capability.ts';
import type { StoreSaid } from '../domain/refusal.ts';
import type {
  Cart,
  CouponList,
  Cursor,
  NewProduct,
  OrderPage,
  Product,
  ProductEdit,
  ProductListQuery,
  ProductPage,
  ProductVariants,
  VariantStockSaved,
  StoreMetadata,
  StorePage,
} from '../domain/catalog.ts';
import type { ApiOperation } from './operations.ts';
import type { Send } from './request.ts';
import type { StoreConfig } from './store-config.ts';

/** What an adapter gets: its store's config and the signed transport for that store. */
export interface AdapterContext<S extends StoreConfig = StoreConfig> {
  store: S;
  send: Send;
}

/** The platform's own words for a 403, shown by the locked screen (no "Grant access" without scopes). */
export interface ForbiddenInfo {
  /** The scope to ask for, on platforms with scopes (Goodsie, FlickRocket). */
  requiredScope?: string;
  /** What the platform said, e.g. "missing privileges: product:update" (never a secret). */
  platformWords?: string;
  /** What to change at the store, e.g. "Give the integration's role the product:update privilege." */
  change?: string;
}

/**
 * How the API client reads platform specifics out of error answers (instead of special cases in
 * the client). Each gets the parsed JSON body (undefined when empty or not JSON).
 */
export interface AdapterHooks {
  /** A 403's meaning; default: the WWW-Authenticate / body `scope`, else the operation's scope. */
  forbidden?(json: unknown, operation: ApiOperation): ForbiddenInfo | undefined;
  /** Seconds to wait after a 429 when not in Retry-After (Shopware's `meta.parameters.seconds`). */
  rateLimitWait?(json: unknown, headers: Headers): number | undefined;
  /** The server's current product from a 409 body, or undefined. */
  conflict?(json: unknown): Product | undefined;
  /** What a 400 or 422 to a product save said, field by field where the platform names one ([] for nothing readable). */
  refused?(json: unknown): StoreSaid[];
  /** A 2xx answer whose body says the request failed all the same (StoreHippo's `error`): read as a 400. */
  failedDespiteStatus?(json: unknown): boolean;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * One store's operations. Optional ones are absent where the platform has no such thing (no cart on
 * the four new platforms); capabilities gate the screens that use them.
 */
export interface Adapter {
  /**
   * The first page for `cursor` null/absent, else the page `cursor` points at. `atLeast`: the caller
   * wants that many products from there (a reload going back down the list); an adapter with
   * numbered pages asks for all of them at once and answers with them joined (numberedPagesFrom),
   * its cursor after them; one whose pages are slices of a list already loaded ignores it (the next
   * pages cost no request).
   */
  listProducts(query: ProductListQuery, cursor?: Cursor | null, options?: CallOptions & { atLeast?: number }): Promise<ProductPage>;
  getProduct(id: string, options?: CallOptions): Promise<Product>;
  /** The variants of a product sold in variants (`soldInVariants`), priced against `parent`. */
  listVariants?(parent: Product, options?: CallOptions): Promise<ProductVariants>;
  getMetadata(options?: CallOptions): Promise<StoreMetadata>;
  /** The store's categories, when the platform lists them apart from products. */
  listCategories?(options?: CallOptions): Promise<string[]>;
  listPages?(options?: CallOptions): Promise<StorePage[]>;
  getCart?(options?: CallOptions): Promise<Cart>;
  addToCart?(productId: string, quantity: number, options?: CallOptions): Promise<Cart>;
  listOrders?(cursor?: Cursor | null, options?: CallOptions & { count?: number }): Promise<OrderPage>;
  listCoupons?(options?: CallOptions): Promise<CouponList>;
  /** With the `updated` value last seen; ProductConflictError when the platform can tell it is stale. */
  updateProduct?(id: string, edit: ProductEdit, lastSeenUpdated: string, options?: CallOptions): Promise<Product>;
  /** A variant's own stock (`ProductVariant.stock`), checked unchanged since `lastSeenUpdated` (its `updated`, '' for none). */
  updateVariantStock?(id: string, stock: number, lastSeenUpdated: string, options?: CallOptions): Promise<VariantStockSaved>;
  createProduct?(product: NewProduct, options?: CallOptions): Promise<Product>;
  /**
   * Capabilities found by trying (StoreHippo, Shopware); called after connecting and stored on the
   * credential. `mode`: the credential's connection mode (a Shopware integration cannot read its own rights).
   */
  probe?(options?: CallOptions & { mode?: string }): Promise<Capability[]>;
  hooks?: AdapterHooks;
}

/** The lazily loaded part of a kind: builds one adapter per store. */
export type CreateAdapter<S extends StoreConfig = StoreConfig> = (context: AdapterContext<S>) => Adapter;
