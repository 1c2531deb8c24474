/**
 * The store API client: one method per call, each taking an optional AbortSignal. It knows HTTP
 * (bearer header, 401 renewal, 403 scope, 429 back-off, status codes); the provider profile knows
 * the paths and the wire shapes. The access token goes in the Authorization header and nowhere
 * else: not in a URL, an error, a cause or a log line.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
import { AppError } from '../oauth/errors.ts';
import { HttpError } from '../oauth/http-errors.ts';
import type { ApiOperation, GoodsieRequest, LoadedProvider, PageRequest } from '../providers/types.ts';
import { buildApiUrl } from '../shared/api-url.ts';
import { API_FETCH_OPTIONS, errorBody, fetchFailure, readBody, scopeNamedBy, statusCode } from './http.ts';
import { badRequest, checkEdit, checkNewProduct, requireInteger } from './request-checks.ts';
import { sendWithRetries, type RateLimitInfo } from './send-with-retries.ts';
import { ProductConflictError } from '../domain/conflict.ts';
import { refusalOf, refusedSave, SaveRefusedError } from '../domain/refusal.ts';
import type {
  Cart,
  CouponList,
  NewProduct,
  NumberedOrderPage,
  Product,
  ProductEdit,
  ProductVariants,
  VariantStockSaved,
  NumberedProductPage,
  ProductQuery,
  StoreMetadata,
  StorePage,
} from '../domain/catalog.ts';

export interface StoreApiOptions {
  /** The store's API server (config `apiBase`); the provider's paths are appended to it. */
  apiBase: string;
  provider: LoadedProvider;
  /** The current access token. */
  getAccessToken: () => Promise<string>;
  /**
   * Called after a 401 with the token the store refused: return a usable token (one another tab or
   * call renewed meanwhile, or a fresh renewal) or reject. Called at most once per call.
   * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
   */
  onUnauthorized: (refusedToken: string) => Promise<string>;
  fetch: typeof globalThis.fetch;
  /** Told before each wait after a 429, so the UI can say "retrying in N s". */
  onRateLimited?: (info: RateLimitInfo) => void;
  /** Waits `ms`; rejects with the signal's reason when aborted. Defaults to a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface StoreApi {
  listProducts(query?: ProductQuery, signal?: AbortSignal): Promise<NumberedProductPage>;
  getProduct(id: string, signal?: AbortSignal): Promise<Product>;
  /** The variants of a product sold in variants (a Shopware parent); API_NOT_SUPPORTED where the platform has none. */
  listVariants(parent: Product, signal?: AbortSignal): Promise<ProductVariants>;
  getMetadata(signal?: AbortSignal): Promise<StoreMetadata>;
  listPages(signal?: AbortSignal): Promise<StorePage[]>;
  /** The store's category names where the platform lists them apart from products; API_NOT_SUPPORTED where not (Goodsie). */
  listCategories(signal?: AbortSignal): Promise<string[]>;
  getCart(signal?: AbortSignal): Promise<Cart>;
  addToCart(productId: string, quantity: number, signal?: AbortSignal): Promise<Cart>;
  listOrders(paging?: { page?: number; count?: number }, signal?: AbortSignal): Promise<NumberedOrderPage>;
  listCoupons(signal?: AbortSignal): Promise<CouponList>;
  /** PATCH with the `updated` value last seen; ProductConflictError (with the server's current product) when stale. */
  updateProduct(id: string, edit: ProductEdit, lastSeenUpdated: string, signal?: AbortSignal): Promise<Product>;
  updateVariantStock(id: string, stock: number, lastSeenUpdated: string, signal?: AbortSignal): Promise<VariantStockSaved>;
  createProduct(product: NewProduct, signal?: AbortSignal): Promise<Product>;
}

