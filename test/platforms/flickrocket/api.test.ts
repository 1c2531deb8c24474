import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlickRocketStore, type FlickRocketStore } from './server.ts';
import { APP_ORIGIN, api, signIn, toResult } from './client.ts';

let store: FlickRocketStore;
let origin: string;
let token: string;

beforeAll(async () => {
  store = await startFlickRocketStore({ port: 0, hooksPort: null });
  origin = store.origin;
  token = (await signIn(origin)).access_token;
});
afterAll(() => store.close());

const ids = (json: { products: { id: number }[] }): number[] => json.products.map((p) => p.id);

describe('API authentication', () => {
  it('accepts the Bearer header and the access_token query parameter, and records which was used (the query as a leak)', async () => {
    store.clearRequests();
    const leaks = store.stats().requestsWithTokensInQuery;
    expect((await api(origin, '/api/products/count.json', token)).json).toEqual({ count: 153 });
    expect(store.stats().requestsWithTokensInQuery).toBe(leaks);
    expect((await api(origin, `/api/products/count.json?access_token=${token}`)).status).toBe(200);
    expect(store.stats().requestsWithTokensInQuery).toBe(leaks + 1);
    const [header, query] = store.requests();
    expect(header).toMatchObject({ path: '/api/products/count.json', bearer: true, tokensInQuery: [], status: 200 });
    expect(query).toMatchObject({ bearer: false, tokensInQuery: ['access_token'], queryKeys: ['access_token'] });
    expect(JSON.stringify(store.requests())).not.toContain(token);
  });

  it('401 with the tokeninfo error words: required, invalid, expired', async () => {
    expect((await api(origin, '/api/products.json')).json).toEqual({ error: 'access_token required' });
    const invalid = await api(origin, '/api/products.json', 'not-a-token');
    expect(invalid.status).toBe(401);
    expect(invalid.json).toEqual({ error: 'invalid access_token' });
    const other = await startFlickRocketStore({ port: 0, hooksPort: null });
    try {
      const tokens = await signIn(other.origin);
      other.expireAccessTokens();
      expect((await api(other.origin, '/api/products.json', tokens.access_token)).json).toEqual({ error: 'expired' });
      const fresh = await signIn(other.origin);
      other.revokeAll();
      expect((await api(other.origin, '/api/products.json', fresh.access_token)).json).toEqual({ error: 'invalid access_token' });
    } finally {
      await other.close();
    }
  });

  it('enforces scopes: products for products/prices/categories/licenses, orders for orders (403 insufficient_scope)', async () => {
    const productsOnly = (await signIn(origin, 'products')).access_token;
    const ordersOnly = (await signIn(origin, 'orders')).access_token;
    const forbidden = await api(origin, '/api/orders.json', productsOnly);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toEqual({ error: 'insufficient_scope' });
    for (const path of ['/api/products.json', '/api/prices.json', '/api/categories.json', '/api/licenses.json', '/api/products/1001.json']) {
      expect((await api(origin, path, ordersOnly)).status).toBe(403);
      expect((await api(origin, path, productsOnly)).status).toBe(200);
    }
    expect((await api(origin, '/api/orders.json', ordersOnly)).status).toBe(200);
  });

  it('GET /api/tokeninfo says what a token may do', async () => {
    const info = await api(origin, `/api/tokeninfo?access_token=${token}`);
    expect(info.json).toMatchObject({ scope: 'products,orders', access_type: 'offline' });
    expect(Number(info.json.expires_in)).toBeGreaterThan(1700);
  });
});

