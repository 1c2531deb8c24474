/**
 * The config.json entry of one store, as a union by `kind` (platforms.md 2.5, 3.5, 4.5, 5.5).
 * Plain types (and the one predicate on a kind, runsOnSeam): load-config validates the common fields and hands the rest of the entry to the
 * kind's validator (`ProviderProfile.validateConfig`), which reads it through a ConfigReader so that
 * platform code never imports the config layer. No entry ever holds a secret (platforms.md 1.1).
 */

/** What every entry has, whatever its platform. */
export interface StoreConfigBase {
  /** Stable id, [a-z0-9-]+; used in routes and as the vault key. */
  id: string;
  kind: StoreKind;
  name: string;
  /** The API server's address, which the platform's paths are appended to. */
  apiBase: string;
}

/** Goodsie: OAuth redirect, implicit (`token`) or code + PKCE (`code`). */
export interface GoodsieStoreConfig extends StoreConfigBase {
  kind: 'goodsie';
  authorizationEndpoint: string;
  /** Required when flow is 'code'. */
  tokenEndpoint?: string;
  clientId: string;
  redirectUri: string;
  defaultScopes: string[];
  flow: 'token' | 'code';
  /**
   * The authorization server's issuer identifier: an `iss` on the callback must equal it exactly
   * (RFC 9207 2.4). Required when another redirect-based store shares `redirectUri`.
   */
  issuer?: string;
  /**
   * The server always sends `iss` on its authorization responses (RFC 9207 3,
   * `authorization_response_iss_parameter_supported`): a callback without one is refused. Needs `issuer`.
   */
  authorizationResponseIssParameterSupported?: boolean;
  /** RFC 7009 token revocation; sign-out revokes the refresh and access tokens there. */
  revocationEndpoint?: string;
}

/** Shopware 6 Admin API: pasted integration key (default) and/or the admin password grant. */
export interface Shopware6StoreConfig extends StoreConfigBase {
  kind: 'shopware6';
  /** Modes offered, first preselected; default ['integration']. */
  auth: ('integration' | 'password')[];
  /** ISO 4217; default = the shop's system currency. */
  currency?: string;
  storefrontUrl?: string;
  /** `sw-language-id` value, 32 hex. */
  language?: string;
}

/** StoreHippo: pasted access key (header `access-key`) or a pasted bearer token. */
export interface StoreHippoStoreConfig extends StoreConfigBase {
  kind: 'storehippo';
  apiVersion: '1.1' | '1';
  /** Modes offered, first preselected; default ['access-key']. */
  auth: ('access-key' | 'token')[];
  currency: string;
  imageBase?: string;
  storefrontUrl?: string;
}

/** FlickRocket: OAuth redirect whose `code` is a refresh token; public client (client id only). */
export interface FlickRocketStoreConfig extends StoreConfigBase {
  kind: 'flickrocket';
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  defaultScopes: string[];
  currency?: string;
  language?: string;
}

/** Foxy hAPI: pasted "Get Token" bundle (client id, client secret, refresh token). */
export interface FoxyStoreConfig extends StoreConfigBase {
  kind: 'foxy';
  /** Default `{apiBase}/token`; must share apiBase's origin. */
  tokenEndpoint?: string;
  auth: ['token-bundle'];
}

/** One store entry of config.json, validated. */
export type StoreConfig =
  | GoodsieStoreConfig
  | Shopware6StoreConfig
  | StoreHippoStoreConfig
  | FlickRocketStoreConfig
  | FoxyStoreConfig;

export type StoreKind = 'goodsie' | 'shopware6' | 'storehippo' | 'flickrocket' | 'foxy';

/**
 * Whether stores of `kind` run on the seam (a v2 credential kept and renewed by auth/connections.ts,
 * requests sent through the platform's adapter) rather than on Goodsie's own flows (auth/auth-service.ts).
 */
export function runsOnSeam(kind: string): boolean {
  return kind !== 'goodsie';
}

/** The config type of one kind, e.g. `StoreConfigOf<'foxy'>`. */
export type StoreConfigOf<K extends StoreKind> = Extract<StoreConfig, { kind: K }>;

/**
 * What a kind's validator reads the raw entry with (implemented by load-config). Every method throws
 * a ConfigError CONFIG_INVALID naming `<path>.<key>` and a one-sentence fix: the validator's `hint`
 * as it is, the reader's own by a key that config-lint.ts says in words; values come back clean.
 */
export interface ConfigReader {
  /** JSON path of the entry, e.g. `stores[2]`. */
  readonly path: string;
  /** A non-empty string. */
  text(key: string, hint: string): string;
  optionalText(key: string, hint: string): string | undefined;
  /** An absolute https URL (http only for loopback), no credentials, no fragment; kept as written. */
  endpoint(key: string): string;
  optionalEndpoint(key: string): string | undefined;
  /** One of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[], hint: string): T;
  optionalOneOf<T extends string>(key: string, allowed: readonly T[], hint: string): T | undefined;
  /** A non-empty list of distinct values of `allowed`; `fallback` when the key is absent. */
  listOf<T extends string>(key: string, allowed: readonly T[], fallback?: readonly T[]): T[];
  /** true or false; `fallback` when the key is absent. */
  flag(key: string, fallback: boolean): boolean;
  /** An ISO 4217 code, upper case. */
  optionalCurrency(key: string): string | undefined;
  /** Throws the ConfigError for `key` (or the entry itself when key is ''). */
  fail(key: string, hint: string): never;
}
