/**
 * The widget's Shopware path against the faithful server's Store API: the sales channel key goes in
 * `sw-access-key` (never Authorization, never the URL), only active products, the context's currency,
 * search through /store-api/search; a wrong key is the widget's "not accepted" error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { readWidgetOptions, type WidgetAttribute } from '../../../src/widget/options.ts';
import { fetchProducts } from '../../../src/widget/products.ts';
import { SALES_CHANNEL_ACCESS_KEY } from '../../platforms/shopware/constants.ts';
import { startShopwareStore, type ShopwareStore } from '../../platforms/shopware/server.ts';

let server: ShopwareStore;
beforeAll(async () => {
  server = await startShopwareStore({ port: 0 });
});
afterAll(() => server.close());

function options(attributes: Partial<Record<WidgetAttribute, string>>) {
  const result = readWidgetOptions((name) => attributes[name] ?? null);
  if (!result.ok) throw new Error(result.problem);
  return result.options;
}

describe('Shopware widget', () => {
  it('reads kind="shopware6" with access-key and sends it only as sw-access-key', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push({ url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    };
    const products = await fetchProducts(options({ kind: 'shopware6', 'api-base': server.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, limit: '50' }), spy);
    expect(products.length).toBeGreaterThan(5);
    expect(products.map((p) => p.name)).not.toContain('Seasonal Stollen');
    expect(products.every((p) => p.currency === 'EUR')).toBe(true);
    expect(seen.map((s) => new URL(s.url).pathname).sort()).toEqual(['/store-api/context', '/store-api/product']);
    for (const request of seen) {
      expect(request.headers.get('sw-access-key')).toBe(SALES_CHANNEL_ACCESS_KEY);
      expect(request.headers.get('Authorization')).toBeNull();
      expect(request.url).not.toContain(SALES_CHANNEL_ACCESS_KEY);
    }
  });

  it('searches through /store-api/search and filters by category', async () => {
    const found = await fetchProducts(options({ kind: 'shopware6', 'api-base': server.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, search: 'apple' }), fetch);
    expect(found.map((p) => p.name)).toContain('Pink Lady Apples 1 kg');
    const fruit = await fetchProducts(options({ kind: 'shopware6', 'api-base': server.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, category: 'Fruit' }), fetch);
    expect(fruit.map((p) => p.name).sort()).toEqual(['Bananas', 'Cherries 500 g', 'Conference Pears', 'Pink Lady Apples 1 kg']);
  });

  it('with storefront-url, each card links to its product’s page on the shop’s Storefront; without it, none (regression: cards never linked)', async () => {
    const attributes = { kind: 'shopware6', 'api-base': server.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, category: 'Fruit' };
    const linked = await fetchProducts(options({ ...attributes, 'storefront-url': `${server.origin}/` }), fetch);
    expect(linked.length).toBe(4);
    for (const card of linked) {
      expect(card.permalink).toMatch(new RegExp(`^${server.origin.replace(/\./g, '\\.')}/detail/[0-9a-f]{32}$`));
      const page = await fetch(card.permalink!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<h1>${card.name}</h1>`);
    }
    expect((await fetchProducts(options(attributes), fetch)).map((card) => card.permalink ?? '')).toEqual(['', '', '', '']);
    // the Storefront shows no page for a product the sales channel does not show
    const inactive = await fetch(`${server.origin}/detail/${'0'.repeat(32)}`);
    expect(inactive.status).toBe(404);
  });

  it('leaves out a product whose price cannot be read and shows the rest; where none can be read, API_INVALID_RESPONSE', async () => {
    /** The shop's real answer with `spoil` applied to its product list. */
    const spoiling =
      (spoil: (elements: Record<string, unknown>[]) => void): typeof fetch =>
      async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith('/store-api/product')) return response;
        const body = (await response.json()) as { elements: Record<string, unknown>[] };
        spoil(body.elements);
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      };
    const fruit = options({ kind: 'shopware6', 'api-base': server.origin, 'access-key': SALES_CHANNEL_ACCESS_KEY, category: 'Fruit' });
    const all = (await fetchProducts(fruit, fetch)).map((p) => p.name);
    expect(all).toHaveLength(4);
    const some = await fetchProducts(
      fruit,
      spoiling((elements) => {
        elements[1]!.calculatedCheapestPrice = 'on request';
      }),
    );
    expect(some.map((p) => p.name)).toEqual(all.filter((_, index) => index !== 1));
    const error = await fetchProducts(fruit, spoiling((elements) => elements.forEach((element) => (element.calculatedCheapestPrice = 'on request')))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('API_INVALID_RESPONSE');
  });

  it('a wrong key is API_UNAUTHORIZED; a missing key names the attribute', async () => {
    const error = await fetchProducts(options({ kind: 'shopware6', 'api-base': server.origin, 'access-key': 'SWSCWRONGKEY0000000000000' }), fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('API_UNAUTHORIZED');
    expect(readWidgetOptions((name) => ({ kind: 'shopware6', 'api-base': server.origin })[name as 'kind'] ?? null)).toEqual({ ok: false, problem: 'no token attribute (Shopware: access-key).' });
  });
});
