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
