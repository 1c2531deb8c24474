/**
 * One authenticated GET on the Foxy API as a request/process pair. The request refuses any URL
 * not on the configured apiBase's origin before a byte leaves (the token never reaches another
 * origin); the processing turns HTTP failures into AppErrors with stable codes.
 */
import { AppError, HttpError, codeForStatus } from '../../oauth/errors.ts';
import { sanitizeErrorText } from '../../oauth/token.ts';
import { isSameOrigin } from './hal.ts';
import { NETWORK_OR_CORS_MESSAGE } from './token.ts';
import { FOXY_HEADERS } from './wire.ts';

/**
 * GETs `url` with `Authorization: Bearer`, FOXY-API-VERSION: 1 and `Accept: application/hal+json`.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
export async function foxyGetRequest(fetchFn: typeof fetch, url: string, context: { apiBase: string; accessToken: string }): Promise<Response> {
  if (!isSameOrigin(url, context.apiBase)) {
    throw new AppError('API_INVALID_RESPONSE', "refused to send the token to another origin than the store's API");
  }
  try {
    return await fetchFn(url, {
      method: 'GET',
      headers: { ...FOXY_HEADERS, Authorization: `Bearer ${context.accessToken}` },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new AppError('NETWORK_OR_CORS', NETWORK_OR_CORS_MESSAGE);
  }
}

/** The first `fx:errors[].message` of a HAL error, or the `error` of an OAuth one (sanitised). */
function errorText(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  if (typeof record['error'] === 'string') return sanitizeErrorText(record['error'], 64);
  const errors = (record['_embedded'] as Record<string, unknown> | undefined)?.['fx:errors'];
  const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
  return typeof first?.['message'] === 'string' ? sanitizeErrorText(first['message'], 200) : undefined;
}

/**
 * 2xx HAL/JSON → the parsed body. Otherwise an HttpError: 401 API_UNAUTHORIZED (body `{error}` so
 * the seam can tell `invalid_token` → refresh once and retry), 403, 404, 429, 5xx, other 4xx.
 */
export async function processFoxyResponse(response: Response): Promise<unknown> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const text = errorText(json);
    const retry = Number(response.headers.get('Retry-After'));
    throw new HttpError(codeForStatus(response.status), response.status, {
      ...(text === undefined ? {} : { body: { error: text } }),
      ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
      message: `Foxy API answered HTTP ${response.status}${text === undefined ? '' : `: ${text}`}`,
    });
  }
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (json === undefined || (type !== 'application/hal+json' && type !== 'application/json')) {
    throw new AppError('API_INVALID_RESPONSE', 'the Foxy API did not answer with HAL JSON');
  }
  return json;
}
