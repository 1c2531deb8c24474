/**
 * FlickRocket's /token (platforms.md 3.1, 3.2) as request/response pairs: the redirect `code` is
 * already a refresh token, and exchange and renewal are one call, `grant_type=refresh_token` with
 * the client id and no secret, in the form body only. Every success rotates the refresh token (the old one is dead), so
 * the caller must store `refreshToken` from the result before using the access token.
 * The requests are plain data; the caller does the fetch (and serialises it per store).
 */
import { AppError } from '../../oauth/errors.ts';
import { HttpError } from '../../oauth/http-errors.ts';
import { isScopeToken } from '../../oauth/scopes.ts';
import { DEFAULT_MAX_LIFETIME_SECONDS, readTokenResponseJson } from '../../oauth/token.ts';
import { formPostInit, type FormPostInit } from '../../oauth/form-post.ts';
import type { TokenSet } from '../../oauth/types.ts';
import { TOKEN_SYNTAX } from '../../shared/token-syntax.ts';

export interface FlickRocketTokenContext {
  tokenEndpoint: string;
  clientId: string;
}

/** A request to send with `fetch(request.url, request.init)`. */
export interface TokenHttpRequest {
  url: string;
  init: FormPostInit;
}

/** A FlickRocket token set always carries the next refresh token. */
export type FlickRocketTokenSet = TokenSet & { refreshToken: string };

function tokenPost(context: FlickRocketTokenContext, params: URLSearchParams): TokenHttpRequest {
  let url: URL;
  try {
    url = new URL(context.tokenEndpoint);
  } catch {
    throw new AppError('CONFIG_INVALID', 'tokenEndpoint is not a URL');
  }
  // The parameters go in the form body only, never the query: a refresh token (the redirect's code
  // is one) in a URL lands in server and proxy logs. Where /token reads them is [unverified]
  // (platforms.md 3.2, 7 item 12); our decision is the form, as the live server most likely does:
  // its answers are ASP.NET OWIN's (.issued, .expires, as:client_id), whose token endpoint reads
  // only the form, and FlickRocket's official plugin sends a form body with an empty query.
  return { url: url.href, init: formPostInit(params) };
}

/**
 * The exchange of the redirect's `code` and every renewal: one refresh-token grant, public client.
 * Send it at most once per refresh token: a second send is `invalid_grant` and may leave the app
 * with no live refresh token at all.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export function refreshTokenRequest(context: FlickRocketTokenContext & { refreshToken: string }): TokenHttpRequest {
  if (context.refreshToken === '') throw new AppError('TOKEN_MISSING', 'no refresh token to exchange');
  return tokenPost(context, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: context.refreshToken, client_id: context.clientId }));
}

/**
 * The pre-consent CORS probe (platforms.md 3.1): the token request's shape without a refresh token,
 * so it spends nothing. A readable answer (a 400 is expected) means the browser may read /token;
 * a fetch TypeError means it may not, and consent must not start (the code would be lost).
 */
export function corsProbeRequest(context: FlickRocketTokenContext): TokenHttpRequest {
  return tokenPost(context, new URLSearchParams({ grant_type: 'refresh_token', client_id: context.clientId }));
}

/** What a probe's outcome (the Response, or what fetch threw) says: true when the answer was readable. */
export function corsProbeAllows(outcome: Response | unknown): boolean {
  return outcome instanceof Response;
}

/**
 * A 200 body from /token -> FlickRocketTokenSet. `token_type` is compared case-insensitively;
 * `scope` is comma-separated; lifetime from `expires_in`, else `.expires` - `.issued`.
 * A success without a new refresh token is an invalid response: rotation is the contract.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function normalizeTokenResponse(wire: unknown, options: { now: number }): FlickRocketTokenSet {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response is not an object');
  }
  const record = wire as Record<string, unknown>;
  const accessToken = record['access_token'];
  if (typeof accessToken !== 'string' || !TOKEN_SYNTAX.test(accessToken)) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response has no usable access_token');
  }
  const tokenType = record['token_type'];
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    throw new AppError('OAUTH_UNSUPPORTED_TOKEN_TYPE', 'token_type is not bearer');
  }
  const refreshToken = record['refresh_token'];
  if (typeof refreshToken !== 'string' || !TOKEN_SYNTAX.test(refreshToken)) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'token response has no usable refresh_token');
  }
  const scope = record['scope'];
  if (scope !== undefined && scope !== null && typeof scope !== 'string') throw new AppError('OAUTH_INVALID_RESPONSE', 'scope is not a string');
  const scopes = [...new Set((scope ?? '').split(/[,\s]+/).filter((s) => s !== ''))];
  if (!scopes.every(isScopeToken)) throw new AppError('OAUTH_INVALID_RESPONSE', 'scope has invalid characters');
  return { accessToken, tokenType: 'bearer', refreshToken, scopes, expiresAt: expiresAt(record, options.now), obtainedAt: options.now };
}

function expiresAt(record: Record<string, unknown>, now: number): number | null {
  const lifetime = record['expires_in'];
  let seconds = typeof lifetime === 'number' ? lifetime : typeof lifetime === 'string' && /^\d+$/.test(lifetime.trim()) ? Number(lifetime) : NaN;
  if (!Number.isFinite(seconds)) {
    const issued = typeof record['.issued'] === 'string' ? Date.parse(record['.issued']) : NaN;
    const expires = typeof record['.expires'] === 'string' ? Date.parse(record['.expires']) : NaN;
    seconds = (expires - issued) / 1000;
  }
  // Said but unreadable: a day at most, as a lifetime longer than a day is cut to one (security case
  // 12; FlickRocket's are 1799 s). Not said at all: unknown, the token is used until refused.
  const said = (lifetime !== undefined && lifetime !== null) || record['.expires'] !== undefined;
  if (!Number.isFinite(seconds) || seconds < 0) return said ? now + DEFAULT_MAX_LIFETIME_SECONDS * 1000 : null;
  return now + Math.min(Math.floor(seconds), DEFAULT_MAX_LIFETIME_SECONDS) * 1000;
}

/**
 * Validates a /token answer: 2xx JSON -> {@link normalizeTokenResponse}; anything else -> HttpError
 * OAUTH_TOKEN_REQUEST_FAILED with `body.error` (see {@link isInvalidGrant}).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export async function processTokenResponse(response: Response, options: { now: number }): Promise<FlickRocketTokenSet> {
  return normalizeTokenResponse(await readTokenResponseJson(response), options);
}

function tokenError(error: unknown): string | undefined {
  if (!(error instanceof HttpError) || error.code !== 'OAUTH_TOKEN_REQUEST_FAILED') return undefined;
  const body = error.body as { error?: unknown } | undefined;
  return typeof body?.error === 'string' ? body.error : undefined;
}

/**
 * True when /token said the refresh token is dead (used, unknown or the app's permission removed):
 * the session is over; the merchant must remove the app's permission before reconnecting.
 */
export function isInvalidGrant(error: unknown): boolean {
  return tokenError(error) === 'invalid_grant';
}

/**
 * True when a renewal can never go through again: the refresh token is dead (invalid_grant), or this
 * app may no longer use it (invalid_client, unauthorized_client), as auth/renewal-errors.ts rules for
 * Goodsie. Anything else (a 5xx, a 429) passes: the refresh token is kept for a later try.
 */
export function endsRenewal(error: unknown): boolean {
  const code = tokenError(error);
  return code === 'invalid_grant' || code === 'invalid_client' || code === 'unauthorized_client';
}
