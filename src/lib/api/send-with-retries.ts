/**
 * The one retry loop of both store API clients (Goodsie's numbered client, client.ts, and the seam's
 * transport, transport.ts): renew once after a 401, then send again; wait out up to
 * MAX_RATE_LIMIT_RETRIES 429s as the store asks, telling onRateLimited before each wait; stop when
 * the signal aborts. How a request is sent and signed, how long a 429 asks to wait and what any
 * other answer means are each client's own, passed in.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */
import type { ApiOperation } from '../connect/operations.ts';
import { HttpError } from '../oauth/http-errors.ts';
import { parseRetryAfter } from './http-headers.ts';

/** Retries after 429 before giving up with API_RATE_LIMITED. */
export const MAX_RATE_LIMIT_RETRIES = 3;

export interface RateLimitInfo {
  retryInSeconds: number;
  /** 1 for the first retry, up to MAX_RATE_LIMIT_RETRIES. */
  attempt: number;
}

/** A timer-based wait that an AbortSignal cuts short (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryLoop<T> {
  /** Named in the errors. */
  operation: ApiOperation;
  /** Checked before each request and passed to each wait. */
  signal: AbortSignal | undefined;
  /** Sends the request once: the answer, and the credential it was signed with. */
  send: () => Promise<{ response: Response; credential: string }>;
  /** After a 401, given the credential the store refused: renew, or reject. Called at most once. */
  renew: (refused: string) => Promise<void>;
  /** What a renewal renews, named in the error of a 401 after it ("HTTP 401 after renewing the token"). */
  renewed?: string;
  /** The seconds a 429 asks to wait. Default: its Retry-After header, the body left unread. */
  rateLimitWait?: (response: Response) => Promise<number>;
  /** Any other answer: its result, or the error it means. */
  settle: (response: Response, credential: string) => Promise<T>;
  /** Told before each wait after a 429, so the UI can say "retrying in N s". */
  onRateLimited?: ((info: RateLimitInfo) => void) | undefined;
  /** Waits `ms`; rejects with the signal's reason when aborted. Defaults to abortableSleep. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

async function retryAfterHeader(response: Response): Promise<number> {
  await discardBody(response);
  return parseRetryAfter(response.headers.get('Retry-After'));
}

/** Bounded: at most 1 + 1 (renewal) + MAX_RATE_LIMIT_RETRIES requests. */
export async function sendWithRetries<T>(loop: RetryLoop<T>): Promise<T> {
  const { operation, signal } = loop;
  const sleep = loop.sleep ?? abortableSleep;
  const rateLimitWait = loop.rateLimitWait ?? retryAfterHeader;
  let renewed = false;
  let rateLimitRetries = 0;
  for (;;) {
    signal?.throwIfAborted();
    const { response, credential } = await loop.send();
    if (response.status === 401) {
      await discardBody(response);
      if (renewed) throw new HttpError('API_UNAUTHORIZED', 401, { message: `${operation}: HTTP 401 after renewing${loop.renewed ? ` ${loop.renewed}` : ''}` });
      renewed = true;
      await loop.renew(credential);
      continue;
    }
    if (response.status === 429) {
      const retryInSeconds = await rateLimitWait(response);
      if (rateLimitRetries >= MAX_RATE_LIMIT_RETRIES) {
        throw new HttpError('API_RATE_LIMITED', 429, { retryAfter: retryInSeconds, message: `${operation}: HTTP 429 ${rateLimitRetries + 1} times` });
      }
      rateLimitRetries++;
      loop.onRateLimited?.({ retryInSeconds, attempt: rateLimitRetries });
      await sleep(retryInSeconds * 1000, signal);
      continue;
    }
    return loop.settle(response, credential);
  }
}
