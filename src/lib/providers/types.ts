/**
 * What a store platform looks like to the app: plain data (scopes, endpoints, quirks) plus a small
 * adapter that builds requests and converts the platform's wire JSON into our domain types once.
 * Per platform: `<kind>-profile.ts` (the plain data, listed in registry.ts) and its connectors and
 * adapter (goodsie.ts and its siblings; a folder for each of the four others), listed in loaders.ts.
 */
import type {
  Cart,
  CouponList,
  NewProduct,
  NumberedOrderPage,
  Product,
  ProductEdit,
  ProductImage,
  NumberedProductPage,
  ProductSort,
  StoreMetadata,
  StorePage,
} from '../domain/catalog.ts';
import type { Capability } from '../domain/capability.ts';
import type { StoreSaid } from '../domain/refusal.ts';
import type { TokenQuirks } from '../oauth/token.ts';
import type { CreateAdapter } from '../connect/adapter.ts';
import type { Connector } from '../connect/connector.ts';
import type { ApiOperation } from '../connect/operations.ts';
import type { ConfigReader, StoreConfig, StoreConfigBase } from '../connect/store-config.ts';

export type { ApiOperation } from '../connect/operations.ts';

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

/**
 * Goodsie's request as data (its adapter's builders); the generalized request of every platform is
 * `ApiRequest` in connect/request.ts.
 */
export interface GoodsieRequest {
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
  /**
   * The app loads the whole (capped) catalogue at once and pages it in the browser (FlickRocket,
   * Foxy): a further page costs no request, so a reload may go back any way down the list.
   */
  local?: boolean;
}

/**
 * Builds requests (`xxxRequest`) and maps wire JSON to domain objects (`mapXxx`). Every mapper takes
 * `unknown` and throws AppError API_INVALID_RESPONSE when the JSON breaks the platform's contract.
 */
export interface ProviderAdapter {
  listProductsRequest(query: ProductListRequest): GoodsieRequest;
  getProductRequest(id: string): GoodsieRequest;
  getMetadataRequest(): GoodsieRequest;
  listPagesRequest(): GoodsieRequest;
  getCartRequest(): GoodsieRequest;
  addToCartRequest(productId: string, quantity: number): GoodsieRequest;
  listOrdersRequest(paging: PageRequest): GoodsieRequest;
  listCouponsRequest(): GoodsieRequest;
  updateProductRequest(id: string, edit: ProductEdit, lastSeenUpdated: string): GoodsieRequest;
  createProductRequest(product: NewProduct): GoodsieRequest;

  mapProduct(json: unknown): Product;
  mapProductPage(json: unknown): NumberedProductPage;
  mapMetadata(json: unknown): StoreMetadata;
  mapPages(json: unknown): StorePage[];
  mapCart(json: unknown): Cart;
  mapOrderPage(json: unknown): NumberedOrderPage;
  mapCoupons(json: unknown): CouponList;
  /** The server's current product from a 409 body, or undefined when the body holds none. */
  mapConflict(json: unknown): Product | undefined;
  /** What a 400 or 422 to a product save said (its ApiError's `error_description`), with the field it names. */
  mapRefusal(json: unknown): StoreSaid[];
}

/** One labelled field of a credentials form. */
export interface ModeField {
  /** The key of `connect(ctx, values)`'s values, e.g. 'clientId', 'accessKey', 'password'. */
  name: string;
  label: string;
  /** Rendered `type=password spellcheck=false`, never echoed; `autocomplete=off` unless it names a token. */
  secret: boolean;
  /** The autocomplete token, e.g. 'username', or 'current-password' for a person's own password (keys stay 'off'). */
  autocomplete?: string;
  /** One line under the field, e.g. where to find the value. */
  hint?: string;
  /** A textarea (Foxy's pasted 4-line bundle). */
  multiline?: boolean;
}

