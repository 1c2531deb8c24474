/**
 * The errors of an answer: a redirect's error parameters and an HTTP status, with the AppError code
 * each maps to. Apart from errors.ts, which the first screen loads: only the code that makes requests
 * (the sign-in flows, the API client, the connectors, the widget) needs these.
 */
import { AppError, type AppErrorCode } from './errors.ts';

/** The error parameters an authorization server sent back on the redirect (RFC 6749 4.1.2.1, 4.2.2.1). */
export class OAuthRedirectError extends AppError {
  readonly error: string;
  readonly errorDescription: string | undefined;

  constructor(error: string, errorDescription?: string) {
    super(error === 'access_denied' ? 'OAUTH_ACCESS_DENIED' : 'OAUTH_REDIRECT_ERROR', `authorization server answered ${error}`);
    this.name = 'OAuthRedirectError';
    this.error = error;
    this.errorDescription = errorDescription;
  }
}

/** A store API or token endpoint answered with an HTTP error. */
export class HttpError extends AppError {
  readonly status: number;
  /** Seconds from Retry-After, when the server sent one. */
  readonly retryAfter: number | undefined;
  /** The scope a 403 said is needed, when known. */
  readonly requiredScope: string | undefined;
  /** The parsed JSON body, when it had one (e.g. a 409's current product). Never holds a token. */
  readonly body: unknown;
  /** A 403's words from the platform (Shopware's missing privileges), for the locked screen. */
  readonly platformWords: string | undefined;
  /** What to change at the store to lift a 403 where there are no scopes to ask for. */
  readonly change: string | undefined;

  constructor(
    code: AppErrorCode,
    status: number,
    extra: { retryAfter?: number; requiredScope?: string; body?: unknown; message?: string; platformWords?: string; change?: string } = {},
  ) {
    super(code, extra.message ?? `HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.retryAfter = extra.retryAfter;
    this.requiredScope = extra.requiredScope;
    this.body = extra.body;
    this.platformWords = extra.platformWords;
    this.change = extra.change;
  }
}

/** The error code an HTTP failure status of a store API stands for. */
export function codeForStatus(status: number): AppErrorCode {
  if (status === 401) return 'API_UNAUTHORIZED';
  if (status === 403) return 'API_INSUFFICIENT_SCOPE';
  if (status === 404) return 'API_NOT_FOUND';
  if (status === 429) return 'API_RATE_LIMITED';
  if (status >= 500) return 'API_SERVER_ERROR';
  return 'API_BAD_REQUEST';
}

/** The store's access has ended (refused, expired, or no usable sign-in): Reconnect or a new key is the way on. */
export function isAuthEnded(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'API_UNAUTHORIZED' || error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_MISSING');
}
