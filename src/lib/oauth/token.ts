/**
 * Token responses: their one conversion into the domain TokenSet, and token-endpoint error bodies.
 * (The code flow's requests go through oidc-client-ts; see src/lib/oidc.)
 */
import { AppError } from './errors.ts';
import { HttpError } from './http-errors.ts';
import { isScopeToken, parseScope, dedupeScopes } from './scopes.ts';
import type { TokenSet } from './types.ts';
import { TOKEN_SYNTAX } from '../shared/token-syntax.ts';

/** An RFC 6749 5.2 error body, as kept on HttpError.body (only these two fields, never the request). */
export interface TokenErrorBody {
  error: string;
  error_description?: string;
}

/**
 * How a platform's token responses differ from RFC 6749 5.1. Each provider profile carries one
 * (`tokenQuirks`); the normaliser reads it, so no platform's spelling is written into the core.
 */
export interface TokenQuirks {
  /** Response fields that may carry the lifetime in seconds, first match wins. */
  lifetimeFields: readonly string[];
  /** Whether an implicit-flow response may carry a refresh token (RFC 6749 4.2.2 says it must not). */
  implicitRefreshToken: boolean;
  /**
   * The longest lifetime believed, in seconds; a longer one is cut to this. Default
   * {@link DEFAULT_MAX_LIFETIME_SECONDS}: a platform that documents longer-lived tokens says so here.
   */
  maxLifetimeSeconds?: number;
}

/**
 * A day: the most a lifetime is believed unless the platform's profile says otherwise, and what a
 * lifetime that cannot be read counts as (security case 12). No lifetime at all stays unknown: the
 * token is used until the store refuses it (RFC 6749 5.1 makes `expires_in` optional).
 */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

/** The RFC's own rules: `expires_in`, and no refresh token from the implicit flow. */
export const RFC_TOKEN_QUIRKS: TokenQuirks = { lifetimeFields: ['expires_in'], implicitRefreshToken: false };

export interface NormalizeOptions {
  /** The scopes asked for: the grant when the response has no `scope` (RFC 6749 5.1), and its ceiling. */
  requestedScopes: readonly string[];
  /** Epoch ms the response was received (the lifetime counts from here, never from a server's clock). */
  now: number;
  /** The platform's quirks (its profile's tokenQuirks); the RFC's rules when absent. */
  quirks?: TokenQuirks;
}

const NUMERIC = /^\s*\d+(\.\d+)?\s*$/;

/**
 * Converts a token response (from the token endpoint or the implicit fragment) into a TokenSet.
 * - token_type is compared case-insensitively and must be bearer (OAUTH_UNSUPPORTED_TOKEN_TYPE).
 * - lifetime from the first of the quirks' `lifetimeFields` that holds a number or numeric string
 *   (`expires_in` by default), counted from `now` (the time of receipt); a missing or garbage one
 *   (negative, non-numeric) gives expiresAt null ("unknown", not expired); one above the quirks'
 *   `maxLifetimeSeconds` (a day by default) is cut to it.
 * - granted scopes are the returned `scope` less anything never asked for (granted ∩ requested: a
 *   scope the app did not ask for unlocks nothing; those are kept apart in `unrequestedScopes`), or
 *   the requested ones when it is absent or empty.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-7.1
 */
