/**
 * The storefront widget's products for a Shopware 6 store (platforms.md 4.7): the Store API with the sales
 * channel's public access key in `sw-access-key`, never an Admin API credential. The shopper's
 * currency comes from the sales channel context; only active, visible products come back.
 */
import type { Product } from '../../domain/catalog.ts';
import type { StorefrontGetJson, StorefrontQuery } from '../types.ts';
import { buildStoreProductCriteria, buildStoreSearchBody } from './criteria.ts';
import { mapStoreProduct, readStoreContextCurrency, readStoreList } from './map.ts';

function storeApi(query: StorefrontQuery, getJson: StorefrontGetJson, path: string, body?: unknown): Promise<unknown> {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json', 'sw-access-key': query.key };
  return getJson(`${query.apiBase}/store-api/${path}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The widget's products: the Store API with the sales channel key (`key`) in `sw-access-key`. */
export async function shopware6StorefrontProducts(options: StorefrontQuery, getJson: StorefrontGetJson): Promise<Product[]> {
  const query = { count: options.limit, ...(options.category !== '' ? { category: options.category } : {}) };
  const [context, list] = await Promise.all([
    storeApi(options, getJson, 'context'),
    options.search !== '' ? storeApi(options, getJson, 'search', buildStoreSearchBody(options.search, query)) : storeApi(options, getJson, 'product', buildStoreProductCriteria(query)),
  ]);
  const currency = readStoreContextCurrency(context);
  return readStoreList(list).elements.map((element, index) => mapStoreProduct(element, currency, undefined, `elements[${index}]`));
}
