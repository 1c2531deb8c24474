import { describe, expect, it } from 'vitest';
import { codeForStatus, fetchProducts, productsRequestUrl } from '../../../src/widget/products.ts';
import type { WidgetOptions } from '../../../src/widget/options.ts';
import { loadProvider } from '../../../src/lib/providers/registry.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';
import { answerOnce, json } from '../../helpers/fake-fetch.ts';

const TOKEN = 'sf-token-123';
const OPTIONS: WidgetOptions = { kind: 'goodsie', apiBase: 'https://api.shop.example', token: TOKEN, category: 'kitchen', search: 'linen apron', limit: 8, columns: null };

describe('productsRequestUrl', () => {
  it('asks for the first page of `limit` products with the filters, and holds no token', async () => {
    const url = new URL(productsRequestUrl(await loadProvider('goodsie'), OPTIONS));
    expect(url.origin + url.pathname).toBe('https://api.shop.example/api/v1/products');
    expect(Object.fromEntries(url.searchParams)).toEqual({ page: '0', count: '8', q: 'linen apron', category: 'kitchen' });
    expect(url.href).not.toContain(TOKEN);
    expect(url.searchParams.has('access_token')).toBe(false);
  });

  it('leaves out empty filters and keeps a path in the API base', async () => {
    const url = new URL(productsRequestUrl(await loadProvider('goodsie'), { ...OPTIONS, apiBase: 'https://shop.example/store', category: '', search: '' }));
    expect(url.pathname).toBe('/store/api/v1/products');
    expect([...url.searchParams.keys()].sort()).toEqual(['count', 'page']);
  });
});

describe('fetchProducts', () => {
  it('sends the token in the Authorization header only, without cookies or Referer, and maps the products', async () => {
    const { fetch, seen: calls } = answerOnce(json({ products: [wireProduct()], paging: wirePaging() }));
    const products = await fetchProducts(OPTIONS, fetch);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url.href).not.toContain(TOKEN);
    expect(new Headers(call?.init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(call?.init?.credentials).toBe('omit');
    expect(call?.init?.referrerPolicy).toBe('no-referrer');
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ id: 'p-100', name: 'Linen apron', price: 19.9, currency: 'USD' });
  });

  it('drops unpublished products, in case a stronger token was pasted', async () => {
    const { fetch } = answerOnce(json({ products: [wireProduct(), wireProduct({ id: 'hidden', published: false })], paging: wirePaging({ total: 2 }) }));
    const products = await fetchProducts(OPTIONS, fetch);
    expect(products.map((p) => p.id)).toEqual(['p-100']);
  });

  it('turns 401 and 403 into the token-not-valid codes', async () => {
    for (const [status, code] of [
      [401, 'API_UNAUTHORIZED'],
      [403, 'API_INSUFFICIENT_SCOPE'],
    ] as const) {
      const { fetch } = answerOnce(json({ error: 'invalid_token' }, status));
      const error = await catchAppError(() => fetchProducts(OPTIONS, fetch));
      expect(error.code).toBe(code);
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('reports network failures and broken bodies by code', async () => {
    const down = answerOnce(new TypeError('Failed to fetch'));
    expect((await catchAppError(() => fetchProducts(OPTIONS, down.fetch))).code).toBe('API_NETWORK_ERROR');
    const html = answerOnce(new Response('<html>', { status: 200 }));
    expect((await catchAppError(() => fetchProducts(OPTIONS, html.fetch))).code).toBe('API_INVALID_RESPONSE');
    const wrong = answerOnce(json({ products: 'nope' }));
    expect((await catchAppError(() => fetchProducts(OPTIONS, wrong.fetch))).code).toBe('API_INVALID_RESPONSE');
  });

  it('maps statuses to codes', () => {
    expect(codeForStatus(404)).toBe('API_NOT_FOUND');
    expect(codeForStatus(429)).toBe('API_RATE_LIMITED');
    expect(codeForStatus(400)).toBe('API_BAD_REQUEST');
    expect(codeForStatus(503)).toBe('API_SERVER_ERROR');
  });
});
