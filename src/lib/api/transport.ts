/**
 * The transport every adapter sends through (`Send` of connect/request.ts): resolves the request
 * against the store's apiBase (refusing absolute URLs on any other origin before anything is sent),
 * signs it through the store's connector, renews once after a 401, waits out 429s, turns failure
 * statuses into AppError codes and a rejected fetch into NETWORK_OR_CORS (platforms.md 1.3), or
 * API_TIMEOUT where its time limit ended it (time-limit.ts).
 * The credential goes in a header and nowhere else: not in a URL, an error, a cause or a log line.
 */
import type { AdapterHooks } from '../connect/adapter.ts';
import type { ApiOperation } from '../connect/operations.ts';
import type { ApiRequest, ApiResponse, Send, SendOptions } from '../connect/request.ts';
import { ProductConflictError } from '../domain/conflict.ts';
import { refusalOf, refusedSave, SaveRefusedError } from '../domain/refusal.ts';
import { AppError } from '../oauth/errors.ts';
import { HttpError } from '../oauth/http-errors.ts';
import { parseRetryAfter } from './http-headers.ts';
import { API_FETCH_OPTIONS, errorBody, fetchFailure, readBody, scopeNamedBy, statusCode } from './http.ts';
import { sendWithRetries, type RateLimitInfo } from './send-with-retries.ts';

/** For a connection's probes (store-connections.ts), which load this module and no client: with it, not a chunk of its own. */
export { fetchInTime } from './time-limit.ts';

/** The contract's words for a fetch that rejected (platforms.md 1.3). */
export const NETWORK_OR_CORS_MESSAGE = "The store's server did not let this app read its answer (CORS) or could not be reached.";

export interface TransportOptions {
  /** The store's API server (config `apiBase`). */
  apiBase: string;
  fetch: typeof globalThis.fetch;
  /**
   * Signs `headers` for the store (renewing first when due) and returns what it signed with, to be
   * passed back to `onUnauthorized` after a 401 (so a renewal done meanwhile is not repeated).
   */
  sign: (headers: Headers) => Promise<string>;
  /** After a 401: renew (or reject with TOKEN_EXPIRED, the session ended). Called at most once per request. */
  onUnauthorized: (refused: string) => Promise<void>;
  /** The adapter's hooks, read at each failure (the adapter is built after the transport). */
  hooks?: () => AdapterHooks | undefined;
  /** The scope an operation needs, for a 403 on platforms with scopes. */
  operationScope?: (operation: ApiOperation) => string | undefined;
  onRateLimited?: (info: RateLimitInfo) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The URL of `request`: apiBase + path, or an absolute url on apiBase's origin; plus the query. */
export function resolveRequestUrl(apiBase: string, request: ApiRequest): URL {
  let url: URL;
  if (request.url !== undefined) {
    try {
      url = new URL(request.url);
    } catch {
      throw new AppError('API_INVALID_RESPONSE', 'a link the store gave is not a URL');
    }
    if (url.origin !== new URL(apiBase).origin) {
      // Never sent: the credential must not travel to another origin (platforms.md 1.1).
      throw new AppError('API_INVALID_RESPONSE', `a link points to another origin (${url.origin}) and is not followed`);
    }
  } else {
    if (!request.path.startsWith('/') || request.path.startsWith('//')) throw new AppError('API_BAD_REQUEST', 'a request path must start with one /');
    url = new URL(apiBase.replace(/\/+$/, '') + request.path);
  }
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  return url;
}

function requestInit(request: ApiRequest, headers: Headers, signal: AbortSignal | undefined): RequestInit {
  const init: RequestInit = { method: request.method, headers, ...API_FETCH_OPTIONS };
  const body = request.body;
  if (body && 'json' in body) {
    headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(body.json);
  } else if (body && 'form' in body) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    init.body = new URLSearchParams(body.form).toString();
  }
  if (signal) init.signal = signal;
  return init;
}

