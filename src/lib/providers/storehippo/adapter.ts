/**
 * StoreHippo's store operations over the seam's transport (platforms.md 2.2-2.4): cursor paging as
 * a `start` offset, search/category/published filters as one JSON `filters` parameter, the probes,
 * and the edit with its re-GET conflict check. Requests are built in query.ts, answers mapped in map.ts.
 */
import type { Adapter, AdapterContext, CallOptions, ForbiddenInfo } from '../../connect/adapter.ts';
import type { ApiResponse, SendOptions } from '../../connect/request.ts';
import type { ApiOperation } from '../../connect/operations.ts';
import type { StoreHippoStoreConfig } from '../../connect/store-config.ts';
import type { Capability } from '../../domain/capability.ts';
import { numberedPagesFrom, withCouponsUnread, type Coupon, type Cursor, type NotListedPromotion, type ProductListQuery, type ProductPage } from '../../domain/catalog.ts';
import { ProductConflictError } from '../../domain/conflict.ts';
import { AppError } from '../../oauth/errors.ts';
import { assertUnchangedSince, buildProductEditBody, defaultImageBase, mapCouponList, mapListEnvelope, mapOrderList, mapProductList, mapProductResponse, type StoreHippoMapContext, type StoreHippoPaging } from './map.ts';
import { CategoryNames } from './category-names.ts';
import { storeHippoRefused, storeHippoSaysFailed } from './refusal.ts';
import { STOREHIPPO_PROBES, capabilitiesFromProbes, classifyProbeStatus, type ProbeId, type ProbeOutcome } from './probe.ts';
import { STOREHIPPO_DEFAULT_COUNT, STOREHIPPO_MAX_COUNT, buildCouponListQuery, buildOrderListQuery, buildProductListQuery, entityPath, pagingParams } from './query.ts';

/**
 * Why a key was refused (401 or 403 on the products probe); never the key itself. The form's heading
 * says what was refused ("StoreHippo did not accept this access key", credential-words.ts).
 */
export const KEY_REFUSED = 'It is wrong, disabled or deleted.';

/** Each record's `created_on` in a list answer, in order (mapCouponList has checked `data` is a list). */
function createdOn(json: unknown): unknown[] {
  const data = (json as { data?: unknown }).data;
  return Array.isArray(data) ? data.map((record) => (typeof record === 'object' && record !== null ? (record as { created_on?: unknown }).created_on : undefined)) : [];
}

/** Coupon pages read at most (50 each): the coupons screen shows one list. */
const MAX_COUPON_PAGES = 4;

export interface StoreHippoAdapterOptions {
  /** A storefront view: only `publish: "1"` products (the app shows what the key's role sees; kept for a future widget). */
  publishedOnly?: boolean;
}

/** A cursor is the next `start` offset and the page size, e.g. "48:24". */
export function encodeCursor(start: number, count: number): Cursor {
  return `${start}:${count}` as Cursor;
}

export function decodeCursor(cursor: Cursor | null | undefined, fallbackCount: number): { page: number; count: number } {
  if (cursor === null || cursor === undefined) return pagingParams(0, fallbackCount);
  const match = /^(\d{1,9}):(\d{1,3})$/.exec(cursor);
  const start = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > STOREHIPPO_MAX_COUNT || start % count !== 0) throw new AppError('API_BAD_REQUEST', 'not a StoreHippo page cursor');
  return { page: start / count, count };
}

function opts(call: CallOptions | undefined): SendOptions {
  return call?.signal ? { signal: call.signal } : {};
}

function nextCursor(paging: { page: number; count: number; hasMore: boolean }): Cursor | null {
  return paging.hasMore ? encodeCursor((paging.page + 1) * paging.count, paging.count) : null;
}

const OPERATION_WORDS: Partial<Record<ApiOperation, string>> = {
  listOrders: 'read orders',
  listCoupons: 'read coupon codes',
  updateProduct: 'edit products',
  listProducts: 'read products',
  getProduct: 'read products',
};

/** 403 is the key's role (no scopes on this platform): its words and what to change at the store. */
export function storeHippoForbidden(_json: unknown, operation: ApiOperation): ForbiddenInfo {
  const what = OPERATION_WORDS[operation] ?? 'do that';
  return {
    platformWords: `StoreHippo: this key’s role cannot ${what}.`,
    change: 'Give the key’s user a role that allows it in StoreHippo Admin › Users, or paste a key of such a user.',
  };
}

