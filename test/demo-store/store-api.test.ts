import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStore, type DemoStore } from './server.ts';
import { APP_ORIGIN, CLIENT_ID, REDIRECT_URI, api, authorize, codeTokens, implicitToken, pkcePair, tokenRequest } from './store-client.ts';

interface WireProduct {
  id: string;
  name: string;
  categories: string[];
  tags: string[];
  cost_raw: number;
  published: boolean;
  inventory?: number;
  in_stock: boolean;
  created: string;
  updated: string;
}

let store: DemoStore;
let origin: string;
let storefront: string;
let cart: string;
let admin: string;

beforeAll(async () => {
  store = await startDemoStore({ port: 0 });
  origin = store.origin;
  [storefront, cart, admin] = await Promise.all([
    implicitToken(origin, 'storefront'),
    implicitToken(origin, 'cart'),
    implicitToken(origin, 'admin'),
  ]);
});
afterAll(() => store.close());

async function allProducts(token: string): Promise<WireProduct[]> {
  const products: WireProduct[] = [];
  for (let page = 0; page < 10; page++) {
    const result = await api(origin, `/api/v1/products?count=100&page=${page}`, { token });
    products.push(...(result.json.products as WireProduct[]));
    if (result.json.products.length < 100) return products;
  }
  throw new Error('more than 1000 products');
}

function firstInStock(products: WireProduct[]): WireProduct {
  const product = products.find((p) => p.published && p.in_stock);
  if (product === undefined) throw new Error('no product in stock');
  return product;
}

describe('401: missing, unknown, revoked or expired token', () => {
  it.each([
    ['no token', undefined],
    ['an unknown token', 'not-a-real-token'],
  ])('%s -> 401 with WWW-Authenticate: Bearer error="invalid_token"', async (_label, token) => {
    for (const path of ['/api/v1/metadata', '/api/v1/products', '/api/v1/cart', '/api/v1/orders']) {
      const result = await api(origin, path, { token });
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(result.json.error).toBe('invalid_token');
      expect(typeof result.json.error_description).toBe('string');
    }
  });

  it('a Basic or malformed Authorization header counts as no token', async () => {
    const result = await api(origin, '/api/v1/metadata', { headers: { Authorization: 'Basic abc' } });
    expect(result.status).toBe(401);
  });

  it('revokeAllTokens() makes every token 401', async () => {
    const local = await startDemoStore({ port: 0, productCount: 10 });
    try {
      const token = await implicitToken(local.origin, 'storefront');
      expect((await api(local.origin, '/api/v1/metadata', { token })).status).toBe(200);
      local.revokeAllTokens();
      const result = await api(local.origin, '/api/v1/metadata', { token });
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    } finally {
      await local.close();
    }
  });
});

