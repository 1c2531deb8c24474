/**
 * What both store API clients (Goodsie's numbered client, client.ts, and the seam's transport,
 * transport.ts) do with HTTP alike: the fetch options of every request, telling an abort from a
 * failure, reading an answer's body, and what a failure status means. Neither client's own: the
 * seam does not depend on Goodsie's client for them.
 */
import type { ApiOperation } from '../connect/operations.ts';
import { AppError, type AppErrorCode } from '../oauth/errors.ts';
import { storeWords } from '../domain/refusal.ts';
import { parseBearerChallenge } from './http-headers.ts';

/**
 * Every store API request's fetch options: the signed header is the only credential; no cookies, no
 * caching of per-credential answers, no following a redirect with it, no Referer (platforms.md 1.3).
 */
export const API_FETCH_OPTIONS = { credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer' } as const satisfies RequestInit;

export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError');
}

/**
 * What a fetch that rejected is thrown as: the caller's abort as itself; the time limit's API_TIMEOUT
 * (time-limit.ts) as it is, not as a connection lost; anything else as `lost()` (the network, CORS).
 */
export function fetchFailure(error: unknown, signal: AbortSignal | undefined, lost: () => AppError): unknown {
  if (isAbort(error, signal)) return signal?.aborted ? signal.reason : error;
  return error instanceof AppError && error.code === 'API_TIMEOUT' ? error : lost();
}

/**
 * An answer's body as JSON: `json` undefined for an empty body, and also when it is not JSON
 * (`isJson` false). A body cut off on its way is `cutOff` (the two clients name it differently);
 * an abort passes through as itself.
 */
export async function readBody(
  response: Response,
  operation: ApiOperation,
  signal: AbortSignal | undefined,
  cutOff: AppErrorCode,
): Promise<{ json: unknown; isJson: boolean }> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (isAbort(error, signal)) throw signal?.aborted ? signal.reason : error;
    throw new AppError(cutOff, `${operation}: the response was cut off`, { cause: error });
  }
  if (text.trim() === '') return { json: undefined, isJson: true };
  try {
    return { json: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { json: undefined, isJson: false };
  }
}

/**
 * Keeps only the documented ApiError fields of an error body, as plain text with any copy of the
 * token cut out (storeWords: a field still holding one in another case, split or escaped is dropped).
 */
export function errorBody(json: unknown, token: string): { error?: string; error_description?: string } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const scrub = (value: unknown): string | undefined => (typeof value === 'string' ? storeWords(value, token) || undefined : undefined);
  const body: { error?: string; error_description?: string } = {};
  const error = scrub((json as Record<string, unknown>).error);
  const description = scrub((json as Record<string, unknown>).error_description);
  if (error !== undefined) body.error = error;
  if (description !== undefined) body.error_description = description;
  return body;
}

/**
 * The scope a 403 answer names as missing: its Bearer challenge's `scope`, else its body's `scope`;
 * undefined when neither names one (the caller then falls back on the operation's own scope).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function scopeNamedBy(response: Response, json: unknown): string | undefined {
  const challengeScope = parseBearerChallenge(response.headers.get('WWW-Authenticate'))?.scope?.trim();
  if (challengeScope) return challengeScope;
  const bodyScope = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).scope : undefined;
  return typeof bodyScope === 'string' && bodyScope.trim() !== '' ? bodyScope.trim() : undefined;
}

/** The error code of a failure status (other than 401, 403, 409, 429, which are handled apart). */
export function statusCode(status: number): AppErrorCode {
  if (status === 400) return 'API_BAD_REQUEST';
  if (status === 404) return 'API_NOT_FOUND';
  if (status >= 500 && status <= 599) return 'API_SERVER_ERROR';
  if (status >= 400 && status <= 499) return 'API_BAD_REQUEST';
  return 'API_INVALID_RESPONSE'; // 1xx, 3xx (redirects are not followed), 0 (opaque redirect)
}