export function createStoreHippoAdapter(context: AdapterContext<StoreHippoStoreConfig>, options: StoreHippoAdapterOptions = {}): Adapter {
  const { store, send } = context;
  const categoryNames = new CategoryNames();
  const map: StoreHippoMapContext = { currency: store.currency, imageBase: store.imageBase ?? defaultImageBase(store.apiBase), categoryNames };
  if (store.storefrontUrl !== undefined) map.storefrontUrl = store.storefrontUrl;
  const path = (entity: 'ms.products' | 'ms.orders' | 'ms.coupon_codes', id?: string): string => entityPath(store.apiVersion, entity, id);

  async function getProduct(id: string, call?: CallOptions) {
    const response = await send({ method: 'GET', path: path('ms.products', id) }, 'getProduct', opts(call));
    return mapProductResponse(response.json, map);
  }

  async function listPage(query: ProductListQuery, page: number, count: number, call: CallOptions | undefined): Promise<ProductPage> {
    const params = buildProductListQuery({ ...query, page, count }, { publishedOnly: options.publishedOnly === true, aliasesOf: (name) => categoryNames.aliasesOf(name) });
    const response = await send({ method: 'GET', path: path('ms.products'), query: params }, 'listProducts', opts(call));
    const { products, paging, skipped } = mapProductList(response.json, { page, count }, map);
    const listed: ProductPage = paging.totalKnown ? { products, next: nextCursor(paging), total: paging.total } : { products, next: nextCursor(paging) };
    if (skipped > 0) listed.skipped = skipped;
    return listed;
  }

  function probeRequest(id: ProbeId, options?: CallOptions): Promise<ApiResponse> {
    const probe = STOREHIPPO_PROBES.find((p) => p.id === id)!;
    return send({ method: 'GET', path: path(probe.entity), query: probe.query }, 'probe', { ...opts(options), accept: [403] });
  }

  /** Orders and coupons: 2xx or 403 decide; another failure leaves the feature off (no verdict on the key). */
  async function probeOutcome(id: ProbeId, options?: CallOptions): Promise<ProbeOutcome> {
    try {
      return classifyProbeStatus((await probeRequest(id, options)).status);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'NETWORK_OR_CORS' || error.code === 'API_TIMEOUT' || error.code === 'CREDENTIALS_REJECTED')) throw error;
      return 'failed';
    }
  }

  return {
    async listProducts(query: ProductListQuery, cursor, call) {
      const { page, count } = decodeCursor(cursor, query.count ?? STOREHIPPO_DEFAULT_COUNT);
      // Pages by offset, each a multiple of `count`: all of those `atLeast` needs leave together (adapter.ts).
      return numberedPagesFrom({
        first: page,
        count,
        atLeast: call?.atLeast,
        largest: STOREHIPPO_MAX_COUNT,
        one: (n, size) => listPage(query, n, size, call),
        cursorAt: (n) => encodeCursor(n * count, count),
      });
    },
    getProduct: (id, call) => getProduct(id, call),
    async getMetadata() {
      // StoreHippo's entity API has no store-details call the key can always read: config names it.
      return { name: store.name, currency: store.currency, ...(store.storefrontUrl ? { canonicalUrl: store.storefrontUrl } : {}) };
    },
    async listOrders(cursor, call) {
      const { page, count } = decodeCursor(cursor, call?.count ?? STOREHIPPO_DEFAULT_COUNT);
      const response = await send({ method: 'GET', path: path('ms.orders'), query: buildOrderListQuery(page, count) }, 'listOrders', opts(call));
      const { orders, paging } = mapOrderList(response.json, { page, count }, map);
      return paging.totalKnown ? { orders, next: nextCursor(paging), total: paging.total } : { orders, next: nextCursor(paging) };
    },
    async listCoupons(call) {
      const coupons: Coupon[] = [];
      const notListed: NotListedPromotion[] = [];
      const created: unknown[] = [];
      let more: StoreHippoPaging | undefined;
      for (let page = 0; page < MAX_COUPON_PAGES; page++) {
        const query = buildCouponListQuery(page, STOREHIPPO_MAX_COUNT);
        const response = await send({ method: 'GET', path: path('ms.coupon_codes'), query }, 'listCoupons', opts(call));
        const result = mapCouponList(response.json, { page, count: STOREHIPPO_MAX_COUNT }, map);
        created.push(...createdOn(response.json));
        coupons.push(...result.coupons);
        notListed.push(...result.notListed);
        more = result.paging.hasMore ? result.paging : undefined;
        if (!more) break;
      }
      const list = notListed.length === 0 ? { coupons } : { coupons, notListed };
      // past MAX_COUPON_PAGES the rest are said: counted by `paging.total` where the answer has one
      // (as the oldest where the dates read show the order asked was kept)
      return more ? withCouponsUnread(list, more.totalKnown ? more.total : undefined, coupons.length + notListed.length, created) : list;
    },
    async updateProduct(id, edit, lastSeenUpdated, call) {
      // 2.4: no conditional update; re-GET and compare updated_on right before the PUT.
      const current = await getProduct(id, call);
      try {
        assertUnchangedSince(lastSeenUpdated, current);
      } catch (error) {
        if (error instanceof AppError && error.code === 'API_CONFLICT') throw new ProductConflictError(current, 'updateProduct: the product changed in the store');
        throw error;
      }
      const body = buildProductEditBody(edit, store.currency);
      const response = await send({ method: 'PUT', path: path('ms.products', id), body: { json: body } }, 'updateProduct', opts(call));
      try {
        return mapProductResponse(response.json, map);
      } catch (error) {
        // the PUT answer's body is [unverified]: without a product in it, read the product again
        if (error instanceof AppError && error.code === 'API_INVALID_RESPONSE') return getProduct(id, call);
        throw error;
      }
    },
    /**
     * 2.4: the products probe decides whether the key works at all (401/403: refused, in StoreHippo's
     * words; the transport turns a 401 into CREDENTIALS_REJECTED), then orders and coupons in parallel.
     */
    async probe(options): Promise<Capability[]> {
      let products: ApiResponse;
      try {
        products = await probeRequest('products', options);
      } catch (error) {
        if (error instanceof AppError && error.code === 'CREDENTIALS_REJECTED') throw new AppError('CREDENTIALS_REJECTED', KEY_REFUSED);
        throw error;
      }
      if (products.status === 403) throw new AppError('CREDENTIALS_REJECTED', KEY_REFUSED);
      mapListEnvelope(products.json, { page: 0, count: 1 }, () => undefined);
      const [orders, coupons] = await Promise.all([probeOutcome('orders', options), probeOutcome('coupons', options)]);
      const verdict = capabilitiesFromProbes({ products: 'ok', orders, coupons });
      return verdict.kind === 'connected' ? [...verdict.capabilities] : [];
    },
    hooks: { forbidden: storeHippoForbidden, refused: storeHippoRefused, failedDespiteStatus: storeHippoSaysFailed },
  };
}
