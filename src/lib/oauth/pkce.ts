import { base64UrlEncode, randomBytes } from './encoding.ts';

/** unreserved characters, 43..128 of them. */
const VERIFIER_SYNTAX = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A high-entropy code verifier: 32 random octets, base64url-encoded (43 characters).
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
 */
export function generateCodeVerifier(): string {
  return base64UrlEncode(randomBytes(32));
}

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