describe('GET /api/products.json', () => {
  it('50 a page, 1-based; no page, page=0 and page=1 are the first page', async () => {
    const none = await api(origin, '/api/products.json', token);
    expect(none.json.products).toHaveLength(50);
    expect(ids(none.json)[0]).toBe(1001);
    expect(ids((await api(origin, '/api/products.json?page=0', token)).json)).toEqual(ids(none.json));
    expect(ids((await api(origin, '/api/products.json?page=1', token)).json)).toEqual(ids(none.json));
    const second = await api(origin, '/api/products.json?page=2', token);
    expect(ids(second.json)[0]).toBe(1051);
    const last = await api(origin, '/api/products.json?page=4', token);
    expect(ids(last.json)).toEqual([1900, 1901, 1902]);
    expect((await api(origin, '/api/products.json?page=5', token)).json).toEqual({ products: [] });
  });

  it('reads the page parameter case-insensitively (ASP.NET binding)', async () => {
    const upper = await api(origin, '/api/products.json?Page=3', token);
    expect(ids(upper.json)[0]).toBe(1101);
    expect(ids((await api(origin, '/api/products.json?PAGE=2', token)).json)[0]).toBe(1051);
  });

  it('fields= projects top-level fields', async () => {
    const result = await api(origin, '/api/products.json?fields=id,title,price_license_binding', token);
    expect(Object.keys(result.json.products[0]).sort()).toEqual(['id', 'price_license_binding', 'title']);
  });

  it('query=field:value filters (substring on text, exact on product_type); other fields are a 400', async () => {
    const byTitle = await api(origin, `/api/products.json?query=${encodeURIComponent('title:1042 (')}`, token);
    expect(ids(byTitle.json)).toEqual([1042]);
    const byType = await api(origin, '/api/products.json?query=product_type:9', token);
    expect(byType.json.products.length).toBeGreaterThan(0);
    expect(byType.json.products.every((p: { product_type: number }) => p.product_type === 9)).toBe(true);
    expect((await api(origin, '/api/products.json?query=price:1', token)).status).toBe(400);
  });

  it('serves the edge cases: a model without EUR, a model without any currency, two and three licence bindings, no locales, hostile data', async () => {
    const products = (await api(origin, '/api/products.json', token)).json.products;
    const prices = (await api(origin, '/api/prices.json', token)).json.prices as { id: number; currencies: { currency: string; price: number }[] }[];
    const model = (id: number) => prices.find((p) => p.id === id);
    const p1001 = products.find((p: { id: number }) => p.id === 1001);
    expect(model(p1001.price_license_binding[0].price_id)?.currencies.map((c) => c.currency)).toEqual(['usd']);
    expect(products.find((p: { id: number }) => p.id === 1002).price_license_binding).toHaveLength(2);
    // 1009: three licences, named in licenses.json, one of them on the USD-only model
    const licences = (await api(origin, '/api/licenses.json', token)).json.licenses as { id: number; name: string }[];
    const p1009 = products.find((p: { id: number }) => p.id === 1009).price_license_binding as { license_id: number; price_id: number }[];
    expect(p1009.map((b) => licences.find((l) => l.id === b.license_id)?.name)).toEqual(['Buy', 'Rent 48 h', 'Family (5 devices)']);
    expect(model(p1009[2]!.price_id)?.currencies.map((c) => c.currency)).toEqual(['usd']);
    // 1008: a model priced by country only, no currency at all
    const p1008 = model(products.find((p: { id: number }) => p.id === 1008).price_license_binding[0].price_id) as unknown as { currencies: unknown[]; countries: unknown[] };
    expect(p1008.currencies).toEqual([]);
    expect(p1008.countries).toHaveLength(1);
    expect(products.find((p: { id: number }) => p.id === 1004).locales).toEqual([]);
    const hostile = (await api(origin, '/api/products.json?page=4', token)).json.products;
    expect(JSON.stringify(hostile)).toContain('<script>');
    expect(JSON.stringify(hostile)).toContain('javascript:');
  });
});

