/** Small encoding helpers shared by the protocol core. */

/**
 * Base64url without padding.
 * @see https://www.rfc-editor.org/rfc/rfc7636#appendix-A
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `count` bytes from the platform CSPRNG. */
export function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  crypto.getRandomValues(bytes);
  return bytes;
}
