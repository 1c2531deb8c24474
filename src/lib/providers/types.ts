/**
 * What a store platform looks like to the app: plain data (scopes, endpoints, quirks) plus a small
 * adapter that builds requests and converts the platform's wire JSON into our domain types once.
 * One file per platform (goodsie.ts now; storehippo.ts, flickrocket.ts, shopware6.ts, foxy.ts
 * later), listed in registry.ts.
 */
import type {
  Cart,
  Coupon,
  NewProduct,
  OrderPage,
  Product,
  ProductEdit,
  ProductPage,
  ProductSort,
  StoreMetadata,
  StorePage,
} from '../domain/catalog.ts';
import type { Capability } from '../domain/capability.ts';
import type { TokenQuirks } from '../oauth/token.ts';

/** One scope of the platform's vocabulary, with the words the consent and settings screens show. */
export interface ScopeInfo {
  /** The wire value sent in `scope=`. */
  id: string;
  /** Short human label, e.g. "Browse products and pages". */
  label: string;
  /** One sentence on what granting it allows. */
  description: string;
  /** What the app can do once this scope is granted. */
  grants: readonly Capability[];
}

/** Every call the store API client makes; the key of a profile's scope table. */
export type ApiOperation =
  | 'listProducts'
  | 'getProduct'
  | 'getMetadata'
  | 'listPages'
  | 'getCart'
  | 'addToCart'
  | 'listOrders'
  | 'listCoupons'
  | 'updateProduct'
  | 'createProduct';

/** A request described as data, so building it is testable without a network. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below the store's apiBase, starting with '/', segments already percent-encoded. */
  path: string;
  query?: Readonly<Record<string, string>>;
  /** Sent as JSON when present. */
  body?: unknown;
}

/** Paging resolved by the client: always concrete numbers. */
export interface PageRequest {
  page: number;
  count: number;
}

export interface ProductListRequest extends PageRequest {
  q?: string;
  category?: string;
  sort?: ProductSort;
}

export interface PagingRules {
  /** Index of the first page (0 for Goodsie). */
  firstPage: number;
  minCount: number;
  maxCount: number;
  defaultCount: number;
}

/**
 * Builds requests (`xxxRequest`) and maps wire JSON to domain objects (`mapXxx`). Every mapper takes
 * `unknown` and throws AppError API_INVALID_RESPONSE when the JSON breaks the platform's contract.
 */
export interface ProviderAdapter {
  listProductsRequest(query: ProductListRequest): ApiRequest;
  getProductRequest(id: string): ApiRequest;
  getMetadataRequest(): ApiRequest;
  listPagesRequest(): ApiRequest;
  getCartRequest(): ApiRequest;
  addToCartRequest(productId: string, quantity: number): ApiRequest;
  listOrdersRequest(paging: PageRequest): ApiRequest;
  listCouponsRequest(): ApiRequest;
  updateProductRequest(id: string, edit: ProductEdit, lastSeenUpdated: string): ApiRequest;
  createProductRequest(product: NewProduct): ApiRequest;

  mapProduct(json: unknown): Product;
  mapProductPage(json: unknown): ProductPage;
  mapMetadata(json: unknown): StoreMetadata;
  mapPages(json: unknown): StorePage[];
  mapCart(json: unknown): Cart;
  mapOrderPage(json: unknown): OrderPage;
  mapCoupons(json: unknown): Coupon[];
  /** The server's current product from a 409 body, or undefined when the body holds none. */
  mapConflict(json: unknown): Product | undefined;
}

export interface ProviderProfile {
  /** The `kind` a store's config entry names. */
  kind: string;
  /** The platform's name, for people. */
  displayName: string;
  /** The scope vocabulary, narrowest first (scopeForCapability prefers earlier entries). */
  scopes: readonly ScopeInfo[];
  /** The scope each API call needs: what a 403 asks for when the browser cannot read WWW-Authenticate. */
  operationScopes: Readonly<Record<ApiOperation, string>>;
  /** Default paths on the authorization server, for people writing config.json. */
  defaultPaths: { authorize: string; token: string };
  /** How its token responses differ from the RFC; read by the token normaliser (oauth/token.ts). */
  tokenQuirks: TokenQuirks;
  paging: PagingRules;
}

/**
 * A profile with its adapter (request builders and wire mappers). The adapter is the heavy part and
 * only the store API client needs it, so the registry loads it on demand (see registry.ts).
 */
export interface LoadedProvider extends ProviderProfile {
  adapter: ProviderAdapter;
}
