/**
 * The RFC 7636 S256 computation, as an oracle: the app's code flow gets its verifier and challenge
 * from oidc-client-ts, and the tests check the library's pair against this (itself checked against
 * the RFC's Appendix B vector).
 */
import { base64UrlEncode } from '../../src/lib/oauth/encoding.ts';

/** unreserved characters, 43..128 of them. */
const VERIFIER_SYNTAX = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * The S256 code challenge: BASE64URL(SHA256(ASCII(code_verifier))).
 * Throws a RangeError (without echoing the verifier) when the verifier breaks the RFC 7636 syntax.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 */
export async function computeCodeChallenge(verifier: string): Promise<string> {
  if (!VERIFIER_SYNTAX.test(verifier)) {
    throw new RangeError('code verifier must be 43-128 unreserved characters');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}
