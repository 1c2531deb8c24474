/**
 * StoreHippo's store operations over the seam's transport (platforms.md 2.2-2.4): cursor paging as
 * a `start` offset, search/category/published filters as one JSON `filters` parameter, the probes,
 * and the edit with its re-GET conflict check. Requests are built in query.ts, answers mapped in map.ts.
 */
import type { Adapter, AdapterContext, ForbiddenInfo } from '../../connect/adapter.ts';
import type { ApiOperation } from '../../connect/operations.ts';
import type { StoreHippoStoreConfig } from '../../connect/store-config.ts';
import type { Capability } from '../../domain/capability.ts';
import type { Coupon, Cursor, ProductListQuery } from '../../domain/catalog.ts';
import { ProductConflictError } from '../../domain/conflict.ts';
import { AppError } from '../../oauth/errors.ts';
import { assertUnchangedSince, buildProductEditBody, defaultImageBase, mapCouponList, mapOrderList, mapProductList, mapProductResponse, type StoreHippoMapContext } from './map.ts';
import { STOREHIPPO_PROBES, capabilitiesFromProbes, classifyProbeStatus, type ProbeId, type ProbeOutcome } from './probe.ts';
import { STOREHIPPO_DEFAULT_COUNT, STOREHIPPO_MAX_COUNT, buildCouponListQuery, buildOrderListQuery, buildProductListQuery, entityPath, pagingParams } from './query.ts';

/** Coupon pages read at most (50 each): the coupons screen shows one list. */
const MAX_COUPON_PAGES = 4;

export interface StoreHippoAdapterOptions {
  /** The storefront view (the widget): only `publish: "1"` products. */
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
  const map: StoreHippoMapContext = { currency: store.currency, imageBase: store.imageBase ?? defaultImageBase(store.apiBase) };
  if (store.storefrontUrl !== undefined) map.storefrontUrl = store.storefrontUrl;
  const path = (entity: 'ms.products' | 'ms.orders' | 'ms.coupon_codes', id?: string): string => entityPath(store.apiVersion, entity, id);

  async function getProduct(id: string, signal?: AbortSignal) {
    const response = await send({ method: 'GET', path: path('ms.products', id) }, 'getProduct', signal ? { signal } : {});
    return mapProductResponse(response.json, map);
  }

  async function probeOutcome(id: ProbeId): Promise<ProbeOutcome> {
    const probe = STOREHIPPO_PROBES.find((p) => p.id === id);
    if (probe === undefined) return 'failed';
    try {
      const response = await send({ method: 'GET', path: path(probe.entity), query: probe.query }, 'probe', { accept: [401, 403] });
      return classifyProbeStatus(response.status);
    } catch {
      return 'failed';
    }
  }

  return {
    async listProducts(query: ProductListQuery, cursor, call) {
      const { page, count } = decodeCursor(cursor, query.count ?? STOREHIPPO_DEFAULT_COUNT);
      const params = buildProductListQuery({ ...query, page, count }, { publishedOnly: options.publishedOnly === true });
      const response = await send({ method: 'GET', path: path('ms.products'), query: params }, 'listProducts', call?.signal ? { signal: call.signal } : {});
      const { products, paging } = mapProductList(response.json, { page, count }, map);
      return paging.totalKnown ? { products, next: nextCursor(paging), total: paging.total } : { products, next: nextCursor(paging) };
    },
    getProduct: (id, call) => getProduct(id, call?.signal),
    async getMetadata() {
      // StoreHippo's entity API has no store-details call the key can always read: config names it.
      return { name: store.name, currency: store.currency, ...(store.storefrontUrl ? { canonicalUrl: store.storefrontUrl } : {}) };
    },
    async listOrders(cursor, call) {
      const { page, count } = decodeCursor(cursor, call?.count ?? STOREHIPPO_DEFAULT_COUNT);
      const response = await send({ method: 'GET', path: path('ms.orders'), query: buildOrderListQuery(page, count) }, 'listOrders', call?.signal ? { signal: call.signal } : {});
      const { orders, paging } = mapOrderList(response.json, { page, count }, map);
      return paging.totalKnown ? { orders, next: nextCursor(paging), total: paging.total } : { orders, next: nextCursor(paging) };
    },
    async listCoupons(call) {
      const coupons: Coupon[] = [];
      for (let page = 0; page < MAX_COUPON_PAGES; page++) {
        const query = buildCouponListQuery(page, STOREHIPPO_MAX_COUNT);
        const response = await send({ method: 'GET', path: path('ms.coupon_codes'), query }, 'listCoupons', call?.signal ? { signal: call.signal } : {});
        const result = mapCouponList(response.json, { page, count: STOREHIPPO_MAX_COUNT }, map);
        coupons.push(...result.coupons);
        if (!result.paging.hasMore) break;
      }
      return coupons;
    },
    async updateProduct(id, edit, lastSeenUpdated, call) {
      // 2.4: no conditional update; re-GET and compare updated_on right before the PUT.
      const current = await getProduct(id, call?.signal);
      try {
        assertUnchangedSince(lastSeenUpdated, current);
      } catch (error) {
        if (error instanceof AppError && error.code === 'API_CONFLICT') throw new ProductConflictError(current, 'updateProduct: the product changed in the store');
        throw error;
      }
      const body = buildProductEditBody(edit, store.currency);
      const response = await send({ method: 'PUT', path: path('ms.products', id), body: { json: body } }, 'updateProduct', call?.signal ? { signal: call.signal } : {});
      return mapProductResponse(response.json, map);
    },
    async probe(): Promise<Capability[]> {
      const outcomes: Record<ProbeId, ProbeOutcome> = { products: await probeOutcome('products'), orders: 'failed', coupons: 'failed' };
      if (outcomes.products === 'ok') [outcomes.orders, outcomes.coupons] = await Promise.all([probeOutcome('orders'), probeOutcome('coupons')]);
      const verdict = capabilitiesFromProbes(outcomes);
      return verdict.kind === 'connected' ? [...verdict.capabilities] : [];
    },
    hooks: { forbidden: storeHippoForbidden },
  };
}
