/**
 * A store API request as data, and the transport that sends one. Adapters build requests (pure,
 * testable without network) and call `send`; the API client owns HTTP concerns (signing through the
 * connector, 401 renewal once, 403, 429 waits, status -> error code, NETWORK_OR_CORS).
 */
import type { ApiOperation } from './operations.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON body (`Content-Type: application/json`) or a form body (`application/x-www-form-urlencoded`). */
export type RequestBody = { json: unknown } | { form: Readonly<Record<string, string>> };

interface ApiRequestBase {
  method: HttpMethod;
  /** Appended to the URL's search params (after those already in `url`). */
  query?: Readonly<Record<string, string>>;
  /** Extra headers (e.g. `Accept`, `FOXY-API-VERSION`, `sw-inheritance`); never Authorization (the connector signs). */
  headers?: Readonly<Record<string, string>>;
  body?: RequestBody;
}

/**
 * Either `path` below apiBase (starting with '/', segments already percent-encoded) or an absolute
 * `url` (a hypermedia link) that must be on apiBase's origin; any other origin is refused before
 * sending, so credentials never leave for it.
 */
export type ApiRequest = ApiRequestBase & ({ path: string; url?: never } | { url: string; path?: never });

/** A response the client accepted (2xx); the adapter maps `json`. */
export interface ApiResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body (e.g. Shopware's PATCH 204). */
  json: unknown;
  headers: Headers;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Statuses other than 2xx that the adapter wants back instead of an error (e.g. 404 as "absent"). */
  accept?: readonly number[];
  /**
   * Where set, an `accept`ed status other than 2xx is given back only when this says yes of its body
   * (a 403 naming only rights the adapter can do without); otherwise it is the error it would have been.
   */
  acceptWhen?: (json: unknown) => boolean;
}

/**
 * The transport one store's adapter uses: sends `request` signed for the store, named `operation`
 * for errors and scope hints; resolves with 2xx (or `accept`ed) answers, rejects with AppError.
 */
export type Send = (request: ApiRequest, operation: ApiOperation, options?: SendOptions) => Promise<ApiResponse>;