export function createTransport(options: TransportOptions): Send {
  async function fetchOnce(url: URL, request: ApiRequest, signal: AbortSignal | undefined): Promise<{ response: Response; credential: string }> {
    const headers = new Headers({ Accept: 'application/json' });
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (name.toLowerCase() === 'authorization') throw new AppError('API_BAD_REQUEST', 'requests are signed by the connector, not by the adapter');
      headers.set(name, value);
    }
    const signedWith = await options.sign(headers);
    try {
      return { response: await options.fetch(url, requestInit(request, headers, signal)), credential: signedWith };
    } catch (error) {
      throw fetchFailure(error, signal, () => new AppError('NETWORK_OR_CORS', NETWORK_OR_CORS_MESSAGE));
    }
  }

  /** `as` 400: a 2xx whose body says it failed, read as the 400 it stands for (its own status kept in the error). */
  function failure(operation: ApiOperation, response: Response, json: unknown, signedWith: string, as?: 400): AppError {
    const status = as ?? response.status;
    const message = `${operation}: HTTP ${response.status}${as === undefined ? '' : ' whose body says it failed'}`;
    const hooks = options.hooks?.();
    if (status === 403) {
      const info = hooks?.forbidden?.(json, operation);
      const requiredScope = info?.requiredScope ?? scopeNamedBy(response, json) ?? options.operationScope?.(operation);
      return new HttpError('API_INSUFFICIENT_SCOPE', status, {
        ...(requiredScope !== undefined ? { requiredScope } : {}),
        ...(info?.platformWords !== undefined ? { platformWords: info.platformWords } : {}),
        ...(info?.change !== undefined ? { change: info.change } : {}),
        body: errorBody(json, signedWith),
        message,
      });
    }
    const refused = refusedSave(operation, status);
    if (status === 409 && !refused) return new ProductConflictError(hooks?.conflict?.(json), message);
    const refusal = refused ? refusalOf(hooks?.refused?.(json) ?? [], signedWith) : undefined;
    if (refusal) return new SaveRefusedError(response.status, refusal, message);
    return new HttpError(statusCode(status), response.status, { body: errorBody(json, signedWith), message });
  }

  /**
   * Through the retry loop: signed afresh for each request; a 401 renews once; a 429's body is read
   * (cut off: NETWORK_OR_CORS) and, without Retry-After, the adapter's hook says how long to wait.
   */
  return async function send(request: ApiRequest, operation: ApiOperation, sendOptions: SendOptions = {}): Promise<ApiResponse> {
    const { signal } = sendOptions;
    signal?.throwIfAborted();
    const url = resolveRequestUrl(options.apiBase, request);
    return sendWithRetries({
      operation,
      signal,
      send: () => fetchOnce(url, request, signal),
      renew: (refused) => options.onUnauthorized(refused),
      async rateLimitWait(response) {
        const { json } = await readBody(response, operation, signal, 'NETWORK_OR_CORS');
        const header = response.headers.get('Retry-After');
        const fromHook = header === null ? options.hooks?.()?.rateLimitWait?.(json, response.headers) : undefined;
        return fromHook ?? parseRetryAfter(header);
      },
      async settle(response, signedWith) {
        const { json, isJson } = await readBody(response, operation, signal, 'NETWORK_OR_CORS');
        const status = response.status;
        if ((status >= 200 && status <= 299) || (sendOptions.accept?.includes(status) && (sendOptions.acceptWhen?.(json) ?? true))) {
          if (!isJson) throw new HttpError('API_INVALID_RESPONSE', status, { message: `${operation}: HTTP ${status} with a body that is not JSON` });
          if (status <= 299 && options.hooks?.()?.failedDespiteStatus?.(json) === true) throw failure(operation, response, json, signedWith, 400);
          return { status, json, headers: response.headers };
        }
        throw failure(operation, response, isJson ? json : undefined, signedWith);
      },
      onRateLimited: options.onRateLimited,
      sleep: options.sleep,
    });
  };
}
