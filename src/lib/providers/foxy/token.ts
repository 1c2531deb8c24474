/**
 * Foxy's token refresh (platforms.md 5.2) as a request/process pair: the client authenticates
 * with HTTP Basic (one method per request), the refresh token comes back unchanged and stays
 * valid, access tokens live 7200 s. A refused bundle (`invalid_grant`, `invalid_client`) is
 * CREDENTIALS_REJECTED: the session is over, the person pastes a new Get Token bundle.
 */
import { AppError } from '../../oauth/errors.ts';
import { HttpError } from '../../oauth/http-errors.ts';
import { normalizeTokenResponse, parseTokenErrorResponse, readTokenResponseJson } from '../../oauth/token.ts';
import type { TokenSet } from '../../oauth/types.ts';
import type { FoxyBundle } from './bundle.ts';
import { isSameOrigin } from './hal.ts';
import { FOXY_HEADERS } from './wire.ts';

export const STORE_SCOPE = 'store_full_access';
/** The contract's words for a fetch that rejected (platforms.md 1.3); providers do not import api/. */
export const NETWORK_OR_CORS_MESSAGE = "The store's server did not let this app read its answer (CORS) or could not be reached.";

/** `{apiBase}/token` unless configured; a configured endpoint must share apiBase's origin. */
export function foxyTokenEndpoint(apiBase: string, configured?: string): string {
  const endpoint = configured ?? new URL('/token', apiBase).href;
  if (!isSameOrigin(endpoint, apiBase)) throw new AppError('CONFIG_INVALID', 'tokenEndpoint must be on the same origin as apiBase');
  return endpoint;
}

/** RFC 6749 2.3.1: client_id and client_secret are form-encoded, then joined by ':' and base64-encoded. */
export function basicClientAuth(clientId: string, clientSecret: string): string {
  const encode = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);
  const raw = `${encode(clientId)}:${encode(clientSecret)}`;
  return `Basic ${btoa(raw)}`;
}

/**
 * POSTs `grant_type=refresh_token` with HTTP Basic client authentication and FOXY-API-VERSION: 1.
 * A rejected fetch (unreachable, CORS) becomes NETWORK_OR_CORS; nothing of the request is kept.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export async function foxyRefreshRequest(fetchFn: typeof fetch, context: { tokenEndpoint: string; bundle: FoxyBundle }): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: context.bundle.refreshToken });
  try {
    return await fetchFn(context.tokenEndpoint, {
      method: 'POST',
      headers: {
        ...FOXY_HEADERS,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basicClientAuth(context.bundle.clientId, context.bundle.clientSecret),
      },
      body,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      // never followed: a 307/308 would send the client secret and refresh token again, elsewhere
      redirect: 'error',
    });
  } catch {
    throw new AppError('NETWORK_OR_CORS', NETWORK_OR_CORS_MESSAGE);
  }
}

/**
 * Validates the refresh answer into a TokenSet. `previousRefreshToken` is kept when none comes
 * back (a different one is stored: defensive). A granted scope without `store_full_access`
 * (a user- or client-scoped token) is CREDENTIALS_WRONG_SCOPE: "paste a store token".
 * Errors: `invalid_grant` / `invalid_client` → CREDENTIALS_REJECTED (HttpError with the status and
 * the RFC 6749 5.2 body); any other failure → OAUTH_TOKEN_REQUEST_FAILED.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export async function processFoxyRefreshResponse(response: Response, options: { now: number; previousRefreshToken: string }): Promise<TokenSet> {
  if (!response.ok) {
    const error = await parseTokenErrorResponse(response);
    const body = error.body as { error?: string } | undefined;
    if (body?.error === 'invalid_grant' || body?.error === 'invalid_client') {
      throw new HttpError('CREDENTIALS_REJECTED', response.status, { body, message: `token endpoint answered ${body.error}` });
    }
    throw error;
  }
  const tokens = normalizeTokenResponse(await readTokenResponseJson(response), { requestedScopes: [STORE_SCOPE], now: options.now });
  // Foxy's refresh token never rotates: keep the pasted one when the answer leaves it out.
  tokens.refreshToken ??= options.previousRefreshToken;
  if (!tokens.scopes.includes(STORE_SCOPE)) {
    throw new AppError('CREDENTIALS_WRONG_SCOPE', 'This bundle is not for one store (no store_full_access): paste a store token (the store’s admin › Integrations › Get Token).');
  }
  return tokens;
}