describe('403: valid token, missing scope', () => {
  it.each([
    ['cart token on metadata', () => cart, 'GET', '/api/v1/metadata', 'storefront'],
    ['cart token on products', () => cart, 'GET', '/api/v1/products', 'storefront'],
    ['storefront token on orders', () => storefront, 'GET', '/api/v1/orders', 'admin'],
    ['storefront token on coupons', () => storefront, 'GET', '/api/v1/coupons', 'admin'],
    ['storefront token creating a product', () => storefront, 'POST', '/api/v1/products', 'admin'],
    ['admin token on the cart (admin does not include cart)', () => admin, 'GET', '/api/v1/cart', 'cart'],
    ['storefront token adding to the cart', () => storefront, 'POST', '/api/v1/cart/items', 'cart'],
  ])('%s -> 403 naming the scope in the header and the body', async (_label, token, method, path, scope) => {
    const result = await api(origin, path, { token: token(), method, body: method === 'POST' ? {} : undefined });
    expect(result.status).toBe(403);
    expect(result.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="${scope}"`);
    expect(result.json).toEqual({ error: 'insufficient_scope', error_description: expect.any(String), scope });
  });

  it('admin includes storefront', async () => {
    expect((await api(origin, '/api/v1/products', { token: admin })).status).toBe(200);
    expect((await api(origin, '/api/v1/pages', { token: admin })).status).toBe(200);
  });

  it('narrowGrants() cuts every live token down to the given scopes; a refresh cannot win them back; new grants are whole', async () => {
    const local = await startDemoStore({ port: 0, productCount: 10 });
    try {
      const implicit = await implicitToken(local.origin, 'storefront cart admin');
      const code = await codeTokens(local.origin, 'storefront cart admin');
      for (const token of [implicit, code.access_token]) {
        expect((await api(local.origin, '/api/v1/orders', { token })).status).toBe(200);
        expect((await api(local.origin, '/api/v1/cart', { token })).status).toBe(200);
      }
      expect(() => local.narrowGrants(['storefront', 'everything'])).toThrow(/unknown scope/);

      local.narrowGrants(['storefront']);
      for (const token of [implicit, code.access_token]) {
        expect((await api(local.origin, '/api/v1/products', { token })).status).toBe(200);
        for (const [path, scope] of [['/api/v1/orders', 'admin'], ['/api/v1/cart', 'cart']] as const) {
          const refused = await api(local.origin, path, { token });
          expect(refused.status).toBe(403);
          expect(refused.json).toEqual({ error: 'insufficient_scope', error_description: expect.any(String), scope });
        }
      }
      const refreshed = await tokenRequest(local.origin, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: code.refresh_token });
      expect(refreshed.status).toBe(200);
      expect(refreshed.json.scope).toBe('storefront');
      expect((await api(local.origin, '/api/v1/orders', { token: refreshed.json.access_token })).status).toBe(403);
      const wider = await tokenRequest(local.origin, {
        grant_type: 'refresh_token',
        client_id: CLIENT_ID,
        refresh_token: refreshed.json.refresh_token,
        scope: 'storefront admin',
      });
      expect(wider.status).toBe(400);
      expect(wider.json.error).toBe('invalid_scope');

      const fresh = await implicitToken(local.origin, 'storefront cart admin');
      expect((await api(local.origin, '/api/v1/orders', { token: fresh })).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});

describe('GET /api/v1/metadata', () => {
  it('describes the store; email only with admin', async () => {
    const plain = await api(origin, '/api/v1/metadata', { token: storefront });
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({ name: 'Goodsie Demo Store', currency: 'USD', currency_symbol: '$', canonical_url: origin });
    expect(plain.json.logo_url).toBe(`${origin}/images/logo.svg`);
    expect(plain.json).not.toHaveProperty('email');
    const withAdmin = await api(origin, '/api/v1/metadata', { token: admin });
    expect(withAdmin.json.email).toMatch(/@example\.com$/);
  });
});

describe('GET /api/v1/products', () => {
  it('answers the first 20, newest first, with paging; published only and no inventory without admin', async () => {
    const result = await api(origin, '/api/v1/products', { token: storefront });
    expect(result.status).toBe(200);
    const products = result.json.products as WireProduct[];
    expect(products).toHaveLength(20);
    expect(result.json.paging).toEqual({ page: 0, count: 20, total: expect.any(Number) });
    const created = products.map((p) => p.created);
    expect(created).toEqual([...created].sort().reverse());
    expect(products.every((p) => p.published && !('inventory' in p))).toBe(true);
  });

  it('with admin, lists unpublished products too and shows inventory', async () => {
    const plain = (await api(origin, '/api/v1/products?count=1', { token: storefront })).json.paging.total as number;
    const all = await allProducts(admin);
    expect(all).toHaveLength(520);
    expect(plain).toBe(all.filter((p) => p.published).length);
    expect(plain).toBeLessThan(520);
    expect(all.every((p) => Number.isInteger(p.inventory))).toBe(true);
  });

  it('pages through every product once, without duplicates', async () => {
    const all = await allProducts(storefront);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(480);
  });

  it.each(['count=0', 'count=101', 'count=-5', 'count=abc', 'count=2.5', 'page=-1', 'page=1.5', 'page=x', 'sort=cheapest'])(
    '%s -> 400 invalid_request',
    async (query) => {
      const result = await api(origin, `/api/v1/products?${query}`, { token: storefront });
      expect(result.status).toBe(400);
      expect(result.json.error).toBe('invalid_request');
      expect(typeof result.json.error_description).toBe('string');
    },
  );

  it('a page past the end is 200 with an empty list and the real total', async () => {
    const result = await api(origin, '/api/v1/products?page=999&count=100', { token: storefront });
    expect(result.status).toBe(200);
    expect(result.json.products).toEqual([]);
    expect(result.json.paging).toEqual({ page: 999, count: 100, total: expect.any(Number) });
    expect(result.json.paging.total).toBeGreaterThan(400);
  });

  it('q matches name, category and tags case-insensitively', async () => {
    const byName = await api(origin, '/api/v1/products?q=MUG&count=100', { token: storefront });
    expect(byName.json.products.length).toBeGreaterThan(0);
    expect((byName.json.products as WireProduct[]).every((p) => p.name.toLowerCase().includes('mug'))).toBe(true);
    const byCategory = await api(origin, '/api/v1/products?q=stationery&count=100', { token: storefront });
    expect((byCategory.json.products as WireProduct[]).every((p) => p.categories.includes('Stationery') || p.name.toLowerCase().includes('stationery'))).toBe(true);
    expect(byCategory.json.products.length).toBeGreaterThan(10);
    const byTag = await api(origin, '/api/v1/products?q=bestseller&count=100', { token: storefront });
    expect(byTag.json.products.length).toBeGreaterThan(0);
    expect((byTag.json.products as WireProduct[]).every((p) => p.tags.includes('bestseller'))).toBe(true);
  });

  it('category filters exactly', async () => {
    const result = await api(origin, `/api/v1/products?category=${encodeURIComponent('Home & Kitchen')}&count=100`, { token: storefront });
    expect(result.json.products.length).toBeGreaterThan(10);
    expect((result.json.products as WireProduct[]).every((p) => p.categories.includes('Home & Kitchen'))).toBe(true);
    const none = await api(origin, '/api/v1/products?category=Nothing', { token: storefront });
    expect(none.json).toEqual({ products: [], paging: { page: 0, count: 20, total: 0 } });
  });

  it.each([
    ['name', (a: WireProduct, b: WireProduct) => a.name.localeCompare(b.name, 'en') <= 0],
    ['price', (a: WireProduct, b: WireProduct) => a.cost_raw <= b.cost_raw],
    ['-price', (a: WireProduct, b: WireProduct) => a.cost_raw >= b.cost_raw],
  ])('sort=%s orders the list', async (sort, inOrder) => {
    const products = (await api(origin, `/api/v1/products?sort=${sort}&count=100`, { token: storefront })).json.products as WireProduct[];
    expect(products).toHaveLength(100);
    for (let i = 1; i < products.length; i++) expect(inOrder(products[i - 1]!, products[i]!)).toBe(true);
  });

  it('accepts ?access_token= (as the contract allows) but not together with the header', async () => {
    const query = await api(origin, `/api/v1/products?count=1&access_token=${storefront}`);
    expect(query.status).toBe(200);
    const both = await api(origin, `/api/v1/products?access_token=${storefront}`, { token: storefront });
    expect(both.status).toBe(400);
    const elsewhere = await api(origin, `/api/v1/metadata?access_token=${storefront}`);
    expect(elsewhere.status).toBe(401);
  });
});

describe('GET /api/v1/products/{id}', () => {
  it('answers one product (as the list shows it), 404 for an unknown one', async () => {
    const listed = (await api(origin, '/api/v1/products?count=1&sort=name', { token: storefront })).json.products[0] as WireProduct;
    const one = await api(origin, `/api/v1/products/${listed.id}`, { token: storefront });
    expect(one.status).toBe(200);
    expect(one.json).toEqual(listed);
    const missing = await api(origin, '/api/v1/products/nope', { token: storefront });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('not_found');
  });

  it('hides an unpublished product from storefront (404) but not from admin', async () => {
    const hidden = (await allProducts(admin)).find((p) => !p.published);
    if (hidden === undefined) throw new Error('no unpublished product');
    expect((await api(origin, `/api/v1/products/${hidden.id}`, { token: storefront })).status).toBe(404);
    const seen = await api(origin, `/api/v1/products/${hidden.id}`, { token: admin });
    expect(seen.status).toBe(200);
    expect(seen.json.inventory).toBe(hidden.inventory);
  });
});

describe('POST /api/v1/products', () => {
  it('creates a product with admin (201 + Location) that comes first in the newest sort', async () => {
    const result = await api(origin, '/api/v1/products', {
      token: admin,
      method: 'POST',
      body: { name: 'Test Kettle', cost_raw: 42.5, inventory: 3, categories: ['Home & Kitchen'], tags: ['new'] },
    });
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({ name: 'Test Kettle', cost_raw: 42.5, cost: '$42.50', currency: 'USD', in_stock: true, published: true, inventory: 3 });
    expect(result.headers.get('location')).toBe(`${origin}/api/v1/products/${result.json.id}`);
    const first = await api(origin, '/api/v1/products?count=1', { token: storefront });
    expect(first.json.products[0].id).toBe(result.json.id);
  });

  it.each([
    ['no name', { cost_raw: 1 }],
    ['no cost_raw', { name: 'X' }],
    ['an empty name', { name: ' ', cost_raw: 1 }],
    ['a string price', { name: 'X', cost_raw: '1' }],
    ['a negative inventory', { name: 'X', cost_raw: 1, inventory: -1 }],
    ['an array body', [1]],
  ])('%s -> 400', async (_label, body) => {
    const result = await api(origin, '/api/v1/products', { token: admin, method: 'POST', body });
    expect(result.status).toBe(400);
    expect(result.json.error).toBe('invalid_request');
  });

  it('invalid JSON -> 400', async () => {
    const result = await api(origin, '/api/v1/products', { token: admin, method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(result.status).toBe(400);
  });
});

describe('PATCH /api/v1/products/{id}', () => {
  it('updates with the current `updated`, moving `updated` forward', async () => {
    const before = store.getProduct('1002') as WireProduct;
    const result = await api(origin, '/api/v1/products/1002', { token: admin, method: 'PATCH', body: { name: 'Renamed', cost_raw: 10.1, updated: before.updated } });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ id: '1002', name: 'Renamed', cost_raw: 10.1, cost: '$10.10' });
    expect(Date.parse(result.json.updated)).toBeGreaterThan(Date.parse(before.updated));
    expect(store.getProduct('1002')).toEqual(result.json);
  });

  it('a stale `updated` -> 409 with the server current copy', async () => {
    const before = store.getProduct('1003') as WireProduct;
    store.touchProduct('1003', { name: 'Edited elsewhere', cost_raw: 99.99 });
    const result = await api(origin, '/api/v1/products/1003', { token: admin, method: 'PATCH', body: { name: 'Mine', updated: before.updated } });
    expect(result.status).toBe(409);
    expect(result.json.error).toBe('conflict');
    expect(result.json.product).toEqual(store.getProduct('1003'));
    expect(result.json.product).toMatchObject({ name: 'Edited elsewhere', cost_raw: 99.99 });
    expect((store.getProduct('1003') as WireProduct).name).toBe('Edited elsewhere');
  });

  it('requires `updated` and well-typed fields; 404 for an unknown product; 403 without admin', async () => {
    const current = store.getProduct('1004') as WireProduct;
    expect((await api(origin, '/api/v1/products/1004', { token: admin, method: 'PATCH', body: { name: 'X' } })).status).toBe(400);
    expect((await api(origin, '/api/v1/products/1004', { token: admin, method: 'PATCH', body: { published: 'yes', updated: current.updated } })).status).toBe(400);
    expect((await api(origin, '/api/v1/products/none', { token: admin, method: 'PATCH', body: { name: 'X', updated: current.updated } })).status).toBe(404);
    expect((await api(origin, '/api/v1/products/1004', { token: storefront, method: 'PATCH', body: { name: 'X', updated: current.updated } })).status).toBe(403);
    expect(store.getProduct('1004')).toEqual(current);
  });

  it('can unpublish a product and set inventory', async () => {
    const current = store.getProduct('1005') as WireProduct;
    const result = await api(origin, '/api/v1/products/1005', { token: admin, method: 'PATCH', body: { published: false, inventory: 0, updated: current.updated } });
    expect(result.json).toMatchObject({ published: false, inventory: 0, in_stock: false });
    expect((await api(origin, '/api/v1/products/1005', { token: storefront })).status).toBe(404);
  });
});

describe('pages, cart, orders, coupons', () => {
  it('GET /api/v1/pages lists about and shipping with body_html', async () => {
    const result = await api(origin, '/api/v1/pages', { token: storefront });
    expect(result.status).toBe(200);
    const slugs = (result.json.pages as { slug: string; body_html: string }[]).map((p) => p.slug);
    expect(slugs).toEqual(expect.arrayContaining(['about', 'shipping']));
    expect(result.json.pages[0].body_html).toContain('<');
  });

  it('the cart belongs to the shopper account: a new grant from the same browser (more scopes) keeps it', async () => {
    const first = await authorize(origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront cart', state: 's' });
    expect(first.shopper).toMatch(/^goodsie_shopper=[A-Za-z0-9_-]{16}$/);
    const token = first.fragment.get('access_token') ?? '';
    const product = firstInStock(await allProducts(storefront));
    await api(origin, '/api/v1/cart/items', { token, method: 'POST', body: { product_id: product.id, quantity: 2 } });

    // Grant access to more (coupons need admin): a new consent from the same browser.
    const wider = await authorize(
      origin,
      { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront cart admin', state: 's' },
      'allow',
      first.shopper,
    );
    const widerToken = wider.fragment.get('access_token') ?? '';
    expect(widerToken).not.toBe(token);
    expect((await api(origin, '/api/v1/cart', { token: widerToken })).json.items).toEqual([{ product_id: product.id, quantity: 2 }]);
    // Code + PKCE from the same browser: the same account too.
    const { verifier, challenge } = pkcePair();
    const coded = await authorize(
      origin,
      { client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'cart', state: 's', code_challenge: challenge, code_challenge_method: 'S256' },
      'allow',
      first.shopper,
    );
    const exchanged = await tokenRequest(origin, { grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code: coded.query.get('code') ?? '', code_verifier: verifier });
    expect((await api(origin, '/api/v1/cart', { token: exchanged.json.access_token })).json.items).toHaveLength(1);
  });

  it('the store’s home page tells published products (everyone) from unpublished ones (admins only), as the catalogue counts them', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    const all = await api(origin, '/api/v1/products?count=1', { token: storefront });
    const total = all.json.paging.total as number;
    expect(html).toContain(`${total} are published and shown to everyone`);
    expect(html).toMatch(/the other \d+ are unpublished drafts that only a sign-in with “Manage the store” sees/);
  });

  it('serves the store pages that relative links in descriptions point at (/pages/shipping), as text', async () => {
    const page = await fetch(`${origin}/pages/shipping`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect((await fetch(`${origin}/pages/nope`)).status).toBe(404);
  });

  it('storefront reads are allowed from any origin (the widget on a stranger’s page); cart and admin calls only from the app', async () => {
    const stranger = 'http://127.0.0.1:9';
    const preflight = (path: string, method: string) =>
      fetch(`${origin}${path}`, { method: 'OPTIONS', headers: { Origin: stranger, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization' } });
    const products = await preflight('/api/v1/products', 'GET');
    expect(products.headers.get('access-control-allow-origin')).toBe(stranger);
    expect(products.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const read = await fetch(`${origin}/api/v1/products?count=1`, { headers: { Origin: stranger, Authorization: `Bearer ${storefront}` } });
    expect(read.headers.get('access-control-allow-origin')).toBe(stranger);
    for (const [path, method] of [['/api/v1/cart', 'GET'], ['/api/v1/cart/items', 'POST'], ['/api/v1/orders', 'GET'], ['/api/v1/products', 'POST'], ['/api/v1/products/1001', 'PATCH']]) {
      expect((await preflight(path!, method!)).headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
    }
  });

  it('the cart starts empty, adds items and merges quantities, per account (another browser: another cart)', async () => {
    const token = await implicitToken(origin, 'cart');
    expect((await api(origin, '/api/v1/cart', { token })).json).toEqual({ items: [], subtotal_raw: 0, currency: 'USD' });
    const product = firstInStock(await allProducts(storefront));
    await api(origin, '/api/v1/cart/items', { token, method: 'POST', body: { product_id: product.id, quantity: 2 } });
    const result = await api(origin, '/api/v1/cart/items', { token, method: 'POST', body: { product_id: product.id } });
    expect(result.status).toBe(200);
    expect(result.json.items).toEqual([{ product_id: product.id, quantity: 3 }]);
    expect(result.json.subtotal_raw).toBe(Math.round(product.cost_raw * 3 * 100) / 100);
    const someoneElse = await implicitToken(origin, 'cart');
    expect((await api(origin, '/api/v1/cart', { token: someoneElse })).json.items).toEqual([]);
  });

  it.each([
    ['an unknown product', { product_id: 'none', quantity: 1 }],
    ['a zero quantity', { product_id: '1001', quantity: 0 }],
    ['a fractional quantity', { product_id: '1001', quantity: 1.5 }],
    ['no product_id', { quantity: 1 }],
  ])('adding %s -> 400', async (_label, body) => {
    const result = await api(origin, '/api/v1/cart/items', { token: cart, method: 'POST', body });
    expect(result.status).toBe(400);
    expect(result.json.error).toBe('invalid_request');
  });

  it('GET /api/v1/orders is paged, newest first, 30 in all', async () => {
    const first = await api(origin, '/api/v1/orders?count=25', { token: admin });
    expect(first.status).toBe(200);
    expect(first.json.paging).toEqual({ page: 0, count: 25, total: 30 });
    expect(first.json.orders).toHaveLength(25);
    const dates = (first.json.orders as { created_at: string }[]).map((o) => o.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(first.json.orders[0]).toMatchObject({ currency: 'USD', status: expect.stringMatching(/^(pending|paid|shipped|cancelled|refunded)$/) });
    const second = await api(origin, '/api/v1/orders?count=25&page=1', { token: admin });
    expect(second.json.orders).toHaveLength(5);
    expect((await api(origin, '/api/v1/orders?count=101', { token: admin })).status).toBe(400);
  });

  it('GET /api/v1/coupons lists 4 coupons', async () => {
    const result = await api(origin, '/api/v1/coupons', { token: admin });
    expect(result.json.coupons).toHaveLength(4);
    expect(result.json.coupons[0]).toEqual({ code: expect.any(String), percent_off: expect.any(Number), expires_at: expect.any(String) });
  });

  it('a token from the code flow works on the API too', async () => {
    const tokens = await codeTokens(origin, 'admin');
    expect((await api(origin, '/api/v1/coupons', { token: tokens.access_token })).status).toBe(200);
  });
});

describe('unknown paths and methods', () => {
  it('404 for an unknown API path, 405 for a wrong method', async () => {
    const missing = await api(origin, '/api/v1/customers', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('not_found');
    const wrong = await api(origin, '/api/v1/metadata', { token: admin, method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('CORS on the API', () => {
  it('answers the preflight for an allowed origin', async () => {
    const response = await fetch(`${origin}/api/v1/products/1001`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PATCH, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
  });

  it('echoes an allowed origin and exposes WWW-Authenticate and Retry-After, on errors too', async () => {
    for (const origins of [APP_ORIGIN, 'http://localhost:5173']) {
      const result = await api(origin, '/api/v1/metadata', { headers: { Origin: origins } });
      expect(result.status).toBe(401);
      expect(result.headers.get('access-control-allow-origin')).toBe(origins);
      expect(result.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate, Retry-After');
      expect(result.headers.get('vary')).toBe('Origin, Accept-Encoding');
    }
  });

  it('with exposeWwwAuthenticate: false, exposes only Retry-After (the 403 still names the scope in its body)', async () => {
    const local = await startDemoStore({ port: 0, productCount: 10, exposeWwwAuthenticate: false });
    try {
      const token = await implicitToken(local.origin, 'storefront');
      const refused = await api(local.origin, '/api/v1/orders', { token, headers: { Origin: APP_ORIGIN } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(refused.headers.get('access-control-expose-headers')).toBe('Retry-After');
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="admin"');
      expect(refused.json.scope).toBe('admin');
    } finally {
      await local.close();
    }
  });

  it('gives no CORS headers for a cart or admin call to another origin until it is added', async () => {
    const other = 'http://127.0.0.1:4173';
    const before = await api(origin, '/api/v1/cart', { token: cart, headers: { Origin: other } });
    expect(before.headers.get('access-control-allow-origin')).toBeNull();
    expect(before.headers.get('access-control-expose-headers')).toBeNull();
    store.addAllowedOrigin(other);
    const after = await api(origin, '/api/v1/cart', { token: cart, headers: { Origin: other } });
    expect(after.headers.get('access-control-allow-origin')).toBe(other);
  });

  it('with storefrontFromAnyOrigin: false, not even storefront reads reach another origin', async () => {
    const local = await startDemoStore({ port: 0, productCount: 5, storefrontFromAnyOrigin: false });
    try {
      const token = await implicitToken(local.origin, 'storefront');
      const read = await api(local.origin, '/api/v1/products', { token, headers: { Origin: 'http://127.0.0.1:9' } });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await local.close();
    }
  });
});

describe('rate limit, latency and stats', () => {
  it('429 with Retry-After once a token exceeds the limit; other tokens unaffected', async () => {
    const local = await startDemoStore({ port: 0, productCount: 10, rateLimit: { requests: 3, windowMs: 30_000 } });
    try {
      const token = await implicitToken(local.origin, 'storefront');
      for (let i = 0; i < 3; i++) expect((await api(local.origin, '/api/v1/metadata', { token })).status).toBe(200);
      const limited = await api(local.origin, '/api/v1/products', { token, headers: { Origin: APP_ORIGIN } });
      expect(limited.status).toBe(429);
      expect(limited.json.error).toBe('rate_limited');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(limited.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      const other = await implicitToken(local.origin, 'storefront');
      expect((await api(local.origin, '/api/v1/metadata', { token: other })).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('is off by default', async () => {
    for (let i = 0; i < 30; i++) expect((await api(origin, '/api/v1/pages', { token: storefront })).status).toBe(200);
  });

  it('adds the configured latency to API responses', async () => {
    const local = await startDemoStore({ port: 0, productCount: 10, latencyMs: 150 });
    try {
      const started = performance.now();
      await api(local.origin, '/api/v1/metadata');
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await local.close();
    }
  });

  it('counts token and API requests', async () => {
    const local = await startDemoStore({ port: 0, productCount: 10 });
    try {
      expect(local.stats()).toEqual({ tokenRequests: 0, apiRequests: 0, revocations: 0 });
      const tokens = await codeTokens(local.origin, 'storefront');
      await api(local.origin, '/api/v1/metadata', { token: tokens.access_token });
      await api(local.origin, '/api/v1/products', { token: tokens.access_token });
      expect(local.stats()).toEqual({ tokenRequests: 1, apiRequests: 2, revocations: 0 });
    } finally {
      await local.close();
    }
  });
});

describe('hangs (hangs.ts): routes that never answer until released', () => {
  it('a hung read gets no answer (the client gives up), and once released the same route answers', async () => {
    const before = store.hangs.held();
    store.hangs.hang('GET', /^\/api\/v1\/metadata$/);
    try {
      const cut = await fetch(`${origin}/api/v1/metadata`, { headers: { Authorization: `Bearer ${storefront}` }, signal: AbortSignal.timeout(300) }).catch((error: unknown) => error);
      expect((cut as Error).name).toBe('TimeoutError');
      expect(store.hangs.held()).toBe(before + 1);
      // Only that route and method: the others answer.
      expect((await api(origin, '/api/v1/pages', { token: storefront })).status).toBe(200);
    } finally {
      await store.hangs.release();
    }
    expect((await api(origin, '/api/v1/metadata', { token: storefront })).status).toBe(200);
  });

  it('`done`: the store makes the change at once and only its answer is held; released, the answer comes', async () => {
    const shopper = await authorize(origin, { client_id: CLIENT_ID, response_type: 'token', redirect_uri: REDIRECT_URI, scope: 'storefront cart', state: 's' });
    const token = shopper.fragment.get('access_token') ?? '';
    const product = firstInStock(await allProducts(storefront));
    store.hangs.hang('POST', /^\/api\/v1\/cart\/items$/, { done: true });
    let answered = false;
    const adding = api(origin, '/api/v1/cart/items', { token, method: 'POST', body: { product_id: product.id, quantity: 3 } }).then((result) => ((answered = true), result));
    try {
      await expect.poll(async () => (await api(origin, '/api/v1/cart', { token })).json.items, { timeout: 5_000 }).toEqual([{ product_id: product.id, quantity: 3 }]);
      expect(answered).toBe(false);
    } finally {
      await store.hangs.release();
    }
    expect((await adding).status).toBe(200);
  });
});
