import { base64UrlEncode, randomBytes } from './encoding.ts';

/** Longest state value we accept back on a redirect; ours are 43 characters. */
export const MAX_STATE_LENGTH = 512;

/**
 * An unguessable, single-use `state` value: 256 bits from crypto.getRandomValues, base64url.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
 */
export function generateState(): string {
  return base64UrlEncode(randomBytes(32));
}

/**
 * How long a sign-in may take, from leaving for the store to the callback: after this its state is
 * void (OAUTH_STATE_EXPIRED). The one definition; every store of sign-ins in flight reads it.
 */
export const SIGN_IN_LIFETIME_MS = 10 * 60 * 1000;

/** The lifetime in words, for error messages. */
export const SIGN_IN_LIFETIME_WORDS = `${SIGN_IN_LIFETIME_MS / 60_000} minutes`;
