/**
 * The storefront widget's products for a Shopware 6 store (platforms.md 4.7): the Store API with the sales
 * channel's public access key in `sw-access-key`, never an Admin API credential. The shopper's
 * currency comes from the sales channel context; only active, visible products come back.
 */
import type { Product } from '../../domain/catalog.ts';
import { AppError, codeForStatus } from '../../oauth/errors.ts';
import type { StorefrontQuery } from '../types.ts';
import { buildStoreProductCriteria, buildStoreSearchBody } from './criteria.ts';
import { mapStoreProduct, readStoreContextCurrency, readStoreList } from './map.ts';

async function storeApi(options: StorefrontQuery, fetchImpl: typeof fetch, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`${options.apiBase}/store-api/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'sw-access-key': options.key },
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

/** The widget's products: the Store API with the sales channel key (`key`) in `sw-access-key`. */
export async function shopware6StorefrontProducts(options: StorefrontQuery, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<Product[]> {
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
