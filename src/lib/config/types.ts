/**
 * One store the app can connect to, as listed in the deployment's config.json.
 * Transitional: the seam's union by kind is `StoreConfig` in connect/store-config.ts, which this
 * becomes once load-config validates per kind (Goodsie's shape is `GoodsieStoreConfig` there).
 */
export interface StoreConfig {
  /** Stable id, [a-z0-9-]+; used in routes and as the IndexedDB key. */
  id: string;
  /** Provider profile: 'goodsie' now; 'storehippo' | 'flickrocket' | 'shopware6' | 'foxy' later. */
  kind: string;
  name: string;
  authorizationEndpoint: string;
  /** Required when flow is 'code'. */
  tokenEndpoint?: string;
  /**
   * The API server's address, which the provider's paths are appended to (the OpenAPI `servers`
   * URL): for Goodsie "https://api.shop.example" -> "https://api.shop.example/api/v1/products".
   */
  apiBase: string;
  clientId: string;
  redirectUri: string;
  defaultScopes: string[];
  flow: 'token' | 'code';
}

export interface AppConfig {
  stores: StoreConfig[];
}
