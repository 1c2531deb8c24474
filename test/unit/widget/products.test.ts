/**
 * The widget's Goodsie read: one request with the token in the Authorization header only, and cards
 * that say what the app's own adapter (goodsie-map.ts) says about the same wire products, hostile
 * ones included: the slim reader parses less, never differently.
 */
import { describe, expect, it } from 'vitest';
import { fetchProducts } from '../../../src/widget/products.ts';
import type { WidgetOptions } from '../../../src/widget/options.ts';
import { loadProvider } from '../../../src/lib/providers/registry.ts';
import { buildApiUrl } from '../../../src/lib/shared/api-url.ts';
import { formatPrice } from '../../../src/lib/shared/money.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';
import { answerOnce, json } from '../../helpers/fake-fetch.ts';
import { Catalogue, productToWire } from '../../demo-store/catalogue.ts';
import { requirePrice } from '../../helpers/prices.ts';

const TOKEN = 'sf-token-123';
const OPTIONS: WidgetOptions = { kind: 'goodsie', apiBase: 'https://api.shop.example', token: TOKEN, category: 'kitchen', search: 'linen apron', limit: 8, columns: null };

describe('the Goodsie storefront read', () => {
  it('asks for the first page of `limit` products with the filters, as the app’s adapter spells it, and the URL holds no token', async () => {
    const goodsie = await loadProvider('goodsie');
    for (const options of [OPTIONS, { ...OPTIONS, apiBase: 'https://shop.example/store', category: '', search: '' }]) {
      const { fetch, seen } = answerOnce(json({ products: [], paging: wirePaging({ total: 0 }) }));
      await fetchProducts(options, fetch);
      const adapterUrl = buildApiUrl(options.apiBase, goodsie.adapter.listProductsRequest({ page: 0, count: options.limit, q: options.search, category: options.category }));
      expect(seen[0]?.url.href).toBe(adapterUrl.href);
      expect(seen[0]?.url.href).not.toContain(TOKEN);
      expect(seen[0]?.url.searchParams.has('access_token')).toBe(false);
    }
    const { fetch, seen } = answerOnce(json({ products: [], paging: wirePaging({ total: 0 }) }));
    await fetchProducts(OPTIONS, fetch);
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ page: '0', count: '8', q: 'linen apron', category: 'kitchen' });
  });

  it('sends the token in the Authorization header only, without cookies or Referer, and reads the card', async () => {
    const { fetch, seen: calls } = answerOnce(json({ products: [wireProduct()], paging: wirePaging() }));
    const cards = await fetchProducts(OPTIONS, fetch);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(call?.init.credentials).toBe('omit');
    expect(call?.init.referrerPolicy).toBe('no-referrer');
    expect(cards).toEqual([
      {
        name: 'Linen apron',
        price: 19.899999999999999,
        currency: 'USD',
        compareAtPrice: 24.5,
        image: { url: 'https://cdn.shop.example/apron.jpg', alt: 'An apron', width: 800, height: 600 },
        permalink: 'https://shop.example/products/linen-apron',
        inStock: true,
      },
    ]);
  });

  it('drops unpublished products, in case a stronger token was pasted', async () => {
    const { fetch } = answerOnce(json({ products: [wireProduct(), wireProduct({ id: 'hidden', name: 'Hidden', published: false })], paging: wirePaging({ total: 2 }) }));
    expect((await fetchProducts(OPTIONS, fetch)).map((card) => card.name)).toEqual(['Linen apron']);
  });

  it('leaves out a product it cannot read, as the app’s adapter does (readableItems), and keeps the rest; only where none can be read is the answer refused', async () => {
    const wire = [wireProduct(), wireProduct({ id: 'bad-price', name: 'Bad price', cost_raw: 'ask us' }), wireProduct({ id: 'mug', name: 'Mug' }), wireProduct({ id: 'bad-currency', name: 'Bad currency', currency: 'dollars' })];
    const { fetch } = answerOnce(json({ products: wire, paging: wirePaging({ total: wire.length }) }));
    expect((await fetchProducts(OPTIONS, fetch)).map((card) => card.name)).toEqual(['Linen apron', 'Mug']);
    const goodsie = await loadProvider('goodsie');
    expect(goodsie.adapter.mapProductPage({ products: wire, paging: wirePaging({ total: wire.length }) }).products.map((product) => product.name)).toEqual(['Linen apron', 'Mug']);
    const none = answerOnce(json({ products: wire.filter((product) => String(product.name).startsWith('Bad')), paging: wirePaging({ total: 2 }) }));
    expect((await catchAppError(() => fetchProducts(OPTIONS, none.fetch))).code).toBe('API_INVALID_RESPONSE');
  });

  it('gives at most `limit` cards, also from a store that sends more than it was asked for', async () => {
    const wire = Array.from({ length: 30 }, (_, index) => wireProduct({ id: `p${index}`, name: `Product ${index}` }));
    const { fetch } = answerOnce(json({ products: wire, paging: wirePaging({ total: wire.length }) }));
    expect((await fetchProducts(OPTIONS, fetch)).map((card) => card.name)).toEqual(wire.slice(0, OPTIONS.limit).map((product) => product.name));
  });

  it('says what the app’s adapter says about every seeded product, hostile ones included (name, price as shown, picture, link, stock)', async () => {
    const goodsie = await loadProvider('goodsie');
    const catalogue = new Catalogue({ productCount: 60, hostileProducts: true });
    const wire = catalogue.list({ page: 0, count: 100, sort: 'newest', includeUnpublished: true }).products.map((product) => productToWire(product, 'https://store.example', false));
    expect(wire.length).toBeGreaterThan(60);
    const { fetch } = answerOnce(json({ products: wire, paging: wirePaging({ total: wire.length }) }));
    const cards = await fetchProducts({ ...OPTIONS, search: '', category: '', limit: 100 }, fetch);
    const products = goodsie.adapter.mapProductPage({ products: wire, paging: wirePaging({ total: wire.length }) }).products.filter((product) => product.published);
    expect(cards.length).toBe(products.length);
    expect(products.some((product) => !product.permalink || product.images.length === 0)).toBe(true);
    cards.forEach((card, index) => {
      const product = products[index]!;
      expect(card.name).toBe(product.name);
      expect(card.currency).toBe(product.currency);
      expect(formatPrice(card.price, card.currency, 'en-US')).toBe(formatPrice(requirePrice(product), product.currency, 'en-US'));
      expect(card.compareAtPrice === null ? null : formatPrice(card.compareAtPrice, card.currency, 'en-US')).toBe(product.compareAtPrice === null ? null : formatPrice(product.compareAtPrice, product.currency, 'en-US'));
      expect(card.image).toEqual(product.images[0]);
      expect(card.permalink).toBe(product.permalink);
      expect(card.inStock).toBe(product.inStock);
    });
  });

  it('turns 401 and 403 into the token-not-valid codes, and never puts the token in the error', async () => {
    for (const [status, code] of [
      [401, 'API_UNAUTHORIZED'],
      [403, 'API_INSUFFICIENT_SCOPE'],
      [404, 'API_NOT_FOUND'],
      [429, 'API_RATE_LIMITED'],
      [503, 'API_SERVER_ERROR'],
    ] as const) {
      const { fetch } = answerOnce(json({ error: 'invalid_token' }, status));
      const error = await catchAppError(() => fetchProducts(OPTIONS, fetch));
      expect(error.code).toBe(code);
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('reports network failures, broken bodies and an unknown kind by code', async () => {
    const down = answerOnce(new TypeError('Failed to fetch'));
    expect((await catchAppError(() => fetchProducts(OPTIONS, down.fetch))).code).toBe('API_NETWORK_ERROR');
    const html = answerOnce(new Response('<html>', { status: 200 }));
    expect((await catchAppError(() => fetchProducts(OPTIONS, html.fetch))).code).toBe('API_INVALID_RESPONSE');
    for (const body of [{ products: 'nope' }, { products: [wireProduct({ cost_raw: -1 })] }, { products: [wireProduct({ currency: 'dollars' })] }, { products: [wireProduct({ name: 7 })] }, [1]]) {
      const wrong = answerOnce(json(body));
      expect((await catchAppError(() => fetchProducts(OPTIONS, wrong.fetch))).code).toBe('API_INVALID_RESPONSE');
    }
    const nobody = answerOnce(json({ products: [] }));
    expect((await catchAppError(() => fetchProducts({ ...OPTIONS, kind: 'storehippo' }, nobody.fetch))).code).toBe('CONFIG_INVALID');
    expect(nobody.seen).toHaveLength(0);
  });
});
