/**
 * The local Foxy store's fixed, documented demo credentials: what its "Integrations › Get Token"
 * page shows a person trying the demo. They only work against this local server; they are never
 * in config.json (platforms.md 1.1) and grant nothing anywhere else.
 */

export interface FoxyBundle {
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

/** A store-scoped bundle (`store_full_access`), as Foxy's Get Token button issues. */
export const DEMO_BUNDLE: Readonly<FoxyBundle> = {
  client_id: 'client_StorefrontConnectDemo',
  client_secret: 'demo-secret-1f0c6d2e8a4b4e6f9d3c',
  refresh_token: 'demo-refresh-7c1e3b9f2a5d4c8e0b6a',
};

/** Same client, a user-scoped refresh token: its API home has `fx:stores`, not `fx:store`. */
export const USER_BUNDLE: Readonly<FoxyBundle> = {
  client_id: DEMO_BUNDLE.client_id,
  client_secret: DEMO_BUNDLE.client_secret,
  refresh_token: 'demo-user-refresh-4d2a9e7b1c3f5a6e',
};

export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['http://127.0.0.1:5173', 'http://localhost:5173'];
export const DEFAULT_ACCESS_LIFETIME_SECONDS = 7200;
export const DEFAULT_PORT = 4020;
