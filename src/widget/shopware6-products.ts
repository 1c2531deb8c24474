/**
 * The widget's products for a Shopware 6 store (platforms.md 4.7): the Store API with the sales
 * channel's public access key in `sw-access-key`, never an Admin API credential. The shopper's
 * currency comes from the sales channel context; only active, visible products come back.
 */
import type { Product } from '../lib/domain/catalog.ts';
import { AppError, codeForStatus } from '../lib/oauth/errors.ts';
import { buildStoreProductCriteria, buildStoreSearchBody } from '../lib/providers/shopware6/criteria.ts';
import { mapStoreProduct, readStoreContextCurrency, readStoreList } from '../lib/providers/shopware6/map.ts';
import type { WidgetOptions } from './options.ts';

async function storeApi(options: WidgetOptions, fetchImpl: typeof fetch, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`${options.apiBase}/store-api/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'sw-access-key': options.token },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      mode: 'cors',
      ...(signal ? { signal } : {}),
    });
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

export async function fetchShopwareProducts(options: WidgetOptions, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<Product[]> {
  const query = { count: options.limit, ...(options.category !== '' ? { category: options.category } : {}) };
  const [context, list] = await Promise.all([
    storeApi(options, fetchImpl, 'context', undefined, signal),
    options.search !== ''
      ? storeApi(options, fetchImpl, 'search', buildStoreSearchBody(options.search, query), signal)
      : storeApi(options, fetchImpl, 'product', buildStoreProductCriteria(query), signal),
  ]);
  const currency = readStoreContextCurrency(context);
  return readStoreList(list).elements.map((element, index) => mapStoreProduct(element, currency, undefined, `elements[${index}]`));
}