describe('other resources', () => {
  it('price models are in cents with lower-case currency codes; one by id is {"price":{...}}', async () => {
    const prices = (await api(origin, '/api/prices.json', token)).json.prices;
    for (const model of prices) for (const c of model.currencies) {
      expect(c.currency).toMatch(/^[a-z]{3}$/);
      expect(Number.isInteger(c.price)).toBe(true);
    }
    expect((await api(origin, '/api/prices/1.json', token)).json.price.currencies).toEqual([
      { currency: 'eur', price: 1499 },
      { currency: 'usd', price: 1599 },
    ]);
    expect((await api(origin, '/api/prices/99.json', token)).status).toBe(404);
  });

  it('categories and licences collapse to a singular object when exactly one exists', async () => {
    expect((await api(origin, '/api/categories.json', token)).json.categories).toHaveLength(6);
    expect((await api(origin, '/api/licenses.json', token)).json.licenses).toHaveLength(5);
    const other = await startFlickRocketStore({ port: 0, hooksPort: null, categoryCount: 1, licenseCount: 1 });
    try {
      const t = (await signIn(other.origin)).access_token;
      expect((await api(other.origin, '/api/categories.json', t)).json).toEqual({ category: { id: 197, name: 'Books', created_at: '2012-04-16T13:54:12' } });
      expect((await api(other.origin, '/api/licenses.json', t)).json).toEqual({
        license: { id: 16, name: 'Single user', num_users: 1, locales: [{ language_id: 1, name: 'Single user', description: '' }, { language_id: 2, name: 'Einzelplatz', description: '' }] },
      });
      expect((await api(other.origin, '/api/products.json?query=title:1001', t)).json.products).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('a product by its short id is {"product":{...}}', async () => {
    const result = await api(origin, '/api/products/1002.json', token);
    expect(result.json.product.id).toBe(1002);
    expect((await api(origin, '/api/products/99999.json', token)).status).toBe(404);
  });

  it('orders: 50 a page, count, created_at_min', async () => {
    expect((await api(origin, '/api/orders.json', token)).json.orders).toHaveLength(50);
    expect((await api(origin, '/api/orders.json?page=2', token)).json.orders).toHaveLength(10);
    expect((await api(origin, '/api/orders/count.json', token)).json).toEqual({ count: 60 });
    const recent = await api(origin, '/api/orders.json?created_at_min=2024-01-01T00:00:00', token);
    expect(recent.json.orders.every((o: { created_at: string }) => o.created_at >= '2024-01-01')).toBe(true);
  });
});

describe('PUT /api/products/{id}.json', () => {
  const put = (id: number, body: unknown) =>
    api(origin, `/api/products/${id}.json`, token, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('`locales` replaces the list: a language left out of the PUT is gone, one left out of the body is kept', async () => {
    expect(store.getProduct(1013)?.locales.map((l) => l.language_id)).toEqual([1, 2]);
    expect((await put(1013, { product: { locales: [{ language_id: 2, title: 'Nur', description: '<p>Nur</p>' }] } })).status).toBe(200);
    expect(store.getProduct(1013)?.locales).toEqual([{ language_id: 2, title: 'Nur', description: '<p>Nur</p>' }]);
    expect((await put(1013, { product: { title: 'Titel' } })).status).toBe(200);
    expect(store.getProduct(1013)?.locales).toHaveLength(1);
  });

  it('edits title, valid and a locale description', async () => {
    const result = await put(1003, { product: { title: 'Renamed', valid: false, locales: [{ language_id: 1, title: 'Renamed', description: '<p>New</p>' }] } });
    expect(result.status).toBe(200);
    expect(result.json.product).toMatchObject({ id: 1003, title: 'Renamed', valid: false });
    expect(store.getProduct(1003)?.locales[0]).toEqual({ language_id: 1, title: 'Renamed', description: '<p>New</p>' });
    expect((await api(origin, '/api/products/1003.json', token)).json.product.title).toBe('Renamed');
  });

  it('refuses a body without the product wrapper, bad types, and needs the products scope', async () => {
    expect((await put(1006, { title: 'x' })).status).toBe(400);
    expect((await put(1006, { product: { valid: 'yes' } })).status).toBe(400);
    expect((await put(1006, { product: { title: '' } })).status).toBe(400);
    const ordersOnly = (await signIn(origin, 'orders')).access_token;
    const denied = await api(origin, '/api/products/1006.json', ordersOnly, { method: 'PUT', body: '{"product":{"title":"x"}}' });
    expect(denied.status).toBe(403);
    expect(store.getProduct(1006)?.title).not.toBe('x');
  });
});

describe('rate limit and CORS on the API', () => {
  it('leaky bucket: 429 {"error":"rate_limited"} after the burst, drains with the clock', async () => {
    const limited = await startFlickRocketStore({ port: 0, hooksPort: null, rateLimit: { capacity: 3, leakPerSecond: 1 } });
    try {
      const t = (await signIn(limited.origin)).access_token;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await api(limited.origin, '/api/products/count.json', t)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const blocked = await api(limited.origin, '/api/products/count.json', t);
      expect(blocked.json).toEqual({ error: 'rate_limited' });
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      limited.advanceClock(2);
      expect((await api(limited.origin, '/api/products/count.json', t)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('CORS for allowed origins only, and none at all after setCors("none")', async () => {
    const allowed = await api(origin, '/api/products/count.json', token, { headers: { Origin: APP_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const preflight = await toResult(await fetch(`${origin}/api/products/1.json`, { method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'PUT' } }));
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect((await api(origin, '/api/products/count.json', token, { headers: { Origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    store.setCors('none');
    try {
      expect((await api(origin, '/api/products/count.json', token, { headers: { Origin: APP_ORIGIN } })).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      store.setCors('allow');
    }
  });
});
