/**
 * One load for the widget: the first `limit` published products matching category/search, read by
 * the platform's storefront reader (found by `kind`), which asks for and parses only what a card
 * shows. The credential goes in a header (Authorization, or Shopware's `sw-access-key`), never in
 * the URL: URLs end up in logs, history and Referer headers.
 */
import { AppError } from '../lib/oauth/errors.ts';
import { codeForStatus } from '../lib/oauth/http-errors.ts';
import { WIDGET_READERS } from '../lib/providers/storefronts.ts';
import type { StorefrontCard } from '../lib/providers/types.ts';
import type { WidgetOptions } from './options.ts';

/**
 * Fetches the cards. Throws AppError: API_NETWORK_ERROR, an HTTP code from {@link codeForStatus},
 * API_INVALID_RESPONSE, CONFIG_INVALID (an unknown kind); an aborted load with API_NETWORK_ERROR too
 * (the widget tells an abort by its signal, not by the error).
 */
export async function fetchProducts(options: WidgetOptions, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<StorefrontCard[]> {
  // the options are a StorefrontQuery (and the layout, which the readers ignore); their kind has a reader (options.ts)
  const read = WIDGET_READERS.get(options.kind);
  if (!read) throw new AppError('CONFIG_INVALID');
  // at most `limit`, also from a store that sends more than asked for (the page stays bounded)
  return (await read(options, (url, init) => readJson(url, init, fetchImpl, signal))).slice(0, options.limit);
}

/**
 * One storefront read, its failures as AppErrors (never the credential, never the body; the code
 * alone: the widget words it by code, messages.ts).
 */
async function readJson(url: string, init: { method?: string; headers: Record<string, string>; body?: string }, fetchImpl: typeof fetch, signal: AbortSignal | undefined): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', signal });
  } catch {
    throw new AppError('API_NETWORK_ERROR');
  }
  if (!response.ok) throw new AppError(codeForStatus(response.status));
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new AppError('API_INVALID_RESPONSE');
  }
}