export function createStoreApi(options: StoreApiOptions): StoreApi {
  const { apiBase, provider, getAccessToken, onUnauthorized, fetch, onRateLimited, sleep } = options;
  const adapter = provider.adapter;

  function resolvePaging(page: number | undefined, count: number | undefined): PageRequest {
    const rules = provider.paging;
    return {
      page: requireInteger(page ?? rules.firstPage, rules.firstPage, Number.MAX_SAFE_INTEGER, 'page'),
      count: requireInteger(count ?? rules.defaultCount, rules.minCount, rules.maxCount, 'count'),
    };
  }

  async function sendOnce(url: URL, request: GoodsieRequest, token: string, signal: AbortSignal | undefined): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json', Authorization: `Bearer ${token}` });
    const init: RequestInit = { method: request.method, headers, ...API_FETCH_OPTIONS };
    if (request.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      init.body = JSON.stringify(request.body);
    }
    if (signal) init.signal = signal;
    try {
      return await fetch(url, init);
    } catch (error) {
      throw fetchFailure(error, signal, () => new AppError('API_NETWORK_ERROR', `${request.method} ${url.pathname}: the store API could not be reached`, { cause: error }));
    }
  }

  async function processResponse<T>(
    operation: ApiOperation,
    response: Response,
    token: string,
    map: (json: unknown) => T,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const { json, isJson } = await readBody(response, operation, signal, 'API_NETWORK_ERROR');
    const status = response.status;
    if (status >= 200 && status <= 299) {
      if (!isJson || json === undefined) {
        throw new HttpError('API_INVALID_RESPONSE', status, { message: `${operation}: HTTP ${status} without a JSON body` });
      }
      return map(json);
    }
    const message = `${operation}: HTTP ${status}`;
    if (status === 403) {
      const requiredScope = scopeNamedBy(response, json) ?? provider.operationScopes[operation];
      throw new HttpError('API_INSUFFICIENT_SCOPE', status, { requiredScope, body: errorBody(json, token), message });
    }
    const refused = refusedSave(operation, status);
    if (status === 409 && !refused) {
      throw new ProductConflictError(adapter.mapConflict(json), message);
    }
    const refusal = refused ? refusalOf(adapter.mapRefusal(json), token) : undefined;
    if (refusal) throw new SaveRefusedError(status, refusal, message);
    throw new HttpError(statusCode(status), status, { body: errorBody(json, token), message });
  }

  /**
   * Sends `request` through the retry loop (a 401 renews the token once; up to three 429s are waited
   * out as Retry-After says, their bodies unread), then maps the answer. The token is asked for once
   * per call, before the first request, and replaced by the renewal's.
   */
  async function send<T>(operation: ApiOperation, request: GoodsieRequest, map: (json: unknown) => T, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const url = buildApiUrl(apiBase, request);
    let token = await getAccessToken();
    return sendWithRetries({
      operation,
      signal,
      send: async () => {
        const used = token;
        return { response: await sendOnce(url, request, used, signal), credential: used };
      },
      renew: async (refused) => {
        token = await onUnauthorized(refused);
      },
      renewed: 'the token',
      settle: (response, used) => processResponse(operation, response, used, map, signal),
      onRateLimited,
      sleep,
    });
  }

  return {
    async listProducts(query = {}, signal) {
      const { page, count } = resolvePaging(query.page, query.count);
      const request = adapter.listProductsRequest({ ...query, page, count });
      return send('listProducts', request, adapter.mapProductPage, signal);
    },
    async getProduct(id, signal) {
      return send('getProduct', adapter.getProductRequest(id), adapter.mapProduct, signal);
    },
    async getMetadata(signal) {
      return send('getMetadata', adapter.getMetadataRequest(), adapter.mapMetadata, signal);
    },
    async listPages(signal) {
      return send('listPages', adapter.listPagesRequest(), adapter.mapPages, signal);
    },
    // goodsie-api.yaml has no category list: the names come with the products; nor variants.
    listCategories: () => Promise.reject(new AppError('API_NOT_SUPPORTED', "this store's platform has no category list")),
    listVariants: () => Promise.reject(new AppError('API_NOT_SUPPORTED', "this store's platform has no variants")),
    updateVariantStock: () => Promise.reject(new AppError('API_NOT_SUPPORTED', "this store's platform has no variants")),
    async getCart(signal) {
      return send('getCart', adapter.getCartRequest(), adapter.mapCart, signal);
    },
    async addToCart(productId, quantity, signal) {
      requireInteger(quantity, 1, 9999, 'quantity');
      if (productId === '') throw badRequest('productId is empty');
      return send('addToCart', adapter.addToCartRequest(productId, quantity), adapter.mapCart, signal);
    },
    async listOrders(paging = {}, signal) {
      return send('listOrders', adapter.listOrdersRequest(resolvePaging(paging.page, paging.count)), adapter.mapOrderPage, signal);
    },
    async listCoupons(signal) {
      return send('listCoupons', adapter.listCouponsRequest(), adapter.mapCoupons, signal);
    },
    async updateProduct(id, edit, lastSeenUpdated, signal) {
      if (lastSeenUpdated === '') throw badRequest('lastSeenUpdated is empty');
      checkEdit(edit);
      return send('updateProduct', adapter.updateProductRequest(id, edit, lastSeenUpdated), adapter.mapProduct, signal);
    },
    async createProduct(product, signal) {
      checkNewProduct(product);
      return send('createProduct', adapter.createProductRequest(product), adapter.mapProduct, signal);
    },
  };
}
