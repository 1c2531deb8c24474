/**
 * Which renewal failures end a session. Only an answer that says the grant itself is dead does:
 * `invalid_grant` (the refresh token was rotated, revoked or reused), and `invalid_client` /
 * `unauthorized_client` (this app may no longer use it). Everything else is passing: a 429, a 408,
 * any 5xx, a timeout, no network, an answer that is not a token response. Then the refresh token
 * is kept and the renewal is tried again later (security case 22; angular-auth-oidc-client#2103).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import { AppError, isAppError } from '../oauth/errors.ts';
import { HttpError } from '../oauth/http-errors.ts';

const SESSION_ENDING_ERRORS: ReadonlySet<string> = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** True when the token endpoint's answer means the refresh token can never be used again. */
export function endsSession(error: unknown): boolean {
  if (isAppError(error) && error.code === 'TOKEN_EXPIRED') return true;
  if (!(error instanceof HttpError) || error.code !== 'OAUTH_TOKEN_REQUEST_FAILED') return false;
  if (error.status !== 400 && error.status !== 401) return false;
  const body = error.body as { error?: unknown } | undefined;
  return typeof body?.error === 'string' && SESSION_ENDING_ERRORS.has(body.error);
}

/** The passing failure as TOKEN_RENEWAL_UNAVAILABLE for `storeId`; the original (scrubbed) error is its cause. */
export function renewalUnavailable(error: unknown, storeId: string): AppError {
  return new AppError('TOKEN_RENEWAL_UNAVAILABLE', 'the store could not renew the access token just now', { storeId, cause: error });
}
