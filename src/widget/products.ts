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
import { queryKey, type WidgetOptions } from './options.ts';

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

/** How long a load waits for the store before it fails: an unavailable line, not an endless spinner. */
export const LOAD_TIMEOUT_MS = 15_000;

interface SharedLoad {
  products: Promise<StorefrontCard[]>;
  /** How many widgets' loads hold it: each from its start until it is aborted (the widget asks for something else, or is taken out while loading). */
  count: number;
  stop: AbortController;
}

/**
 * The page's loads by {@link queryKey} (memory only): widgets that ask the same share one request,
 * while it is under way and its products after, so a widget added later that asks the same is
 * shown them without a request. A failure is forgotten as it comes (every widget that waited shows
 * it; a Try again, or a widget added later, asks the store again). A load that no widget holds any
 * more is forgotten, and its request, if still under way, stopped.
 */
const loads = new Map<string, SharedLoad>();

/**
 * The products for `options`, shared ({@link loads}); `signal` aborted: this widget's load no
 * longer holds it (an aborted widget ignores what it gives). Fails as {@link fetchProducts} does,
 * and with API_NETWORK_ERROR at the deadline, LOAD_TIMEOUT_MS from the request for every widget
 * that shares it, which a fetch that ignores its abort signal (a host page's own) cannot put off.
 */
export function loadProducts(options: WidgetOptions, signal: AbortSignal): Promise<StorefrontCard[]> {
  const key = queryKey(options);
  // what stops a new load's request (unused where the load is already under way or done)
  const stop = new AbortController();
  const shared = loads.get(key) ?? {
    products: Promise.race([
      fetchProducts(options, fetch, stop.signal),
      new Promise<never>((_, reject) =>
        setTimeout(() => {
          stop.abort();
          reject(new AppError('API_NETWORK_ERROR'));
        }, LOAD_TIMEOUT_MS),
      ),
    ]),
    count: 0,
    stop,
  };
  loads.set(key, shared);
  const forget = (): void => void (loads.get(key) === shared && loads.delete(key));
  shared.products.catch(forget);
  shared.count++;
  signal.addEventListener('abort', () => {
    if (!--shared.count) {
      shared.stop.abort();
      forget();
    }
  });
  return shared.products;
}

/** Forgets every load (tests: each starts from a page that has asked nothing). */
export function forgetLoads(): void {
  loads.clear();
}
