/**
 * One request for the widget: the first `limit` products matching category/search, read with a
 * storefront token in the Authorization header (RFC 6750 2.1), never in the URL (the contract
 * allows `?access_token=`; we do not use it: URLs end up in logs, history and Referer headers).
 * Request building and mapping are the platform's own (found by `kind` through the registry, loaded
 * lazily), so the widget and the app agree.
 */
import type { Product } from '../lib/domain/catalog.ts';
import { AppError, codeForStatus } from '../lib/oauth/errors.ts';
import { loadWidgetSource } from '../lib/providers/storefronts.ts';
import type { LoadedProvider, StorefrontGetJson } from '../lib/providers/types.ts';
import { buildApiUrl } from '../lib/shared/api-url.ts';
import type { WidgetOptions } from './options.ts';

/**
 * The URL of the products request: apiBase + the provider's path + query, as the app's API client
 * builds it. Holds no token.
 */
export function productsRequestUrl(provider: LoadedProvider, options: WidgetOptions): string {
  const request = provider.adapter.listProductsRequest({
    page: provider.paging.firstPage,
    count: options.limit,
    ...(options.search !== '' ? { q: options.search } : {}),
    ...(options.category !== '' ? { category: options.category } : {}),
  });
  return buildApiUrl(options.apiBase, request).href;
}

/** The error code a failed products response stands for. */
export { codeForStatus };

/**
 * Fetches and maps the products. Throws AppError: API_NETWORK_ERROR, an HTTP code from
 * {@link codeForStatus}, or API_INVALID_RESPONSE. An abort rejects with the AbortError as is.
 * Unpublished products are dropped even if a too-powerful token returned them.
 */
export async function fetchProducts(options: WidgetOptions, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<Product[]> {
  const source = await loadWidgetSource(options.kind);
  const getJson: StorefrontGetJson = (url, init) => readJson(url, init, fetchImpl, signal);
  // a platform with its own public storefront API (Shopware's Store API, platforms.md 4.7) reads it with its public key
  if (source.style === 'public-key') return source.read({ apiBase: options.apiBase, key: options.token, limit: options.limit, category: options.category, search: options.search }, getJson);
  const provider = source.provider;
  const json = await getJson(productsRequestUrl(provider, options), { headers: { Accept: 'application/json', Authorization: `Bearer ${options.token}` } });
  return provider.adapter.mapProductPage(json).products.filter((product) => product.published);
}

/** One storefront read, its failures as AppErrors (never the credential, never the body). */
async function readJson(url: string, init: { method?: string; headers: Record<string, string>; body?: string }, fetchImpl: typeof fetch, signal: AbortSignal | undefined): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AppError('API_NETWORK_ERROR', 'the store could not be reached');
  }
  if (!response.ok) throw new AppError(codeForStatus(response.status), `HTTP ${response.status}`);
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AppError('API_INVALID_RESPONSE', 'the store answered with something other than JSON');
  }
}