/** One way a store of this kind can be connected, as the home screen offers it. */
export interface ConnectionModeInfo {
  /** The mode id: a store config's `auth`/`flow` names it; the vault record keeps it. */
  id: string;
  style: 'redirect' | 'credentials';
  /** Button or form title, e.g. "Integration key". */
  label: string;
  /** The form's fields (credentials style). */
  fields?: readonly ModeField[];
  /** One line on what the credential can do. */
  can: string;
  /** The contract's one-line risk (platforms.md x.1). */
  risk: string;
  /** The risk is shown as a red notice (Foxy's full-access, ten-year bundle: platforms.md 5.1). */
  severeRisk?: boolean;
  /** Where the merchant creates and revokes it, e.g. "Settings › System › Integrations". */
  revokeAt: string;
  /** That place in the store's admin, relative to the store's apiBase (e.g. '/admin#/sw/integration/index'). */
  revokePath?: string;
  /**
   * The form's sentence on ending it, where "Create or revoke it in <revokeAt>" does not fit (a
   * password is not created or revoked in the store's admin, it is changed); '' where the risk line
   * already says where to end it (Foxy's red notice: "Remove the integration in Foxy admin › ...").
   */
  revokeHow?: string;
  /** A credentials mode's credential in a sentence ("access key ID and secret"): "<platform> did not accept this …". */
  credentialName?: string;
  /** A credentials mode's credential in one short word for a narrow button ("key"): "Forget key". */
  shortName?: string;
  /**
   * Capabilities this mode's probe offers without being able to confirm them (a Shopware integration
   * cannot read its own rights): the store decides at the first use, and a refusal then locks them.
   */
  unconfirmed?: readonly Capability[];
}

/**
 * Where a connected store's capabilities come from: the granted scopes (via `scopes[].grants`),
 * probes run after connecting (stored on the credential), or a fixed set.
 */
export type CapabilitySource =
  | { from: 'scopes' }
  | { from: 'probe'; /** What a probe-derived lock tells the merchant to change, by capability. */ change: Readonly<Partial<Record<Capability, string>>> }
  | { from: 'fixed'; capabilities: readonly Capability[] };

export interface ProviderProfile {
  /** The `kind` a store's config entry names. */
  kind: string;
  /** The platform's name, for people. */
  displayName: string;
  /** The scope vocabulary, narrowest first (scopeForCapability prefers earlier entries); [] without scopes. */
  scopes: readonly ScopeInfo[];
  /** The scope each API call needs: what a 403 asks for when the browser cannot read WWW-Authenticate. */
  operationScopes: Readonly<Partial<Record<ApiOperation, string>>>;
  /** Default paths on the authorization server, for people writing config.json. */
  defaultPaths?: { authorize: string; token: string };
  /** Every connection mode of the platform; a store's config picks which it offers (`modesOf`). */
  modes: readonly ConnectionModeInfo[];
  /** The modes `store` offers, first preselected. */
  modesOf(store: StoreConfig): readonly ConnectionModeInfo[];
  capabilities: CapabilitySource;
  /**
   * The platform's public storefront key the widget uses instead of a token (Shopware: the sales
   * channel's access key): the Embed screen asks for it. Absent: the snippet carries a storefront token.
   */
  storefrontKey?: { label: string; hint: string };
  /**
   * Why the platform's stores cannot be embedded (no credential is safe to publish in a widget),
   * shown by the Embed screen instead of the snippet; absent where a publishable credential exists.
   */
  embedUnavailable?: string;
  /**
   * Validates the kind's own fields of a config entry (the common ones are done) and returns the
   * clean entry; throws through `reader` (a ConfigError naming the field). Small: always loaded.
   */
  validateConfig(reader: ConfigReader, base: StoreConfigBase): StoreConfig;
  /** How its token responses differ from the RFC; read by the token normaliser (oauth/token.ts). */
  tokenQuirks: TokenQuirks;
  paging: PagingRules;
  /**
   * Where the platform serves product pictures besides the store's API origin (FlickRocket's
   * picture host): the deployment's Content-Security-Policy allows them (test/deploy/csp.ts), so a
   * config.json naming such a store needs no `imageOrigins` for its pictures to show.
   */
  pictureOrigins?: readonly string[];
  /** The platform's own words where the generic ones are not enough (see PlatformNote). */
  notes?: Readonly<Partial<Record<PlatformNote, string>>>;
  /**
   * The category a catalogue address's `?category=` names, where the platform shows categories by
   * another spelling than an older address may carry (StoreHippo: an alias, "home-decor", read as
   * the name shown, "Home decor"). Absent: the address's text is the category.
   */
  categoryFromAddress?(text: string): string;
}

