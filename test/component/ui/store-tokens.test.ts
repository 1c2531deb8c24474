/**
 * Security case 32: two stores connected, each on its own API origin. A store's token goes only to
 * that store's origin, whichever calls the screens make, in whatever order, and whatever a product
 * id holds (one made to look like the other store's address, or to climb out of the API's path).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { OTHER_ORIGIN, SHOP_ORIGIN, createTestApp, json, tokenFor } from '../../helpers/component-harness.ts';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';

afterEach(cleanup);

const HOSTILE_IDS = ['https://other.example/api/v1/products/x', '//other.example/x', '@other.example', '../../../other', '%2F%2Fother.example'];

describe('two stores connected', () => {
  it("sends each store's token to its own API origin only", async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'], other: ['storefront'] } });
    for (const origin of [SHOP_ORIGIN, OTHER_ORIGIN]) {
      const store = origin === SHOP_ORIGIN ? 'demo' : 'other';
      app.network.on('GET', '/api/v1/metadata', () => json({ name: store, currency: 'USD' }), { origin });
      app.network.on('GET', '/api/v1/products', () => json({ products: [wireProduct({ id: `${store}-1` })], paging: wirePaging({ count: 24, total: 1 }) }), { origin, query: { page: '0', count: '24' } });
      for (const id of HOSTILE_IDS) {
        app.network.on('GET', `/api/v1/products/${encodeURIComponent(id)}`, () => json(wireProduct({ id })), { origin });
      }
    }
    const demo = app.apis.for('demo');
    const other = app.apis.for('other');
    // Interleaved, as two tabs' screens or a switch between stores would make them.
    await Promise.all([demo.getMetadata(), other.getMetadata(), demo.listProducts({ page: 0, count: 24 }), other.listProducts({ page: 0, count: 24 })]);
    for (const id of HOSTILE_IDS) await Promise.all([demo.getProduct(id), other.getProduct(id)]);

    const sent = app.network.seen.map((request) => ({ origin: request.url.origin, token: request.headers.get('Authorization') }));
    expect(sent).toHaveLength(4 + 2 * HOSTILE_IDS.length);
    expect(sent.filter((s) => s.token === `Bearer ${tokenFor('demo')}`).every((s) => s.origin === SHOP_ORIGIN)).toBe(true);
    expect(sent.filter((s) => s.token === `Bearer ${tokenFor('other')}`).every((s) => s.origin === OTHER_ORIGIN)).toBe(true);
    expect(sent.filter((s) => s.origin === SHOP_ORIGIN)).toHaveLength(2 + HOSTILE_IDS.length);
    expect(sent.every((s) => s.token === `Bearer ${tokenFor(s.origin === SHOP_ORIGIN ? 'demo' : 'other')}`)).toBe(true);
  });
});
