import { hasRepeatedParameter } from './callback.ts';
import { AppError } from './errors.ts';
import { OAuthRedirectError } from './http-errors.ts';
import { MAX_STATE_LENGTH } from './state.ts';
import { normalizeTokenResponse, RFC_TOKEN_QUIRKS, sanitizeErrorText, type TokenQuirks } from './token.ts';
import type { TokenSet } from './types.ts';

export interface ImplicitResponseOptions {
  /** The state we sent with this request. */
  expectedState: string;
  /** The scopes we asked for (the grant when the response carries no `scope`). */
  requestedScopes: readonly string[];
  /** Epoch ms the response was received. */
  now: number;
  /** The platform's token quirks (lifetime spelling, refresh tokens); the RFC's rules when absent. */
  quirks?: TokenQuirks;
}

/** No legitimate response parameter is this long; a URL that is, is an attack or a bug. */
const MAX_VALUE_LENGTH = 16_384;

/**
 * Validates an implicit grant response (the redirect fragment, already form-urlencoded-decoded by
 * URLSearchParams, so a '+' in `scope` is a space) and converts it into a TokenSet.
 * Order: malformed input, then state, then the error response, then the token.
 * - repeated parameter, oversized value, a `code`, or no access_token: OAUTH_INVALID_RESPONSE
 * - missing state: OAUTH_STATE_MISSING; a different state: OAUTH_STATE_MISMATCH
 * - `error`: OAuthRedirectError (access_denied gives OAUTH_ACCESS_DENIED)
 * - token_type other than bearer (any case): OAUTH_UNSUPPORTED_TOKEN_TYPE
 * - a refresh_token, unless the platform's quirks allow one: OAUTH_INVALID_RESPONSE (RFC 6749 4.2.2:
 *   the implicit grant must not issue one; a response that does is not the one we asked for)
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
 */
export function parseImplicitResponse(params: URLSearchParams, options: ImplicitResponseOptions): TokenSet {
  if (hasRepeatedParameter(params)) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'a response parameter is repeated');
  }
  for (const value of params.values()) {
    if (value.length > MAX_VALUE_LENGTH) throw new AppError('OAUTH_INVALID_RESPONSE', 'a response parameter is too long');
  }

  const state = params.get('state');
  if (state === null || state === '') throw new AppError('OAUTH_STATE_MISSING', 'the response carries no state');
  if (state.length > MAX_STATE_LENGTH || state !== options.expectedState) {
    throw new AppError('OAUTH_STATE_MISMATCH', 'the response state does not match the request');
  }

  const error = params.get('error');
  if (error !== null) {
    const code = sanitizeErrorText(error, 64);
    if (code === '' || code !== error) throw new AppError('OAUTH_INVALID_RESPONSE', 'the error parameter is malformed');
    const description = params.get('error_description');
    throw new OAuthRedirectError(code, description === null ? undefined : sanitizeErrorText(description, 500));
  }

  if (params.has('code')) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'an implicit response must not carry a code');
  }
  const quirks = options.quirks ?? RFC_TOKEN_QUIRKS;
  if (params.has('refresh_token') && !quirks.implicitRefreshToken) {
    throw new AppError('OAUTH_INVALID_RESPONSE', 'an implicit response must not carry a refresh token');
  }
  const wire: Record<string, string> = {};
  const fields = ['access_token', 'token_type', 'scope', ...quirks.lifetimeFields, ...(quirks.implicitRefreshToken ? ['refresh_token'] : [])];
  for (const key of fields) {
    const value = params.get(key);
    if (value !== null) wire[key] = value;
  }
  return normalizeTokenResponse(wire, { requestedScopes: options.requestedScopes, now: options.now, quirks });
}
