/** The StoreHippo mappers fed with the faithful server's real answers, then with contract breaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../src/lib/domain/catalog.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import {
  assertUnchangedSince,
  buildProductEditBody,
  defaultImageBase,
  mapCouponList,
  mapListEnvelope,
  mapOrderList,
  mapProduct,
  mapProductList,
  mapProductResponse,
  objectIdTime,
  resolveImageUrl,
  type StoreHippoMapContext,
} from '../../../../src/lib/providers/storehippo/map.ts';
import { buildCouponListQuery, buildOrderListQuery, buildProductListQuery, entityPath } from '../../../../src/lib/providers/storehippo/query.ts';
import { DEMO_KEYS } from '../../../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../../../platforms/storehippo/server.ts';
import { pricesOf, requirePrice } from '../../../helpers/prices.ts';

let store: StoreHippoStore;
let context: StoreHippoMapContext;

async function get(path: string, query: Record<string, string> = {}, key: string = DEMO_KEYS.manager): Promise<unknown> {
  const url = `${store.origin}${path}?${new URLSearchParams(query).toString()}`;
  const response = await fetch(url, { headers: { 'access-key': key, Accept: 'application/json' } });
  expect(response.status).toBe(200);
  return response.json();
}

async function allProducts(): Promise<Product[]> {
  const products: Product[] = [];
  for (let page = 0; page < 10; page++) {
    const query = buildProductListQuery({ page, count: 50 }, { publishedOnly: false });
    const { products: batch, paging } = mapProductList(await get(entityPath('1.1', 'ms.products'), query), { page, count: 50 }, context);
    products.push(...batch);
    if (!paging.hasMore) return products;
  }
  throw new Error('more than 500 products');
}

function expectInvalid(run: () => unknown, path: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('API_INVALID_RESPONSE');
    expect((error as AppError).message).toContain(path);
    return;
  }
  throw new Error('expected API_INVALID_RESPONSE');
}

beforeAll(async () => {
  store = await startStoreHippoStore({ port: 0 });
  context = { currency: 'INR', imageBase: store.imageBase, storefrontUrl: 'https://hippodemo.example' };
});
afterAll(() => store.close());

describe('products from the server', () => {
  it('maps every seeded product; paging with total=1 is exact and ends', async () => {
    const products = await allProducts();
    expect(products).toHaveLength(120);
    expect(new Set(products.map((p) => p.id)).size).toBe(120);
    for (const product of products) {
      expect(product.currency).toBe('INR');
      expect(Number.isFinite(product.price)).toBe(true);
      expect(product.compareAtPrice === null || product.compareAtPrice > requirePrice(product)).toBe(true);
      for (const image of product.images) expect(image.url).toMatch(/^https?:\/\//);
      expect(product.permalink).toMatch(/^https:\/\/hippodemo\.example\/product\/[a-z0-9-]+$/);
    }
  });

  it('a numeric-string price becomes a number rounded to the currency', async () => {
    const wire = (await get(entityPath('1.1', 'ms.products'), { limit: '100' })) as { data: { _id: string; price: unknown }[] };
    const stringPriced = wire.data.find((p) => typeof p.price === 'string');
    expect(stringPriced).toBeDefined();
    const product = mapProductResponse(await get(entityPath('1.1', 'ms.products', stringPriced?._id)), context);
    expect(product.price).toBe(Number(stringPriced?.price));
    expect(typeof product.price).toBe('number');
  });

  it('relative images resolve to the CDN and load; absolute and protocol-relative ones are kept; javascript: is dropped', async () => {
    const products = await allProducts();
    const byName = (name: string): Product | undefined => products.find((p) => p.name === name);
    const relative = products[0]?.images[0]?.url ?? '';
    expect(relative.startsWith(store.imageBase)).toBe(true);
    expect((await fetch(relative)).status).toBe(200);
    const absolute = products.flatMap((p) => p.images).find((i) => i.alt === 'Absolute URL');
    expect(absolute?.url.startsWith(`${store.cdnOrigin}/`)).toBe(true);
    const protocolRelative = products.flatMap((p) => p.images).find((i) => i.alt === 'Protocol-relative URL');
    expect(protocolRelative?.url).toBe(`https://${new URL(store.cdnOrigin).host}/s/${store.storeObjectId}/${protocolRelative?.url.split(`/s/${store.storeObjectId}/`)[1]}`);
    expect(byName('Hostile Image Lamp')?.images).toEqual([]);
    expect(products.flatMap((p) => p.images).some((i) => i.url.toLowerCase().startsWith('javascript'))).toBe(false);
    // merchant HTML is passed on unsanitised, for DOMPurify at render
    expect(byName('Hostile Description Kettle')?.descriptionHtml).toContain('<script>');
  });

  it('inStock follows available (1 / true / 0), else the inventory rule; publish "0" is unpublished', async () => {
    const wire = [] as Record<string, unknown>[];
    for (const start of [0, 100]) wire.push(...((await get(entityPath('1', 'ms.products'), { start: String(start), limit: '100' })) as { data: Record<string, unknown>[] }).data);
    const mapped = new Map(wire.map((w) => [w._id, mapProduct(w, context)]));
    for (const w of wire) {
      const product = mapped.get(w._id);
      if (w.available !== undefined) expect(product?.inStock).toBe(w.available === 1 || w.available === true);
      else if (w.inventory_management === 'automatic') expect(product?.inStock).toBe(Number(w.inventory_quantity) > 0 || w.inventory_allow_out_of_stock === '1');
      else expect(product?.inStock).toBeUndefined();
      expect(product?.published).toBe(w.publish === '1');
      expect(product?.inventory).toBe(Number(w.inventory_quantity));
    }
    expect([...mapped.values()].some((p) => p.inStock === undefined)).toBe(true);
    expect([...mapped.values()].some((p) => p.inStock === false)).toBe(true);
  });

  it('reads StoreHippo\u2019s inventory_management words: "automatic" counts stock, "none" does not, "1"/"0" as before, another word is unknown', () => {
    const base = { _id: '5f1a2b3c4d5e6f7a8b9c0d1e', name: 'Lamp', price: 100, inventory_quantity: 0, inventory_allow_out_of_stock: '0' };
    const stock = (inventory_management: unknown, extra: object = {}): boolean | undefined => mapProduct({ ...base, inventory_management, ...extra }, context).inStock;
    expect(stock('automatic')).toBe(false);
    expect(stock('automatic', { inventory_quantity: 3 })).toBe(true);
    expect(stock('automatic', { inventory_allow_out_of_stock: '1' })).toBe(true);
    expect(stock('none')).toBeUndefined();
    expect(stock('1')).toBe(false);
    expect(stock('0')).toBeUndefined();
    expect(stock('variant')).toBeUndefined();
    expect(stock(undefined)).toBeUndefined();
  });

  it('the storefront query (published only, category, search) gets only what it asked for', async () => {
    const query = buildProductListQuery({ q: 'indigo', category: 'summer', count: 50 }, { publishedOnly: true });
    const { products, paging } = mapProductList(await get(entityPath('1.1', 'ms.products'), query), { page: 0, count: 50 }, context);
    expect(products.length).toBeGreaterThan(0);
    expect(paging.totalKnown).toBe(true);
    expect(paging.total).toBe(products.length);
    for (const p of products) {
      expect(p.published).toBe(true);
      expect(p.categories).toContain('Summer');
      expect(p.name.toLowerCase()).toContain('indigo');
    }
  });

  it('a search with regex metacharacters is literal and does not become a 400', async () => {
    const query = buildProductListQuery({ q: 'Shirt (' }, { publishedOnly: true });
    const { products } = mapProductList(await get(entityPath('1.1', 'ms.products'), query), { page: 0, count: 24 }, context);
    expect(products).toEqual([]);
  });

  it('sort=price comes back ascending; page 2 follows page 1', async () => {
    const page0 = mapProductList(await get(entityPath('1.1', 'ms.products'), buildProductListQuery({ sort: 'price', page: 0, count: 10 }, { publishedOnly: false })), { page: 0, count: 10 }, context);
    const page1 = mapProductList(await get(entityPath('1.1', 'ms.products'), buildProductListQuery({ sort: 'price', page: 1, count: 10 }, { publishedOnly: false })), { page: 1, count: 10 }, context);
    const prices = pricesOf([...page0.products, ...page1.products]);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(page1.paging).toMatchObject({ page: 1, count: 10, total: 120, hasMore: true, totalKnown: true });
  });
});

describe('orders and coupons from the server', () => {
  it('orders: newest first, INR totals, statuses in the domain vocabulary', async () => {
    const { orders, paging } = mapOrderList(await get(entityPath('1.1', 'ms.orders'), buildOrderListQuery(0, 10)), { page: 0, count: 10 }, context);
    expect(orders).toHaveLength(10);
    expect(paging).toMatchObject({ total: 24, hasMore: true });
    expect(orders[0]?.number).toMatch(/^OID\d+$/);
    expect(orders.map((o) => o.createdAt)).toEqual([...orders.map((o) => o.createdAt)].sort().reverse());
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['pending', 'paid', 'shipped', 'cancelled', 'refunded']));
    expect(orders.every((o) => o.currency === 'INR' && o.customerEmail?.endsWith('@example.in'))).toBe(true);
  });

  it('orders say what they bought: each of items[] by its name and quantity', async () => {
    const answer = (await get(entityPath('1.1', 'ms.orders'), buildOrderListQuery(0, 10))) as { data: { items: { name: string; quantity: number }[] }[] };
    const { orders } = mapOrderList(answer, { page: 0, count: 10 }, context);
    expect(orders.map((o) => o.items)).toEqual(answer.data.map((o) => o.items.map((i) => ({ name: i.name, quantity: i.quantity }))));
    expect(orders.every((o) => (o.items?.length ?? 0) > 0 && !('itemsUnread' in o))).toBe(true);
  });

  it('coupons: percentage -> percentOff, flat -> percentOff null + amountOff, start_date -> startsAt, disabled left out and said by its code', async () => {
    const { coupons, notListed, paging } = mapCouponList(await get(entityPath('1.1', 'ms.coupon_codes'), buildCouponListQuery(0, 50)), { page: 0, count: 50 }, context);
    // total=1 asked: the answer counts them (the rest past the pages read are counted by it)
    expect(paging).toMatchObject({ totalKnown: true, total: 5, hasMore: false });
    // newest first (sort=-created_on): the last one made (NEWYEAR15) first
    expect(coupons).toEqual([
      // start_date still ahead: its start said (the coupons screen lists it apart)
      { code: 'NEWYEAR15', percentOff: 15, startsAt: '2099-01-01T00:00:00.000Z', expiresAt: '2099-01-31T23:59:59.000Z' },
      { code: 'DIWALI25', percentOff: 25, startsAt: '2024-01-01T00:00:00.000Z' },
      { code: 'FLAT200', percentOff: null, amountOff: 200, startsAt: '2024-01-01T00:00:00.000Z', expiresAt: '2030-06-30T23:59:59.000Z' },
      { code: 'WELCOME10', percentOff: 10, startsAt: '2024-01-01T00:00:00.000Z', expiresAt: '2030-12-31T23:59:59.000Z' },
    ]);
    // enabled "0" (its Enabled box unticked in StoreHippo Admin): no coupon, said as left out with why (it was left out without a word)
    expect(notListed).toEqual([{ name: 'OLDSALE', reason: 'disabled' }]);
  });

  it('a coupon is disabled by any false flag in `enabled`; absent or null is enabled; a disabled one needs only its code', () => {
    const coupon = (code: string, fields: object) => ({ coupon_code: code, type: 'percentage', amount: 10, ...fields });
    const { coupons, notListed } = mapCouponList(
      {
        data: [
          coupon('A', { enabled: '0' }),
          coupon('B', { enabled: 0 }),
          coupon('C', { enabled: false }),
          coupon('D', {}),
          coupon('E', { enabled: null }),
          coupon('F', { enabled: '1' }),
          // switched off, its terms are not read (nothing is said of them)
          { coupon_code: 'G', type: 'bogo', enabled: '0' },
        ],
      },
      { page: 0, count: 10 },
      context,
    );
    expect(notListed).toEqual(['A', 'B', 'C', 'G'].map((name) => ({ name, reason: 'disabled' })));
    expect(coupons.map((c) => c.code)).toEqual(['D', 'E', 'F']);
    expect(mapCouponList({ data: [coupon('H', {})] }, { page: 0, count: 5 }, context).notListed).toEqual([]);
    expectInvalid(() => mapCouponList({ data: [coupon('I', { enabled: 'maybe' })] }, { page: 0, count: 5 }, context), '$.data[0].enabled');
    expectInvalid(() => mapCouponList({ data: [{ coupon_code: '', enabled: '0' }] }, { page: 0, count: 5 }, context), '$.data[0].coupon_code');
  });
});

describe('edit and conflict check against the server', () => {
  it('the PUT body of a ProductEdit changes the product; a re-GET then passes the check', async () => {
    const [first] = (await allProducts()).slice(30, 31);
    const id = first?.id ?? '';
    const body = buildProductEditBody({ name: 'Edited Name', price: 999.999, published: false, inventory: 3 }, 'INR');
    expect(body).toEqual({ data: { name: 'Edited Name', price: 1000, publish: '0', inventory_quantity: 3 } });
    const response = await fetch(store.origin + entityPath('1.1', 'ms.products', id), {
      method: 'PUT',
      headers: { 'access-key': DEMO_KEYS.manager, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const saved = mapProductResponse(await response.json(), context);
    expect(saved).toMatchObject({ name: 'Edited Name', price: 1000, published: false, inventory: 3 });
    const fresh = mapProductResponse(await get(entityPath('1.1', 'ms.products', id)), context);
    expect(assertUnchangedSince(saved.updated, fresh)).toBe(true);
  });

  it('an edit elsewhere between load and save is an API_CONFLICT', async () => {
    const [loaded] = (await allProducts()).slice(31, 32);
    store.advanceClock(5_000);
    store.touchProduct(loaded?.id ?? '', { name: 'Someone Else' });
    const fresh = mapProductResponse(await get(entityPath('1.1', 'ms.products', loaded?.id)), context);
    expect(() => assertUnchangedSince(loaded?.updated, fresh)).toThrowError(expect.objectContaining({ code: 'API_CONFLICT' }));
  });
});

describe('contract breaks and edge values', () => {
  const base = { _id: 'a'.repeat(24), name: 'X', price: 10 };

  it.each([
    ['$.data', { data: {} }],
    ['$.paging.total', { data: [], paging: { total: '5' } }],
    ['$.data', { data: [base, base, base] }],
  ])('%s breaks the contract', (path, json) => {
    expectInvalid(() => mapProductList(json, { page: 0, count: 2 }, context), path);
  });

  it.each([
    ['$.data[0]._id', { ...base, _id: '../admin' }],
    ['$.data[0].name', { ...base, name: '' }],
    ['$.data[0].price', { ...base, price: 'ten' }],
    ['$.data[0].available', { ...base, available: 'maybe' }],
    ['$.data[0].inventory_quantity', { ...base, inventory_quantity: 1.5 }],
    ['$.data[0].created_on', { ...base, created_on: 'yesterday' }],
  ])('%s breaks the contract: that product is left out of a list and counted, the others kept', (path, item) => {
    expectInvalid(() => mapProduct(item, context, '$.data[0]'), path);
    const list = mapProductList({ data: [item, { ...base, _id: 'b'.repeat(24) }] }, { page: 0, count: 2 }, context);
    expect(list.products.map((product) => product.id)).toEqual(['b'.repeat(24)]);
    expect(list.skipped).toBe(1);
  });

  it('coupon and order breaks', () => {
    expectInvalid(() => mapCouponList({ data: [{ coupon_code: 'A', type: 'bogo', amount: 1 }] }, { page: 0, count: 5 }, context), '$.data[0].type');
    expectInvalid(() => mapCouponList({ data: [{ coupon_code: 'A', type: 'percentage', amount: 150 }] }, { page: 0, count: 5 }, context), '$.data[0].amount');
    expectInvalid(() => mapOrderList({ data: [{ _id: 'b'.repeat(24), total: 1, currency_code: 'RUPEES' }] }, { page: 0, count: 5 }, context), '$.data[0].currency_code');
  });

  it('without paging.total: hasMore when a full page came back, total a lower bound', () => {
    const full = mapListEnvelope({ data: [1, 2] }, { page: 3, count: 2 }, (x) => x);
    expect(full.paging).toEqual({ page: 3, count: 2, total: 9, hasMore: true, totalKnown: false });
    const last = mapListEnvelope({ data: [1] }, { page: 3, count: 2 }, (x) => x);
    expect(last.paging).toEqual({ page: 3, count: 2, total: 7, hasMore: false, totalKnown: false });
  });

  it('image URLs: relative, leading slash, absolute, protocol-relative, other schemes, credentials', () => {
    const imageBase = 'https://cdn1.storehippo.com/s/58b6b898fe14ad9f7ef50fb8/';
    expect(resolveImageUrl('ms.products/a/b.jpg', imageBase)).toBe(`${imageBase}ms.products/a/b.jpg`);
    expect(resolveImageUrl('/ms.products/a/b.jpg', imageBase)).toBe(`${imageBase}ms.products/a/b.jpg`);
    expect(resolveImageUrl('HTTPS://img.example/a.jpg', imageBase)).toBe('https://img.example/a.jpg');
    expect(resolveImageUrl('//cdn.example/a.jpg', imageBase)).toBe('https://cdn.example/a.jpg');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:image/svg+xml,<svg>', 'vbscript:x', '\\\\evil.example/a', 'https://u:p@evil.example/a', 42, null]) {
      expect(resolveImageUrl(bad, imageBase)).toBeUndefined();
    }
    expect(defaultImageBase('https://shop.example')).toBe('https://shop.example/');
  });

  it('dates: created falls back to the ObjectId time; unknown order statuses read as pending', () => {
    expect(objectIdTime('5f1a2b3c4d5e6f7a8b9c0d1e')).toBe(new Date(0x5f1a2b3c * 1000).toISOString());
    expect(mapProduct(base, context).created).toBe(objectIdTime(base._id));
    expect(mapProduct({ ...base, publish: undefined }, context).published).toBe(true);
    expect(mapOrderList({ data: [{ _id: base._id, order_id: 1042, total: '99.999' }] }, { page: 0, count: 5 }, context).orders[0]).toEqual({
      id: base._id, number: '1042', createdAt: objectIdTime(base._id), total: 100, currency: 'INR', status: 'pending',
    });
    const statusOf = (status: unknown) => mapOrderList({ data: [{ _id: base._id, order_id: 1042, total: 10, status }] }, { page: 0, count: 5 }, context).orders[0]!.status;
    expect(statusOf('Delivered')).toBe('shipped');
    expect(statusOf('on_hold')).toBe('pending');
    expect(statusOf(undefined)).toBe('pending');
  });

  it('an order’s unreadable items are left out and counted, never the order; items that are no list say nothing', () => {
    const order = (items: unknown) => mapOrderList({ data: [{ _id: base._id, order_id: 1042, total: 10, items }] }, { page: 0, count: 5 }, context).orders[0]!;
    expect(order([{ name: 'Kurta', quantity: 2, price: 499 }, { name: 'Dupatta', quantity: '1' }, { quantity: 1 }, { name: 'Bangle', quantity: 0 }, null])).toMatchObject({ items: [{ name: 'Kurta', quantity: 2 }, { name: 'Dupatta', quantity: 1 }], itemsUnread: 3 });
    expect(order(undefined)).not.toHaveProperty('items');
    expect(order('Kurta')).not.toHaveProperty('items');
    expect(order([])).toMatchObject({ items: [] });
  });

  it('an order status it does not know keeps StoreHippo’s word to be shown, not a bare "Pending" (an order on hold read as waiting)', () => {
    const order = (status: unknown) => mapOrderList({ data: [{ _id: base._id, order_id: 1042, total: 10, status }] }, { page: 0, count: 5 }, context).orders[0];
    expect(order('on_hold')).toMatchObject({ status: 'pending', statusWords: 'On hold' });
    expect(order('PAYMENT-FAILED')).toMatchObject({ status: 'pending', statusWords: 'Payment failed' });
    expect(order('Delivered')).not.toHaveProperty('statusWords');
    expect(order(undefined)).not.toHaveProperty('statusWords');
  });

  it('compare_price not above price is null; without storefrontUrl no permalink', () => {
    const product = mapProduct({ ...base, compare_price: 10, alias: 'x' }, { currency: 'INR', imageBase: 'https://c.example/' });
    expect(product.compareAtPrice).toBeNull();
    expect(product.permalink).toBeUndefined();
  });

  it('the conflict check is skipped (false) when updated_on is missing on either side', () => {
    const product = mapProduct(base, context);
    expect(assertUnchangedSince(undefined, product)).toBe(false);
    expect(assertUnchangedSince('2024-01-01T00:00:00Z', product)).toBe(false);
  });
});