export function normalizeTokenResponse(wire: unknown, options: NormalizeOptions): TokenSet {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response is not an object');
  }
  const record = wire as Record<string, unknown>;
  const accessToken = record['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response has no access_token');
  }
  if (!TOKEN_SYNTAX.test(accessToken)) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'access_token is malformed');
  }
  const tokenType = record['token_type'];
  if (typeof tokenType !== 'string' || tokenType === '') {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response has no token_type');
  }
  if (tokenType.toLowerCase() !== 'bearer') {
    throw new AppError('OAUTH_UNSUPPORTED_TOKEN_TYPE', 'token_type is not bearer');
  }

  const { lifetimeFields, maxLifetimeSeconds = DEFAULT_MAX_LIFETIME_SECONDS } = options.quirks ?? RFC_TOKEN_QUIRKS;
  const read = lifetimeFields.reduce<number | null>((found, field) => found ?? lifetimeSeconds(record[field]), null);
  // A lifetime given but unreadable (negative, text): a day at most, not a token believed for ever.
  const garbled = read === null && lifetimeFields.some((field) => record[field] !== undefined && record[field] !== null);
  const seconds = garbled ? Math.min(DEFAULT_MAX_LIFETIME_SECONDS, maxLifetimeSeconds) : read;
  const granted = grantedScopes(record['scope'], options.requestedScopes);
  const asked = new Set(options.requestedScopes);
  const unrequested = granted.filter((scope) => !asked.has(scope));
  const tokens: TokenSet = {
    accessToken,
    tokenType: 'bearer',
    scopes: granted.filter((scope) => asked.has(scope)),
    expiresAt: seconds === null ? null : options.now + Math.min(seconds, maxLifetimeSeconds) * 1000,
    obtainedAt: options.now,
  };
  if (unrequested.length > 0) tokens.unrequestedScopes = unrequested;
  const refreshToken = record['refresh_token'];
  if (refreshToken !== undefined && refreshToken !== null) {
    if (typeof refreshToken !== 'string' || !TOKEN_SYNTAX.test(refreshToken)) {
      throw new AppError('OAUTH_INVALID_RESPONSE', 'refresh_token is malformed');
    }
    tokens.refreshToken = refreshToken;
  }
  return tokens;
}

function grantedScopes(scope: unknown, requested: readonly string[]): string[] {
  if (scope === undefined || scope === null || scope === '') return dedupeScopes(requested);
  if (typeof scope !== 'string') throw new AppError('OAUTH_INVALID_RESPONSE', 'scope is not a string');
  const scopes = parseScope(scope);
  if (!scopes.every(isScopeToken)) throw new AppError('OAUTH_INVALID_RESPONSE', 'scope has invalid characters');
  return scopes;
}

/** Whole seconds from a number or numeric string; null for anything else (negative, NaN, text). */
function lifetimeSeconds(lifetime: unknown): number | null {
  let seconds: number;
  if (typeof lifetime === 'number') seconds = lifetime;
  else if (typeof lifetime === 'string' && NUMERIC.test(lifetime)) seconds = Number(lifetime);
  else return null;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.floor(seconds) : null;
}

/**
 * Turns a non-2xx token endpoint answer into an HttpError with code OAUTH_TOKEN_REQUEST_FAILED.
 * Only `error` and `error_description` of an RFC 6749 5.2 body are kept.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export async function parseTokenErrorResponse(response: Response): Promise<HttpError> {
  let body: TokenErrorBody | undefined;
  try {
    const json: unknown = await response.json();
    if (typeof json === 'object' && json !== null && typeof (json as Record<string, unknown>)['error'] === 'string') {
      const record = json as Record<string, unknown>;
      body = { error: sanitizeErrorText(String(record['error']), 64) };
      const description = record['error_description'];
      if (typeof description === 'string') body.error_description = sanitizeErrorText(description, 500);
    }
  } catch {
    body = undefined;
  }
  return new HttpError('OAUTH_TOKEN_REQUEST_FAILED', response.status, {
    ...(body ? { body } : {}),
    message: body ? `token endpoint answered ${body.error}` : `token endpoint answered HTTP ${response.status}`,
  });
}

/**
 * Keeps only the RFC 6749 error-text characters (%x20-21 / %x23-5B / %x5D-7E) and caps the length,
 * so that a hostile server cannot stuff markup or megabytes into our error messages.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export function sanitizeErrorText(value: string, maxLength: number): string {
  return value.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '').slice(0, maxLength);
}

/**
 * The JSON of a successful token endpoint answer; a non-2xx becomes OAUTH_TOKEN_REQUEST_FAILED
 * ({@link parseTokenErrorResponse}), a 2xx that is not JSON OAUTH_INVALID_RESPONSE.
 */
export async function readTokenResponseJson(response: Response): Promise<unknown> {
  if (!response.ok) throw await parseTokenErrorResponse(response);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response is not JSON');
  }
}
