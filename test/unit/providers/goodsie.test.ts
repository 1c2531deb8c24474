import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import { AppError, type AppErrorCode } from '../../../src/lib/oauth/errors.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import { wirePaging, wireProduct } from '../../helpers/goodsie-wire.ts';

const adapter = goodsie.adapter;

function errorCodeOf(run: () => unknown): AppErrorCode {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

const expectedProduct: Product = {
  id: 'p-100',
  name: 'Linen apron',
  descriptionHtml: '<p>Heavy <strong>linen</strong>.</p>',
  descriptionShort: 'Heavy linen apron',
  price: 19.9,
  currency: 'USD',
  compareAtPrice: 24.5,
  images: [{ url: 'https://cdn.shop.example/apron.jpg', alt: 'An apron', width: 800, height: 600 }],
  categories: ['kitchen'],
  tags: ['linen', 'gift'],
  permalink: 'https://shop.example/products/linen-apron',
  inStock: true,
  published: true,
  created: '2024-03-01T10:00:00Z',
  updated: '2024-03-02T11:30:00Z',
};

describe('goodsie profile data', () => {
  it('has the storefront / cart / admin vocabulary with words for people', () => {
    expect(goodsie.scopes.map((scope) => scope.id)).toEqual(['storefront', 'cart', 'admin']);
    expect(goodsie.scopes[0]!.label).toBe('Browse products and pages');
    for (const scope of goodsie.scopes) {
      expect(scope.label.length).toBeGreaterThan(3);
      expect(scope.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('names a known scope for every API call', () => {
    const vocabulary = goodsie.scopes.map((scope) => scope.id);
    for (const scope of Object.values(goodsie.operationScopes)) expect(vocabulary).toContain(scope);
    expect(goodsie.operationScopes.listProducts).toBe('storefront');
    expect(goodsie.operationScopes.addToCart).toBe('cart');
    expect(goodsie.operationScopes.updateProduct).toBe('admin');
  });

  it('records the expire_in token quirk and 0-based paging', () => {
    expect(goodsie.tokenQuirks.lifetimeFields).toContain('expire_in');
    expect(goodsie.tokenQuirks.lifetimeFields).toContain('expires_in');
    expect(goodsie.tokenQuirks.implicitRefreshToken).toBe(false);
    expect(goodsie.paging).toEqual({ firstPage: 0, minCount: 1, maxCount: 100, defaultCount: 20 });
  });
});

describe('goodsie requests', () => {
  it('lists products with 0-based page, count and only the filters given', () => {
    expect(adapter.listProductsRequest({ page: 0, count: 20 })).toEqual({
      method: 'GET',
      path: '/api/v1/products',
      query: { page: '0', count: '20' },
    });
    expect(adapter.listProductsRequest({ page: 3, count: 100, q: ' apron ', category: 'kitchen', sort: '-price' }).query).toEqual({
      page: '3',
      count: '100',
      q: 'apron',
      category: 'kitchen',
      sort: '-price',
    });
    expect(adapter.listProductsRequest({ page: 0, count: 5, q: '   ' }).query).toEqual({ page: '0', count: '5' });
  });

  it('percent-encodes a product id into one path segment', () => {
    expect(adapter.getProductRequest('a/b?c#d').path).toBe('/api/v1/products/a%2Fb%3Fc%23d');
  });

  it('refuses ids that URL parsing would collapse into another endpoint', () => {
    for (const id of ['', '.', '..']) {
      expect(errorCodeOf(() => adapter.getProductRequest(id))).toBe('API_BAD_REQUEST');
      expect(errorCodeOf(() => adapter.updateProductRequest(id, {}, '2024-01-01T00:00:00Z'))).toBe('API_BAD_REQUEST');
    }
  });

  it('sends only the edited fields in wire spelling, plus the updated value last seen', () => {
    expect(adapter.updateProductRequest('p-1', { price: 12.5, published: false }, '2024-03-02T11:30:00Z')).toEqual({
      method: 'PATCH',
      path: '/api/v1/products/p-1',
      body: { cost_raw: 12.5, published: false, updated: '2024-03-02T11:30:00Z' },
    });
    expect(
      adapter.updateProductRequest('p-1', { name: 'N', inventory: 4, description: '<p>d</p>' }, 'u').body,
    ).toEqual({ name: 'N', inventory: 4, description: '<p>d</p>', updated: 'u' });
  });

  it('creates a product with name and cost_raw, plus optional fields', () => {
    expect(adapter.createProductRequest({ name: 'Mug', price: 8 })).toEqual({
      method: 'POST',
      path: '/api/v1/products',
      body: { name: 'Mug', cost_raw: 8 },
    });
    expect(
      adapter.createProductRequest({
        name: 'Mug',
        price: 8,
        descriptionHtml: '<p>x</p>',
        descriptionShort: 'x',
        published: false,
        inventory: 3,
        categories: ['c'],
        tags: ['t'],
      }).body,
    ).toEqual({
      name: 'Mug',
      cost_raw: 8,
      description: '<p>x</p>',
      description_short: 'x',
      published: false,
      inventory: 3,
      categories: ['c'],
      tags: ['t'],
    });
  });

  it('adds to the cart with product_id and quantity', () => {
    expect(adapter.addToCartRequest('p-1', 2)).toEqual({
      method: 'POST',
      path: '/api/v1/cart/items',
      body: { product_id: 'p-1', quantity: 2 },
    });
  });

  it('asks for the other resources at their contract paths', () => {
    expect(adapter.getMetadataRequest()).toEqual({ method: 'GET', path: '/api/v1/metadata' });
    expect(adapter.listPagesRequest()).toEqual({ method: 'GET', path: '/api/v1/pages' });
    expect(adapter.getCartRequest()).toEqual({ method: 'GET', path: '/api/v1/cart' });
    expect(adapter.listCouponsRequest()).toEqual({ method: 'GET', path: '/api/v1/coupons' });
    expect(adapter.listOrdersRequest({ page: 1, count: 10 })).toEqual({
      method: 'GET',
      path: '/api/v1/orders',
      query: { page: '1', count: '10' },
    });
  });
});

describe('goodsie mapProduct', () => {
  it('maps every wire field to the domain product', () => {
    expect(adapter.mapProduct(wireProduct())).toEqual(expectedProduct);
  });

  it('rounds prices to the currency digits', () => {
    const cases: Array<[number, string, number]> = [
      [19.899999999999999, 'USD', 19.9],
      [1.005, 'USD', 1.01],
      [0.125, 'EUR', 0.13],
      [1999.6, 'JPY', 2000],
      [1.23456, 'KWD', 1.235],
      [1e-7, 'USD', 0],
      [12, 'usd', 12],
    ];
    for (const [costRaw, currency, price] of cases) {
      const product = adapter.mapProduct(wireProduct({ cost_raw: costRaw, currency, compare_at_cost_raw: null }));
      expect(product.price).toBe(price);
      expect(product.currency).toBe(currency.toUpperCase());
      expect(product.compareAtPrice).toBeNull();
    }
    expect(adapter.mapProduct(wireProduct({ compare_at_cost_raw: 30.004 })).compareAtPrice).toBe(30);
  });

  // Regression: Goodsie's adapter kept a "was" price at or below the price, unlike the other four
  // platforms (platforms.md 1.4), so each screen had to check it again before showing a sale.
  it('keeps an earlier price (compareAtPrice) only when above the price, compared after rounding', () => {
    const cases: Array<[number, number | null, string, number | null]> = [
      [19.9, 24.5, 'USD', 24.5],
      [19.9, 19.91, 'USD', 19.91],
      [19.9, 19.9, 'USD', null],
      [19.9, 19.904, 'USD', null],
      [19.9, 12, 'USD', null],
      [19.9, 0, 'USD', null],
      [1999.6, 2000.4, 'JPY', null],
      [1999.6, 2000.6, 'JPY', 2001],
      [0, 5, 'EUR', 5],
      [0, 0, 'EUR', null],
      [19.9, null, 'USD', null],
    ];
    for (const [costRaw, compareRaw, currency, compareAtPrice] of cases) {
      const product = adapter.mapProduct(wireProduct({ cost_raw: costRaw, compare_at_cost_raw: compareRaw, currency }));
      expect([costRaw, compareRaw, product.compareAtPrice]).toEqual([costRaw, compareRaw, compareAtPrice]);
    }
    // the same rule on every product of a page
    const page = adapter.mapProductPage({ products: [wireProduct({ id: 'a', cost_raw: 10, compare_at_cost_raw: 10 }), wireProduct({ id: 'b', cost_raw: 10, compare_at_cost_raw: 12 })], paging: wirePaging() });
    expect(page.products.map((product) => product.compareAtPrice)).toEqual([null, 12]);
  });

  it('still refuses a negative earlier price as an invalid answer, not as no sale', () => {
    expect(errorCodeOf(() => adapter.mapProduct(wireProduct({ compare_at_cost_raw: -1 })))).toBe('API_INVALID_RESPONSE');
  });

  it('turns missing optional fields into defaults', () => {
    const minimal = {
      id: 'p-1',
      name: 'Plain',
      cost: '$1.00',
      cost_raw: 1,
      currency: 'USD',
      published: false,
      created: '2024-01-01T00:00:00Z',
    };
    expect(adapter.mapProduct(minimal)).toEqual({
      id: 'p-1',
      name: 'Plain',
      descriptionHtml: '',
      descriptionShort: '',
      price: 1,
      currency: 'USD',
      compareAtPrice: null,
      images: [],
      categories: [],
      tags: [],
      inStock: undefined,
      published: false,
      created: '2024-01-01T00:00:00Z',
    });
    expect(adapter.mapProduct({ ...minimal, images: null, tags: null }).images).toEqual([]);
  });

  it('keeps inventory when the admin scope makes the server send it', () => {
    expect(adapter.mapProduct(wireProduct({ inventory: 7 })).inventory).toBe(7);
  });

  it('keeps only https image URLs (plain http only on a loopback host) and permalinks', () => {
    const product = adapter.mapProduct(
      wireProduct({
        images: [
          { url: 'javascript:alert(1)' },
          { url: 'data:image/png;base64,AAAA' },
          { url: '/relative.png' },
          { url: '//cdn.evil.example/x.png' },
          { url: 'http://cdn.shop.example/plain.png' },
          { url: 'https://cdn.shop.example/ok.png' },
          { url: 'http://127.0.0.1:4011/ok.png' },
        ],
        permalink: 'javascript:alert(document.domain)',
      }),
    );
    expect(product.images).toEqual([
      { url: 'https://cdn.shop.example/ok.png', alt: '' },
      { url: 'http://127.0.0.1:4011/ok.png', alt: '' },
    ]);
    expect(product.permalink).toBeUndefined();
    expect('permalink' in product).toBe(false);
  });

  it('a store whose only picture and permalink are plain http (not loopback) gets no picture and no link (security case 34)', () => {
    const product = adapter.mapProduct(wireProduct({ images: [{ url: 'http://cdn.shop.example/x.png' }], permalink: 'http://shop.example/p/1' }));
    expect(product.images).toEqual([]);
    expect('permalink' in product).toBe(false);
  });

  for (const field of ['id', 'name', 'cost', 'cost_raw', 'currency', 'published', 'created']) {
    it(`rejects a product without ${field}`, () => {
      const wire = wireProduct();
      delete wire[field];
      expect(errorCodeOf(() => adapter.mapProduct(wire))).toBe('API_INVALID_RESPONSE');
    });
  }

  const wrong: Array<[string, Record<string, unknown>]> = [
    ['a non-object', { id: undefined }],
    ['a numeric id', { id: 100 }],
    ['a string cost_raw', { cost_raw: '19.90' }],
    ['a NaN-ish cost_raw', { cost_raw: Number.POSITIVE_INFINITY }],
    ['a negative cost_raw', { cost_raw: -1 }],
    ['a malformed currency', { currency: 'US Dollar' }],
    ['a string published', { published: 'yes' }],
    ['an unparseable created', { created: 'yesterday' }],
    ['categories that are not an array', { categories: 'kitchen' }],
    ['a non-string tag', { tags: ['ok', 3] }],
    ['an image without url', { images: [{ alt: 'x' }] }],
    ['an image that is a string', { images: ['https://cdn.shop.example/x.png'] }],
    ['a fractional inventory', { inventory: 1.5 }],
  ];
  for (const [label, overrides] of wrong) {
    it(`rejects ${label}`, () => {
      const wire = label === 'a non-object' ? 'not a product' : wireProduct(overrides);
      expect(errorCodeOf(() => adapter.mapProduct(wire))).toBe('API_INVALID_RESPONSE');
    });
  }

  it('names the bad field but never its value in the error', () => {
    try {
      adapter.mapProduct(wireProduct({ cost_raw: 'SECRET-VALUE' }));
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('$.cost_raw');
      expect((error as Error).message).not.toContain('SECRET-VALUE');
    }
  });
});

describe('goodsie list and other mappers', () => {
  it('maps a product page', () => {
    const page = adapter.mapProductPage({ products: [wireProduct()], paging: wirePaging({ total: 41, page: 2 }) });
    expect(page).toEqual({ products: [expectedProduct], paging: { page: 2, count: 20, total: 41 } });
  });

  it('rejects a product page without products or paging', () => {
    expect(errorCodeOf(() => adapter.mapProductPage({ paging: wirePaging() }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapProductPage({ products: [] }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapProductPage({ products: [], paging: wirePaging({ page: -1 }) }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapProductPage({ products: [], paging: wirePaging({ count: 0 }) }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapProductPage([]))).toBe('API_INVALID_RESPONSE');
  });

  it('leaves out, and counts, the products it cannot read (a null name, a price as a string or missing), keeping the others', () => {
    const { cost_raw: _, ...noPrice } = wireProduct({ id: 'p-4' });
    const page = adapter.mapProductPage({
      products: [wireProduct({ id: 'p-1', name: null }), wireProduct(), wireProduct({ id: 'p-3', cost_raw: '12.50' }), noPrice],
      paging: wirePaging({ total: 41 }),
    });
    expect(page.products).toEqual([expectedProduct]);
    expect(page.skipped).toBe(3);
    expect(page.paging.total).toBe(41);
    // A page the store sent whole has nothing to say.
    expect(adapter.mapProductPage({ products: [wireProduct()], paging: wirePaging() }).skipped).toBeUndefined();
  });

  it('maps metadata, dropping non-http(s) URLs', () => {
    expect(
      adapter.mapMetadata({
        name: 'Demo',
        description: 'A shop',
        canonical_url: 'https://shop.example/',
        subdomain: 'demo',
        currency: 'EUR',
        currency_symbol: '€',
        logo_url: 'javascript:alert(1)',
        private: false,
        email: 'owner@shop.example',
      }),
    ).toEqual({
      name: 'Demo',
      description: 'A shop',
      canonicalUrl: 'https://shop.example/',
      currency: 'EUR',
      currencySymbol: '€',
      email: 'owner@shop.example',
    });
    expect(errorCodeOf(() => adapter.mapMetadata({ currency: 'EUR' }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapMetadata({ name: 'x' }))).toBe('API_INVALID_RESPONSE');
  });

  it('maps pages, defaulting a missing list and body', () => {
    expect(adapter.mapPages({ pages: [{ slug: 'about', title: 'About', body_html: '<p>Hi</p>' }, { slug: 'faq', title: 'FAQ' }] })).toEqual([
      { slug: 'about', title: 'About', bodyHtml: '<p>Hi</p>' },
      { slug: 'faq', title: 'FAQ', bodyHtml: '' },
    ]);
    expect(adapter.mapPages({})).toEqual([]);
    expect(errorCodeOf(() => adapter.mapPages({ pages: [{ title: 'No slug' }] }))).toBe('API_INVALID_RESPONSE');
  });

  it('maps a cart, rounding the subtotal', () => {
    expect(adapter.mapCart({ items: [{ product_id: 'p-1', quantity: 2 }], subtotal_raw: 39.800000000000004, currency: 'USD' })).toEqual({
      items: [{ productId: 'p-1', quantity: 2 }],
      subtotal: 39.8,
      currency: 'USD',
    });
    expect(adapter.mapCart({})).toEqual({ items: [], subtotal: 0, currency: '' });
    expect(errorCodeOf(() => adapter.mapCart({ items: [{ product_id: 'p-1', quantity: 0 }] }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapCart({ items: [{ quantity: 1 }] }))).toBe('API_INVALID_RESPONSE');
  });

  it('maps an order page', () => {
    const order = {
      id: 'o-1',
      number: '1001',
      created_at: '2024-03-05T09:00:00Z',
      total_raw: 1999.5,
      currency: 'JPY',
      status: 'paid',
      customer_email: 'buyer@example.com',
    };
    expect(adapter.mapOrderPage({ orders: [order, { ...order, id: 'o-2', number: undefined, customer_email: undefined }], paging: wirePaging({ total: 2 }) })).toEqual({
      orders: [
        { id: 'o-1', number: '1001', createdAt: '2024-03-05T09:00:00Z', total: 2000, currency: 'JPY', status: 'paid', customerEmail: 'buyer@example.com' },
        { id: 'o-2', number: 'o-2', createdAt: '2024-03-05T09:00:00Z', total: 2000, currency: 'JPY', status: 'paid' },
      ],
      paging: { page: 0, count: 20, total: 2 },
    });
    expect(adapter.mapOrderPage({ paging: wirePaging({ total: 0 }) }).orders).toEqual([]);
    expect(errorCodeOf(() => adapter.mapOrderPage({ orders: [{ ...order, status: 'lost' }], paging: wirePaging() }))).toBe('API_INVALID_RESPONSE');
    expect(errorCodeOf(() => adapter.mapOrderPage({ orders: [order] }))).toBe('API_INVALID_RESPONSE');
  });

  it('maps coupons', () => {
    expect(adapter.mapCoupons({ coupons: [{ code: 'SPRING', percent_off: 15, expires_at: '2024-06-01T00:00:00Z' }, { code: 'ALWAYS', percent_off: 5 }] })).toEqual({
      coupons: [
        { code: 'SPRING', percentOff: 15, expiresAt: '2024-06-01T00:00:00Z' },
        { code: 'ALWAYS', percentOff: 5 },
      ],
    });
    expect(adapter.mapCoupons({})).toEqual({ coupons: [] });
    expect(errorCodeOf(() => adapter.mapCoupons({ coupons: [{ code: 'X', percent_off: 150 }] }))).toBe('API_INVALID_RESPONSE');
  });

  it("reads the server's copy from a 409 body, or nothing", () => {
    expect(adapter.mapConflict({ error: 'conflict', product: wireProduct() })).toEqual(expectedProduct);
    expect(adapter.mapConflict({ error: 'conflict' })).toBeUndefined();
    expect(adapter.mapConflict({ error: 'conflict', product: { id: 'broken' } })).toBeUndefined();
    expect(adapter.mapConflict(null)).toBeUndefined();
  });
});
