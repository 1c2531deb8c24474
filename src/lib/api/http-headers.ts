/** Reading the two response headers the store API client acts on. Pure functions. */

const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/**
 * The auth-params of the `Bearer` challenge in a WWW-Authenticate header (names lower-cased,
 * quoted-string values unescaped), or undefined when there is no Bearer challenge.
 * Cross-origin the browser hides this header unless the API exposes it, hence the fallbacks.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1
 */
export function parseBearerChallenge(header: string | null | undefined): Record<string, string> | undefined {
  if (!header) return undefined;
  let position = 0;
  let inBearer = false;
  let found: Record<string, string> | undefined;

  const readToken = (): string => {
    const start = position;
    while (position < header.length && TCHAR.test(header[position]!)) position++;
    return header.slice(start, position);
  };
  const skip = (chars: RegExp): void => {
    while (position < header.length && chars.test(header[position]!)) position++;
  };

  while (position < header.length) {
    skip(/[\s,]/);
    const token = readToken();
    if (token === '') {
      position++; // a character that starts nothing we understand: step over it
      continue;
    }
    skip(/[ \t]/);
    if (header[position] === '=') {
      position++;
      skip(/[ \t]/);
      let value = '';
      if (header[position] === '"') {
        position++;
        while (position < header.length && header[position] !== '"') {
          if (header[position] === '\\' && position + 1 < header.length) position++;
          value += header[position];
          position++;
        }
        position++; // closing quote
      } else {
        value = readToken();
        while (header[position] === '=') position++; // token68 padding
      }
      if (inBearer && found) found[token.toLowerCase()] = value;
    } else {
      inBearer = token.toLowerCase() === 'bearer';
      if (inBearer) found ??= {};
    }
  }
  return found;
}

export const RETRY_AFTER_DEFAULT_SECONDS = 2;
export const RETRY_AFTER_MAX_SECONDS = 60;

/**
 * Seconds to wait from a Retry-After header (delta-seconds or an HTTP-date), capped at 60;
 * 2 when the header is absent or unreadable.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number {
  if (header === null || header === undefined) return RETRY_AFTER_DEFAULT_SECONDS;
  const text = header.trim();
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date) || !/[A-Za-z]/.test(text)) return RETRY_AFTER_DEFAULT_SECONDS;
    seconds = Math.ceil((date - now) / 1000);
  }
  return Math.min(RETRY_AFTER_MAX_SECONDS, Math.max(0, seconds));
}
