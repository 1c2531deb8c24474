/**
 * The storefront widget's products for a Shopware 6 store (platforms.md 4.7): the Store API with the
 * sales channel's public access key in `sw-access-key`, never an Admin API credential. The shopper's
 * currency comes from the sales channel context; only active, visible products come back. Asks for
 * and reads only what a card shows (name, shopper's price, list price, first picture, availability,
 * the product's page), checked as map.ts checks the app's products (a unit test holds the two together).
 *
 * The product's page: the Store API gives no absolute address of it (a product's `seoUrls` hold a
 * `seoPathInfo` relative to one of the sales channel's domains, and their `url` is a runtime field the
 * Store API leaves empty), so a card links to the Storefront's own route `/detail/{productId}` under the
 * storefront address the snippet names (`storefront-url`), as map.ts does with config.json's.
 */
import { toHttpUrl } from '../../sanitize/safe-url.ts';
import type { ProductImage } from '../../domain/catalog.ts';
import type { StorefrontCard, StorefrontGetJson, StorefrontProducts, StorefrontQuery } from '../types.ts';
import { currencyCode, field, list, notAsAgreed, object, readCards, type Wire } from '../storefront-wire.ts';
import type { SwCriteria } from './wire.ts';

/**
 * `POST /store-api/product` body (`/store-api/search` with `search`): the first `limit` main products
 * (no variants), newest first, by category display name [decision 4.3], each with its cover and
 * its gallery by position; no total is counted (the Store API's default `total-count-mode`);
 * `includes` trims each product to the card's fields (`id` for its page).
 */
export function buildStoreCardCriteria(query: Pick<StorefrontQuery, 'limit' | 'category' | 'search'>): SwCriteria & { search?: string } {
  return {
    limit: query.limit,
    filter: [{ type: 'equals', field: 'parentId', value: null }, ...(query.category ? [{ type: 'equals' as const, field: 'categories.name', value: query.category }] : [])],
    // the short form of a sort, `-` for descending (RequestCriteriaBuilder::parseSimpleSorting): the widget's bytes
    sort: '-createdAt',
    associations: { cover: {}, media: { sort: 'position' }, children: {} },
    includes: {
      product: ['id', 'name', 'translated', 'calculatedCheapestPrice', 'available', 'cover', 'media', 'children'],
      calculated_cheapest_price: ['unitPrice', 'listPrice', 'hasRange'],
      product_media: ['media'],
      media: ['url', 'alt'],
    },
    // read by /store-api/search only: the product route's criteria have no `search` (the widget's bytes)
    search: query.search,
  };
}

/** `translated.name` first (the context language, inheritance applied), then the column. */
function readName(wire: Wire): string {
  for (const holder of [wire.translated, wire]) {
    const name = field(object(holder ?? {}), 'name', 'string');
    if (name?.trim()) return name;
  }
  throw notAsAgreed();
}

/** The cover, else the gallery's first picture (the criteria sort the gallery by position); only an absolute http(s) URL counts (a javascript: or relative one is dropped). */
function firstImage(wire: Wire): ProductImage | undefined {
  for (const item of [wire.cover, ...list(wire, 'media')]) {
    const media = object(item ?? {}).media;
    if (media == null) continue;
    const image = object(media);
    const url = toHttpUrl(field(image, 'url', 'string'));
    if (url) return { url, alt: field(image, 'alt', 'string') ?? '' };
  }
  return undefined;
}

/**
 * One Store API product (the shopper's view: active only, calculated price) as a card; with a
 * storefront address, linked to its page there (render.ts keeps only an http(s) one). The card says
 * what Shopware's own card says (price-unit.html.twig), which its `calculatedCheapestPrice` holds
 * (ProductPriceCalculator): the price of the most items where advanced prices apply, a parent's
 * cheapest variant's, "From" it where that is a range (`hasRange`: several advanced prices, or
 * variants at different prices), and then with no list price (the app's catalogue card says the same,
 * 98b44f6 and map.ts `variantPrices`; `calculatedPrice` alone read Potatoes at its 2.5 kg's €1.53
 * where its 5 kg costs €4.49). A parent with variants is in stock when a variant is (map.ts
 * `variantsInStock`; the Store API sends active ones only).
 */
export function readStoreCard(value: unknown, currency: string, storefrontUrl?: string): StorefrontCard {
  const wire = object(value);
  const calculated = object(wire.calculatedCheapestPrice);
  // a range: "From" it, with no list price (price-unit.html.twig: displayFrom, hasDifferentPrice)
  const from = !!calculated.hasRange;
  const variants = wire.children as Wire[] | undefined;
  return {
    name: readName(wire),
    price: field(calculated, 'unitPrice', 'number', true),
    currency,
    compareAtPrice: from || calculated.listPrice == null ? null : field(object(calculated.listPrice), 'price', 'number', true),
    from,
    image: firstImage(wire),
    inStock: variants?.[0] ? variants.some((variant) => variant.available) : field(wire, 'available', 'boolean'),
    permalink: storefrontUrl && `${storefrontUrl}/detail/${field(wire, 'id', 'string', true)}`,
  };
}

function storeApi(query: StorefrontQuery, getJson: StorefrontGetJson, path: string, body?: unknown): Promise<unknown> {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json', 'sw-access-key': query.token };
  return getJson(`${query.apiBase}/store-api/${path}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The widget's products: the Store API with the sales channel key (`token`) in `sw-access-key`. */
export const shopware6StorefrontProducts: StorefrontProducts = async (query, getJson) => {
  const [context, products] = await Promise.all([storeApi(query, getJson, 'context'), storeApi(query, getJson, query.search ? 'search' : 'product', buildStoreCardCriteria(query))]);
  const currency = currencyCode(object(object(context).currency), 'isoCode');
  return readCards(object(products).elements, (element) => readStoreCard(element, currency, query.storefrontUrl));
};
