/**
 * Turns untrusted text (merchant data, server JSON) into a URL the app may put in an `href` or
 * `src`, or into nothing. Plain TypeScript with no DOM, so a small widget can use it too.
 *
 * Only `https:` survives, and plain `http:` to a loopback host (isTrustworthy, shared/loopback.ts:
 * the demo and test stores run on http://127.0.0.1), decided on the parsed URL (the WHATWG parser
 * is what a browser will use when it follows the link), never on the raw text. That rejects
 * `javascript:`, `data:`, `vbscript:`, `blob:`, `file:`, `http://shop.example` and every spelling
 * of them (case, `http:\\host`, `0x7f.1`, entities already decoded by the HTML parser, embedded
 * tabs or newlines the URL parser would strip).
 *
 * @see https://url.spec.whatwg.org/#concept-basic-url-parser
 * @see https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html
 */
import { isTrustworthy } from '../shared/loopback.ts';

/** A URL's `protocol`, the scheme with its colon, as the parser writes it (lower case). */
const ALLOWED_PROTOCOL = /^https?:$/;

/**
 * C0 controls, DEL and C1 controls (never part of a real URL; the URL parser strips some of them
 * silently), and the zero-width and bidi formatting characters used to disguise a URL's real text.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/;

/** `//host`, `\\host`, `/\host`, `\/host`: resolved against a base they silently change the host. */
const PROTOCOL_RELATIVE = /^[\\/]{2}/;

/** Beyond this a "URL" is a payload, not a link. */
const MAX_LENGTH = 8192;

/**
 * The absolute `http:`/`https:` URL that `value` denotes, parsed, whatever its host, or `undefined`.
 *
 * - `value` must be a string; surrounding ASCII whitespace is ignored, any control character,
 *   tab, newline or invisible formatting character inside it rejects it.
 * - Relative references are resolved against `base` when given (no base: they are rejected).
 *   Protocol-relative references (`//evil.example`) are always rejected.
 * - URLs carrying credentials (`https://shop.example@evil.example/`) are rejected.
 */
export function parseHttpUrl(value: unknown, base?: string): URL | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  if (text === '' || text.length > MAX_LENGTH) return undefined;
  if (CONTROL_OR_INVISIBLE.test(text)) return undefined;
  if (PROTOCOL_RELATIVE.test(text)) return undefined;

  let url: URL;
  try {
    // (an undefined base is no base: WebIDL treats an optional argument given as undefined as missing)
    url = new URL(text, base);
  } catch {
    return undefined;
  }
  // An http(s) URL always has a host: the parser fails on `http:` or `https://` without one.
  if (!ALLOWED_PROTOCOL.test(url.protocol)) return undefined;
  if (url.username || url.password) return undefined;
  return url;
}

/**
 * The normalised URL a link or picture may use (parseHttpUrl's, `https:` or loopback `http:`),
 * or `undefined`: a store-supplied `http://shop.example/` is no link and no picture.
 */
export function toHttpUrl(value: unknown, base?: string): string | undefined {
  const url = parseHttpUrl(value, base);
  return url && isTrustworthy(url) ? url.href : undefined;
}