/**
 * `sessionEnded`: what to do before reconnecting when the store ended the session (FlickRocket:
 * remove the app's permission first); `signedOut`: where the app's access is revoked at the store;
 * `pricesElsewhere`: why price and stock are not edited here (FlickRocket's shared price models);
 * `searchHint`: what the catalogue's search matches, as its box's placeholder (the catalogue says
 * "Product name" where a platform sets none: every platform's search matches the name);
 * `ordersUnconfirmed`: one calm line above the orders where their reading is not yet confirmed
 * against a live store (FlickRocket's order fields, platforms.md 3.4); `couponsManagedAt`: where in
 * the store's own admin its coupons are created and changed (the Coupons screen only shows them);
 * `productsElsewhere`: one quiet line under a product's page, for a connected merchant, where the
 * platform has no product editing at all (Foxy: no product records; where a product is changed);
 * `productsFrom`: one quiet line under the catalogue's count where its products are not the store's
 * own list (Foxy: those its latest orders name), so that one missing from it is not taken for a fault;
 * `productsAdded`: one quiet line at the top of a connected merchant's catalogue, where Goodsie's
 * New product button is, on a platform whose contract gives this app no way to add a product
 * (StoreHippo, Foxy: platforms.md 2.2, 5.4): where products are added instead;
 * `productsAddedByEditors`: the same line, shown only to a connection that may edit products, on a
 * platform whose store lets such a connection create products where this app has no way to (Shopware
 * 6's product:create, FlickRocket's products scope: platforms.md 3.4, 4.4).
 */
export type PlatformNote =
  | 'sessionEnded'
  | 'signedOut'
  | 'pricesElsewhere'
  | 'searchHint'
  | 'ordersUnconfirmed'
  | 'couponsManagedAt'
  | 'productsElsewhere'
  | 'productsFrom'
  | 'productsAdded'
  | 'productsAddedByEditors';

/**
 * One kind in the registry: the light profile, and its heavy parts loaded on demand (a connector
 * per mode; the adapter factory).
 */
/** What the storefront widget asks a platform's storefront API for. */
export interface StorefrontQuery {
  apiBase: string;
  /**
   * The storefront credential written into the host page: Goodsie's storefront-only bearer token
   * (Authorization header), Shopware's public sales channel access key (`sw-access-key`).
   */
  token: string;
  limit: number;
  category: string;
  search: string;
  /**
   * The shop's storefront address, no trailing slash (config.json `storefrontUrl`, the widget's
   * `storefront-url`): where a platform whose storefront API gives no product page address (Shopware)
   * links each card; '' or absent: no links.
   */
  storefrontUrl?: string;
}

/** The widget's fetch: one JSON read with its failures already turned into AppErrors. */
export type StorefrontGetJson = (url: string, init: { method?: string; headers: Record<string, string>; body?: string }) => Promise<unknown>;

/**
 * What one card of the widget shows, and nothing more: the storefront readers parse only these
 * fields (the app's adapters parse the whole product). URLs are absolute http(s) or absent.
 */
export interface StorefrontCard {
  name: string;
  /**
   * Major units as the store sent them: formatPrice rounds to the currency's digits when it shows
   * them (ICU formats a number's shortest decimal spelling, so as the app's roundToCurrency does).
   */
  price: number;
  currency: string;
  /** The price before a reduction; shown struck through only when it reads higher than `price`. */
  compareAtPrice: number | null;
  /** Said "From" the price: the one for the most items of several by quantity (Shopware's advanced prices, as its own card writes them). */
  from?: boolean;
  /** The first picture with an http(s) URL. */
  image?: ProductImage;
  permalink?: string;
  inStock?: boolean;
}

/** A platform's storefront read for the widget (a storefront credential, never an admin one): the first `limit` published products. */
export type StorefrontProducts = (query: StorefrontQuery, getJson: StorefrontGetJson) => Promise<StorefrontCard[]>;

export interface RegistryEntry {
  profile: ProviderProfile;
  loadConnector(mode: string): Promise<Connector>;
  loadAdapter(): Promise<CreateAdapter>;
}

/**
 * A profile with its adapter (request builders and wire mappers). The adapter is the heavy part and
 * only the store API client needs it, so the registry loads it on demand (see registry.ts).
 */
export interface LoadedProvider extends ProviderProfile {
  adapter: ProviderAdapter;
}
