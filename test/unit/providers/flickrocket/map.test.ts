import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseCurrency,
  mapOrder,
  mapProduct,
  readCategoryNames,
  readPriceModels,
  type FlickRocketMapContext,
} from '../../../../src/lib/providers/flickrocket/map.ts';
import { readOrderList, readProductDetail, readProductList } from '../../../../src/lib/providers/flickrocket/wire.ts';
import { api, signIn } from '../../../platforms/flickrocket/client.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../../../platforms/flickrocket/server.ts';

let store: FlickRocketStore;
let token: string;
let context: FlickRocketMapContext;
let products: unknown[];

const get = async (path: string): Promise<unknown> => (await api(store.origin, path, token)).json;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null });
  token = (await signIn(store.origin)).access_token;
  context = {
    prices: readPriceModels(await get('/api/prices.json')),
    categories: readCategoryNames(await get('/api/categories.json')),
    currency: 'EUR',
    language: 'en',
  };
  products = [];
  for (let page = 1; page <= 20; page++) {
    const list = readProductList(await get(`/api/products.json?page=${page}`));
    products.push(...list);
    if (list.length < 50) break;
  }
});
afterAll(() => store.close());

const product = async (id: number, overrides: Partial<FlickRocketMapContext> = {}) =>
  mapProduct(readProductDetail(await get(`/api/products/${id}.json`)), { ...context, ...overrides });

