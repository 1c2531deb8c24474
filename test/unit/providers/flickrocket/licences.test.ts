/**
 * A FlickRocket product's licences on Product (map.ts licencesOf, readLicenceNames): named from
 * licenses.json in the store's language, priced in the product's currency, only where two or more.
 * Against the faithful server's seed (1002, 1009) and wire shapes it does not serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapProduct, readCategoryNames, readLicenceNames, readPriceModels, type FlickRocketMapContext } from '../../../../src/lib/providers/flickrocket/map.ts';
import { readProductDetail } from '../../../../src/lib/providers/flickrocket/wire.ts';
import { createFlickRocketAdapter } from '../../../../src/lib/providers/flickrocket/adapter.ts';
import { bearerTransport } from './fr-transport.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { flickRocketStoreConfig } from '../../../platforms/flickrocket/store-config.ts';
import { api, signIn } from '../../../platforms/flickrocket/client.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../../../platforms/flickrocket/server.ts';

let store: FlickRocketStore;
let token: string;
let context: FlickRocketMapContext;

const get = async (path: string): Promise<unknown> => (await api(store.origin, path, token)).json;
const product = async (id: number, overrides: Partial<FlickRocketMapContext> = {}) =>
  mapProduct(readProductDetail(await get(`/api/products/${id}.json`)), { ...context, ...overrides });

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null });
  token = (await signIn(store.origin)).access_token;
  context = {
    prices: readPriceModels(await get('/api/prices.json')),
    categories: readCategoryNames(await get('/api/categories.json')),
    licences: readLicenceNames(await get('/api/licenses.json'), 'en'),
    currency: 'EUR',
    language: 'en',
  };
});
afterAll(() => store.close());

describe('licences on the served catalogue', () => {
  it('three licences, in the store order, each at its own price; one without EUR has none ("from" the lowest)', async () => {
    const film = await product(1009);
    expect(film.licences).toEqual([
      { name: 'Buy', price: 49 },
      { name: 'Rent 48 h', price: 4.99 },
      { name: 'Family (5 devices)', price: null },
    ]);
    expect(film).toMatchObject({ price: 4.99, priceFrom: true, currency: 'EUR' });
  });

  it('in the currency the product shows: USD where configured, and every licence has it', async () => {
    expect((await product(1009, { currency: 'USD' })).licences?.map((l) => l.price)).toEqual([53, 5.49, 9.99]);
  });

  it('named in the configured language (German), from licenses.json', async () => {
    const licences = readLicenceNames(await get('/api/licenses.json'), 'de');
    expect((await product(1009, { licences, language: 'de' })).licences?.map((l) => l.name)).toEqual(['Kaufen', 'Leihen 48 Std.', 'Familie (5 Geräte)']);
  });

  it('two licences (1002) are listed; one licence (1003, 1006) is not: nothing beyond its price', async () => {
    expect((await product(1002)).licences).toEqual([
      { name: 'Single user', price: 19.99 },
      { name: 'Family (5 devices)', price: 4.99 },
    ]);
    expect(await product(1003)).not.toHaveProperty('licences');
    expect(await product(1006)).not.toHaveProperty('licences');
  });

  it('without the licences read (licenses.json failed), named by their place', async () => {
    expect((await product(1002, { licences: undefined })).licences?.map((l) => l.name)).toEqual(['Licence 1', 'Licence 2']);
  });
});

describe('readLicenceNames', () => {
  it('the singular {"license":{...}} answer, a locale in the language, else English, else `name`', () => {
    const one = { license: { id: 16, name: 'Purchase', locales: [{ language_id: 2, name: 'Kauf' }, { language_id: 1, name: 'Buy' }] } };
    expect(readLicenceNames(one, 'de')).toEqual(new Map([[16, 'Kauf']]));
    expect(readLicenceNames(one, 'fr')).toEqual(new Map([[16, 'Buy']]));
    const noEnglish = { licenses: [{ id: 17, name: 'Rental', locales: [{ language_id: 2, name: 'Miete' }] }, { id: 18, locales: [{ language_id: 'de', name: 'Nur Deutsch' }] }] };
    expect(readLicenceNames(noEnglish, 'fr')).toEqual(new Map([[17, 'Rental'], [18, 'Nur Deutsch']]));
    // blank names are no names: a licence with none is left to its place's name
    expect(readLicenceNames({ licenses: [{ id: 19, name: '  ', locales: [{ language_id: 1, name: '' }] }] }, 'en')).toEqual(new Map());
  });
});

describe('what tells licences apart', () => {
  const prices = new Map([
    [1, new Map([['EUR', 1999]])],
    [2, new Map([['EUR', 999]])],
  ]);
  const ctx: FlickRocketMapContext = { prices, categories: new Map(), licences: new Map([[16, 'Buy']]), currency: 'EUR' };
  const bind = (more: object) => ({ license_id: 16, price_id: 1, compare_price_id: null, hd: false, num_users: 1, audio_type: 0, ...more });

  it('a Video HD sold in HD and SD under one licence: "Buy · HD", "Buy · SD"; all HD: no quality said', () => {
    const video = (bindings: object[]) => mapProduct({ id: 1, title: 'Film', product_type: 9, price_license_binding: bindings }, ctx).licences?.map((l) => l.name);
    expect(video([bind({ hd: true }), bind({ price_id: 2 })])).toEqual(['Buy · HD', 'Buy · SD']);
    expect(video([bind({ hd: true }), bind({ hd: true, price_id: 2 })])).toEqual(['Buy', 'Buy']);
  });

  it('an audio album in MP3 and FLAC; users where they differ; no HD/SD for a PDF', () => {
    const names = (type: number, bindings: object[]) => mapProduct({ id: 1, title: 'T', product_type: type, price_license_binding: bindings }, ctx).licences?.map((l) => l.name);
    expect(names(23, [bind({}), bind({ audio_type: 1 })])).toEqual(['Buy · MP3', 'Buy · FLAC']);
    expect(names(7, [bind({ hd: true }), bind({ num_users: 5 })])).toEqual(['Buy · 1 user', 'Buy · 5 users']);
  });

  it('no price model in any currency: each licence listed without a price', () => {
    const none = mapProduct({ id: 1, title: 'T', price_license_binding: [bind({ price_id: 404 }), bind({ price_id: 405 })] }, ctx);
    expect(none).toMatchObject({ price: null, licences: [{ name: 'Buy', price: null }, { name: 'Buy', price: null }] });
  });
});

describe('the adapter reads the licences with the catalogue', () => {
  const transport = () => bearerTransport(store.origin, token);

  it('once, in the store language; refused, the catalogue still shows and the licences are named by their place', async () => {
    const config = flickRocketStoreConfig(store.origin, { currency: 'EUR', language: 'de' });
    store.clearRequests();
    const fr = createFlickRocketAdapter({ store: config, send: transport() });
    expect((await fr.getProduct('1009')).licences?.map((l) => l.name)).toEqual(['Kaufen', 'Leihen 48 Std.', 'Familie (5 Geräte)']);
    await fr.getProduct('1002');
    expect(store.requests().filter((r) => r.path === '/api/licenses.json')).toHaveLength(1);

    const send = transport();
    const refusing: typeof send = async (request, operation, options) => {
      if (request.path === '/api/licenses.json') throw new AppError('API_INSUFFICIENT_SCOPE', 'refused');
      return send(request, operation, options);
    };
    const without = createFlickRocketAdapter({ store: config, send: refusing });
    expect((await without.listProducts({ count: 24 })).products).toHaveLength(24);
    expect((await without.getProduct('1009')).licences).toEqual([
      { name: 'Licence 1', price: 49 },
      { name: 'Licence 2', price: 4.99 },
      { name: 'Licence 3', price: null },
    ]);
  });
});
