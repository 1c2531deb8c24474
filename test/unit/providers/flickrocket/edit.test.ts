import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productEditBody } from '../../../../src/lib/providers/flickrocket/edit.ts';
import { mapProduct, readCategoryNames, readPriceModels, type FlickRocketMapContext } from '../../../../src/lib/providers/flickrocket/map.ts';
import { readProductDetail, type FlickRocketLocaleWire } from '../../../../src/lib/providers/flickrocket/wire.ts';
import { api, signIn } from '../../../platforms/flickrocket/client.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../../../platforms/flickrocket/server.ts';

let store: FlickRocketStore;
let token: string;
let context: FlickRocketMapContext;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null });
  token = (await signIn(store.origin)).access_token;
  context = {
    prices: readPriceModels((await api(store.origin, '/api/prices.json', token)).json),
    categories: readCategoryNames((await api(store.origin, '/api/categories.json', token)).json),
    currency: 'EUR',
    language: 'de',
  };
});
afterAll(() => store.close());

const localesOf = (product: Record<string, unknown>) => (product['locales'] ?? []) as FlickRocketLocaleWire[];
const read = async (id: number) => readProductDetail((await api(store.origin, `/api/products/${id}.json`, token)).json);
const put = (id: number, body: unknown) =>
  api(store.origin, `/api/products/${id}.json`, token, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('productEditBody against the faithful server', () => {
  it('name, description and published land where the mapper reads them (the configured language locale)', async () => {
    const before = await read(1007);
    const english = localesOf(before).find((l) => l.language_id === 1);
    expect(english?.title).toBeTruthy();
    const body = productEditBody({ name: 'Neu', description: '<p>Neu</p>', published: false }, before, 'de');
    expect(body.product).toMatchObject({ title: 'Neu', valid: false });
    expect(body.product.locales).toContainEqual({ language_id: 2, title: 'Neu', description: '<p>Neu</p>' });
    expect((await put(1007, body)).status).toBe(200);
    const after = mapProduct(await read(1007), context);
    expect(after).toMatchObject({ name: 'Neu', descriptionHtml: '<p>Neu</p>', published: false });
    // The English locale is untouched.
    expect(mapProduct(await read(1007), { ...context, language: 'en' }).name).not.toBe('Neu');
  });

  it('sends the other languages back as read: the server replaces the locale list, and English survives a German edit', async () => {
    const before = await read(1010);
    const locales = localesOf(before);
    expect(locales.map((l) => l.language_id)).toEqual([1, 2]);
    const body = productEditBody({ description: '<p>Nur Deutsch</p>' }, before, 'de');
    expect(body.product.locales).toEqual([locales[0], { ...locales[1], description: '<p>Nur Deutsch</p>' }]);
    expect((await put(1010, body)).status).toBe(200);
    expect(localesOf(await read(1010))).toEqual([locales[0], { ...locales[1], description: '<p>Nur Deutsch</p>' }]);
  });

  it('a product without locales gets one in the configured language', async () => {
    const body = productEditBody({ description: '<p>Fresh</p>' }, await read(1004), 'de');
    expect(body.product.locales).toEqual([{ language_id: 2, title: expect.any(String), description: '<p>Fresh</p>' }]);
    expect((await put(1004, body)).status).toBe(200);
    expect(mapProduct(await read(1004), context).descriptionHtml).toBe('<p>Fresh</p>');
  });

  it('refuses price and inventory edits with API_BAD_REQUEST', async () => {
    const current = await read(1001);
    expect(() => productEditBody({ price: 1 }, current)).toThrow(expect.objectContaining({ code: 'API_BAD_REQUEST' }));
    expect(() => productEditBody({ inventory: 1 }, {})).toThrow(expect.objectContaining({ code: 'API_BAD_REQUEST' }));
    expect(productEditBody({ published: true }, current)).toEqual({ product: { valid: true } });
  });

  it('refuses Published beside the field for a product never released (valid alone would leave it unpublished)', async () => {
    const never = await read(1015); // published_at 0001-01-01
    expect(() => productEditBody({ published: true }, never)).toThrow(expect.objectContaining({ refusal: { fields: { published: expect.stringContaining('never been released') }, summary: '' } }));
    expect(() => productEditBody({ published: true }, {})).toThrow(expect.objectContaining({ name: 'SaveRefusedError' }));
    // unpublishing it, or its name alone, still goes out
    expect(productEditBody({ published: false }, never)).toEqual({ product: { valid: false } });
  });
});