describe('mapProduct over the whole served catalogue', () => {
  it('maps every product (all pages, hostile ones included) without throwing', () => {
    expect(products).toHaveLength(153);
    const mapped = products.map((p, i) => mapProduct(p, context, `$.products[${i}]`));
    expect(new Set(mapped.map((p) => p.id)).size).toBe(153);
    // one product (1008) has a price model with country prices only: no price; every other has one
    expect(mapped.filter((p) => p.price === null).map((p) => p.id)).toEqual(['1008']);
    for (const p of mapped) {
      expect(p.currency).toMatch(/^[A-Z]{3}$/);
      if (p.id !== '1008') expect(p.price).toBeGreaterThan(0);
      for (const image of p.images) expect(image.url).toMatch(/^https?:\/\//);
    }
  });

  it('hostile image URLs are dropped; script stays only in descriptionHtml (sanitised at render)', () => {
    const hostile = products.map((p) => mapProduct(p, context)).filter((p) => Number(p.id) >= 1900);
    expect(hostile).toHaveLength(3);
    expect(hostile.every((p) => p.images.length === 0)).toBe(true);
    expect(hostile[0]?.descriptionHtml).toContain('<script>');
  });
});

describe('prices, in major units from cents', () => {
  it('a EUR+USD model shows the configured currency: 1499 cents -> 14.99 EUR', async () => {
    const p = await product(1006);
    expect(p).toMatchObject({ price: 14.99, currency: 'EUR', compareAtPrice: null });
    expect(await product(1006, { currency: 'USD' })).toMatchObject({ price: 15.99, currency: 'USD' });
  });

  it('a model without the configured currency (USD only) shows USD', async () => {
    expect(await product(1001)).toMatchObject({ price: 9.99, currency: 'USD' });
  });

  it('neither configured, EUR nor USD: the first currency of the model (GBP)', async () => {
    expect(await product(1003)).toMatchObject({ price: 12.5, currency: 'GBP' });
    expect(await product(1003, { currency: 'CHF' })).toMatchObject({ price: 13.9, currency: 'CHF' });
  });

  it('two licence bindings: the lowest price ("from"), with that binding compare price only when higher', async () => {
    const p = await product(1002);
    expect(p.price).toBe(4.99);
    expect(p.priceFrom).toBe(true);
    expect(p.compareAtPrice).toBeNull();
    const fromWire = readProductDetail(await get('/api/products/1002.json'));
    const [hd] = (fromWire['price_license_binding'] as object[]) ?? [];
    const single = mapProduct({ ...fromWire, price_license_binding: [hd] }, context);
    expect(single).toMatchObject({ price: 19.99, compareAtPrice: 24.99 });
    expect(single).not.toHaveProperty('priceFrom');
    // two licences at one price: that is the price, not a "from" one
    expect(mapProduct({ ...fromWire, price_license_binding: [hd, hd] }, context)).not.toHaveProperty('priceFrom');
  });

  it('a compare-at model cheaper than the price is not a compare-at price', () => {
    const prices = readPriceModels({ prices: [{ id: 1, currencies: [{ currency: 'eur', price: 2000 }] }, { id: 2, currencies: [{ currency: 'eur', price: 1000 }] }] });
    const p = mapProduct({ id: 1, title: 'T', price_license_binding: [{ license_id: 1, price_id: 1, compare_price_id: 2 }] }, { ...context, prices });
    expect(p).toMatchObject({ price: 20, compareAtPrice: null });
  });

  it('rounds to the currency digits (JPY has none) and rejects an unknown currency code', () => {
    const yen = readPriceModels({ price: { id: 9, currencies: [{ currency: 'jpy', price: 123456 }] } });
    expect(mapProduct({ id: 1, title: 'T', price_license_binding: [{ license_id: 1, price_id: 9, compare_price_id: null }] }, { ...context, prices: yen })).toMatchObject({ price: 1235, currency: 'JPY' });
    expect(() => readPriceModels({ prices: [{ id: 1, currencies: [{ currency: 'zzz', price: 1 }] }] })).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
    expect(() => readPriceModels({ prices: [{ id: 1, currencies: [{ currency: 'eur', price: 9.5 }] }] })).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });

  it('a price model priced by country only (no currency at all): no price (null, not 0: free), in the configured currency; still listed', async () => {
    const p = await product(1008);
    expect(p).toMatchObject({ price: null, compareAtPrice: null, currency: 'EUR', published: true });
    expect(p).not.toHaveProperty('priceFrom');
    expect(await product(1008, { currency: 'usd' })).toMatchObject({ price: null, currency: 'USD' });
  });

  it('no resolvable price model (an unknown model, no binding, a binding without price_id): no price, not 0', () => {
    const bound = (bindings: unknown[]) => mapProduct({ id: 1, title: 'T', price_license_binding: bindings }, context);
    expect(bound([{ license_id: 1, price_id: 404, compare_price_id: 2 }])).toMatchObject({ price: null, compareAtPrice: null, currency: 'EUR' });
    expect(bound([])).toMatchObject({ price: null, currency: 'EUR' });
    expect(bound([{ license_id: 1, price_id: null, compare_price_id: null }])).toMatchObject({ price: null, currency: 'EUR' });
    expect(mapProduct({ id: 1, title: 'T' }, context)).toMatchObject({ price: null, currency: 'EUR' });
    // beside a licence that has a price, that price (not "from", the other has none to be lower than)
    expect(bound([{ license_id: 1, price_id: 404, compare_price_id: null }, { license_id: 2, price_id: 1, compare_price_id: null }])).toEqual(
      expect.not.objectContaining({ priceFrom: true }),
    );
    expect(bound([{ license_id: 1, price_id: 404, compare_price_id: null }, { license_id: 2, price_id: 1, compare_price_id: null }])).toMatchObject({ price: 14.99 });
  });

  it('chooseCurrency: configured, EUR, USD, first', () => {
    expect(chooseCurrency(['USD', 'EUR', 'GBP'], 'gbp')).toBe('GBP');
    expect(chooseCurrency(['USD', 'EUR'], 'GBP')).toBe('EUR');
    expect(chooseCurrency(['CHF', 'USD'], undefined)).toBe('USD');
    expect(chooseCurrency(['CHF', 'GBP'], 'EUR')).toBe('CHF');
    expect(chooseCurrency([], 'EUR')).toBeUndefined();
  });
});

describe('locales, categories, dates', () => {
  it('the configured language, else English, else the first locale; no locales = the title and no description', async () => {
    const german = await product(1007, { language: 'de' });
    expect(german.name).toContain('(Deutsch)');
    expect(german.descriptionHtml).toContain('auf Deutsch');
    const frenchFallsBack = await product(1007, { language: 'fr' });
    expect(frenchFallsBack.name).not.toContain('Deutsch');
    const bare = await product(1004);
    expect(bare.name).toBe((readProductDetail(await get('/api/products/1004.json'))['title'] as string));
    expect(bare.descriptionHtml).toBe('');
    const isoCode = mapProduct({ id: 1, title: 'T', locales: [{ language_id: 'en', title: 'E' }, { language_id: 'de', title: 'D' }] }, { ...context, language: 'de' });
    expect(isoCode.name).toBe('D');
  });

  it('categories by name, from the plural and the singular categories.json answer', async () => {
    expect((await product(1001)).categories).toEqual(['Books']);
    const one = readCategoryNames({ category: { id: 197, title: 'Only' } });
    expect(mapProduct({ id: 1, title: 'T', categories: [{ category_id: 197 }, { category_id: 5 }] }, { ...context, categories: one }).categories).toEqual(['Only']);
    expect(readCategoryNames({})).toEqual(new Map());
  });

  it('published = valid and released after 2001; created = published_at read as UTC', async () => {
    const p = await product(1001);
    expect(p.published).toBe(true);
    expect(p.created).toMatch(/Z$/);
    expect(Number.isNaN(Date.parse(p.created))).toBe(false);
    expect((await product(1010)).published).toBe(false); // valid: false
    expect((await product(1015)).published).toBe(false); // published_at 0001-01-01
    expect(p.inStock).toBeUndefined();
    expect(p.permalink).toBeUndefined();
  });

  it('a broken product names the field, never its value', () => {
    expect(() => mapProduct({ id: 'x', title: 'T' }, context)).toThrow(/\$\.product\.id/);
    expect(() => mapProduct({ id: 1, title: '' }, context)).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });
});

describe('mapOrder', () => {
  it('maps served orders: cents to major units, upper-case currency, status and email', async () => {
    const orders = readOrderList(await get('/api/orders.json')).map((o) => mapOrder(o));
    expect(orders).toHaveLength(50);
    const first = orders[0];
    expect(first).toMatchObject({ id: '50001', number: 'FR-100000', currency: 'EUR', status: 'paid', customerEmail: 'buyer1@example.com' });
    expect(first?.createdAt).toMatch(/Z$/);
    expect(orders.some((o) => o.currency === 'USD')).toBe(true);
    expect(orders.every((o) => Number.isInteger(Math.round(o.total * 100)) && o.total > 0)).toBe(true);
  });

  it('an unknown status reads as pending; a bad currency is an invalid response', () => {
    const base = { id: 1, created_at: '2024-01-01T00:00:00', currency: 'eur', total_price: 1050 };
    expect(mapOrder({ ...base, status: 'Shipped' })).toMatchObject({ status: 'shipped', total: 10.5, number: '1' });
    expect(mapOrder({ ...base, status: 'weird' }).status).toBe('pending');
    // its own word is kept to be shown: "Pending" alone said a partly refunded order was waiting
    expect(mapOrder({ ...base, status: 'partially_refunded' })).toMatchObject({ status: 'pending', statusWords: 'Partially refunded' });
    expect(mapOrder({ ...base, status: 'Shipped' })).not.toHaveProperty('statusWords');
    expect(() => mapOrder({ ...base, currency: 'euro' })).toThrow(expect.objectContaining({ code: 'API_INVALID_RESPONSE' }));
  });
});
