/**
 * Goodsie: OAuth 2.0 with scopes storefront / cart / admin, the implicit flow (response_type=token)
 * and code + PKCE, and a JSON API under /api/v1 with 0-based paging.
 * The contract is /work/shared/goodsie-api.yaml. Here: the requests, their bodies in its snake_case
 * spelling, and the adapter that joins them to the mappers that read its answers (goodsie-map.ts).
 */
import type { NewProduct, ProductEdit } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';
import { goodsieProfile } from './goodsie-profile.ts';
import { mapCart, mapConflict, mapCoupons, mapMetadata, mapOrderPage, mapPages, mapProductAt, mapProductPage, mapRefusal } from './goodsie-map.ts';
import type { GoodsieRequest, LoadedProvider, PageRequest, ProductListRequest, ProviderAdapter } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Wire shapes of the request bodies we send (goodsie-api.yaml components/schemas).

/** PATCH /api/v1/products/{id}: the editable fields plus the `updated` value the client last saw. */
export interface GoodsieProductPatchWire {
  name?: string;
  cost_raw?: number;
  published?: boolean;
  inventory?: number;
  description?: string;
  updated: string;
}

/** POST /api/v1/products. */
export interface GoodsieNewProductWire {
  name: string;
  cost_raw: number;
  description?: string;
  description_short?: string;
  published?: boolean;
  inventory?: number;
  categories?: string[];
  tags?: string[];
}

/** POST /api/v1/cart/items. */
export interface GoodsieCartItemWire {
  product_id: string;
  quantity: number;
}

const API_PREFIX = '/api/v1';

// ---------------------------------------------------------------------------------------------
// Requests

/** One path segment; '.' and '..' would be collapsed by URL parsing into another endpoint. */
function pathSegment(value: string, what: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new AppError('API_BAD_REQUEST', `${what} is not a usable identifier`);
  }
  return encodeURIComponent(value);
}

function listProductsRequest(query: ProductListRequest): GoodsieRequest {
  const params: Record<string, string> = { page: String(query.page), count: String(query.count) };
  if (query.q !== undefined && query.q.trim() !== '') params.q = query.q.trim();
  if (query.category !== undefined && query.category !== '') params.category = query.category;
  if (query.sort !== undefined) params.sort = query.sort;
  return { method: 'GET', path: `${API_PREFIX}/products`, query: params };
}

function listOrdersRequest(paging: PageRequest): GoodsieRequest {
  return { method: 'GET', path: `${API_PREFIX}/orders`, query: { page: String(paging.page), count: String(paging.count) } };
}

function updateProductRequest(id: string, edit: ProductEdit, lastSeenUpdated: string): GoodsieRequest {
  const body: GoodsieProductPatchWire = { updated: lastSeenUpdated };
  if (edit.name !== undefined) body.name = edit.name;
  if (edit.price !== undefined) body.cost_raw = edit.price;
  if (edit.published !== undefined) body.published = edit.published;
  if (edit.inventory !== undefined) body.inventory = edit.inventory;
  if (edit.description !== undefined) body.description = edit.description;
  return { method: 'PATCH', path: `${API_PREFIX}/products/${pathSegment(id, 'product id')}`, body };
}

function createProductRequest(product: NewProduct): GoodsieRequest {
  const body: GoodsieNewProductWire = { name: product.name, cost_raw: product.price };
  if (product.descriptionHtml !== undefined) body.description = product.descriptionHtml;
  if (product.descriptionShort !== undefined) body.description_short = product.descriptionShort;
  if (product.published !== undefined) body.published = product.published;
  if (product.inventory !== undefined) body.inventory = product.inventory;
  if (product.categories !== undefined) body.categories = [...product.categories];
  if (product.tags !== undefined) body.tags = [...product.tags];
  return { method: 'POST', path: `${API_PREFIX}/products`, body };
}

function addToCartRequest(productId: string, quantity: number): GoodsieRequest {
  const body: GoodsieCartItemWire = { product_id: productId, quantity };
  return { method: 'POST', path: `${API_PREFIX}/cart/items`, body };
}

const adapter: ProviderAdapter = {
  listProductsRequest,
  getProductRequest: (id) => ({ method: 'GET', path: `${API_PREFIX}/products/${pathSegment(id, 'product id')}` }),
  getMetadataRequest: () => ({ method: 'GET', path: `${API_PREFIX}/metadata` }),
  listPagesRequest: () => ({ method: 'GET', path: `${API_PREFIX}/pages` }),
  getCartRequest: () => ({ method: 'GET', path: `${API_PREFIX}/cart` }),
  addToCartRequest,
  listOrdersRequest,
  listCouponsRequest: () => ({ method: 'GET', path: `${API_PREFIX}/coupons` }),
  updateProductRequest,
  createProductRequest,

  mapProduct: (json) => mapProductAt(json, '$'),
  mapProductPage,
  mapMetadata,
  mapPages,
  mapCart,
  mapOrderPage,
  mapCoupons,
  mapConflict,
  mapRefusal,
};

/** Goodsie with its adapter: what the store API client speaks. */
export const goodsie: LoadedProvider = Object.freeze({ ...goodsieProfile, adapter });
