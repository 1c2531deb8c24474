/**
 * The one error family of the app. Components choose their words by `code`; no message, log line
 * or `cause` ever holds a token, code, verifier or state value.
 */
export type AppErrorCode =
  // configuration
  | 'CONFIG_MISSING'
  | 'CONFIG_INVALID'
  | 'CONFIG_REDIRECT_ELSEWHERE'
  // the app's own code (a lazily loaded part that did not download)
  | 'APP_UNAVAILABLE'
  // redirect / authorization
  | 'OAUTH_STATE_MISSING'
  | 'OAUTH_STATE_MISMATCH'
  | 'OAUTH_STATE_EXPIRED'
  | 'OAUTH_STATE_REUSED'
  /** A sign-in started here came back for a store config.json no longer names (taken out meanwhile). */
  | 'OAUTH_STORE_UNLISTED'
  | 'OAUTH_ACCESS_DENIED'
  /** A callback without `state` in another tab than the one its sign-in began in (FlickRocket). */
  | 'OAUTH_OTHER_TAB'
  | 'OAUTH_REDIRECT_ERROR'
  | 'OAUTH_INVALID_RESPONSE'
  | 'OAUTH_UNSUPPORTED_TOKEN_TYPE'
  | 'OAUTH_TOKEN_REQUEST_FAILED'
  | 'OAUTH_NETWORK_ERROR'
  // a sign-in not started: the browser says it is offline, so the store's page could not open
  | 'OAUTH_OFFLINE'
  // the response came from another server or to another address than its sign-in (RFC 9700 4.4, RFC 9207)
  | 'OAUTH_MIX_UP'
  // tokens
  | 'TOKEN_EXPIRED'
  | 'TOKEN_MISSING'
  // a renewal failed for a passing reason (429, 5xx, timeout, offline): the refresh token is kept
  | 'TOKEN_RENEWAL_UNAVAILABLE'
  // store API
  | 'API_UNAUTHORIZED'
  | 'API_INSUFFICIENT_SCOPE'
  | 'API_NOT_FOUND'
  | 'API_CONFLICT'
  | 'API_RATE_LIMITED'
  | 'API_BAD_REQUEST'
  | 'API_SERVER_ERROR'
  | 'API_INVALID_RESPONSE'
  | 'API_NETWORK_ERROR'
  /** A store API request that got no answer within its time limit (api/time-limit.ts): the store was reached, and may have done a write. */
  | 'API_TIMEOUT'
  // an operation the store's platform does not have (no cart on Shopware)
  | 'API_NOT_SUPPORTED'
  // a fetch rejected: unreachable or blocked by CORS (platforms.md 1.3)
  | 'NETWORK_OR_CORS'
  // pasted credentials (platforms.md x.1): malformed paste, refused by the store, wrong kind
  | 'CREDENTIALS_INVALID'
  | 'CREDENTIALS_REJECTED'
  | 'CREDENTIALS_WRONG_SCOPE'
  // storage
  | 'STORAGE_UNAVAILABLE'
  /** Storage refused a write for want of space (the device's disk, the site's quota): not "private mode"; the person can free some. */
  | 'STORAGE_FULL'
  /** A sign-in not started: the store's refresh token must outlive the tab, and this browser keeps nothing (FlickRocket). */
  | 'STORAGE_NOT_PERSISTENT'
  | 'STORAGE_CORRUPT';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Never a secret: only another error (already scrubbed) or a plain description. */
  override readonly cause?: unknown;
  /** The store the failure concerns, when known (e.g. "you declined access to <store>"). */
  storeId?: string;
  /**
   * The app's page a sign-in that failed after its state checked out was to return to (where more
   * access was asked for): a connected store's person goes back there (finish-sign-in.ts).
   */
  declare returnTo?: string;
  /**
   * The credentials form's field at fault, when a connector's own check knows which (a Shopware
   * access key ID that is not one): that field alone is marked and takes the focus (CredentialsForm).
   */
  declare formField?: string;

  constructor(code: AppErrorCode, message?: string, options?: { cause?: unknown; storeId?: string }) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    if (options && 'cause' in options) this.cause = options.cause;
    if (options?.storeId !== undefined) this.storeId = options.storeId;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * Whether `error` says that a part of the app's own code did not download (offline, or the site
 * replaced since this page loaded), for the words and the Try again of PartUnavailable: an
 * APP_UNAVAILABLE, or what a failed import() rejects with in each engine (Chromium "Failed to fetch
 * dynamically imported module", Firefox "error loading dynamically imported module", Safari
 * "Importing a module script failed") or Vite's preload of a chunk's CSS ("Unable to preload CSS").
 * Not a fetch() of the store's data that failed ("Failed to fetch"): that one is the store's, said as such.
 */
export function isCodeUnavailable(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'APP_UNAVAILABLE';
  return error instanceof Error && /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(error.message);
}
