/**
 * The Shopware 6 mappers fed with the faithful server's real answers to the criteria the builders
 * make (test/platforms/shopware), plus hand-made contract breaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../src/lib/domain/catalog.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { chooseCurrency, readCurrencyTable, type CurrencyTable } from '../../../../src/lib/providers/shopware6/currency.ts';
import { buildCurrencyCriteria, buildOrderListCriteria, buildProductDetailCriteria, buildProductListCriteria, buildPromotionListCriteria } from '../../../../src/lib/providers/shopware6/criteria.ts';
import { mapAdminProduct, mapOrder, readSearchResult } from '../../../../src/lib/providers/shopware6/map.ts';
import { mapPromotions } from '../../../../src/lib/providers/shopware6/promotion.ts';
import { ADMIN, apiSearch, integrationToken } from '../../../platforms/shopware/client.ts';
import { SEED_IDS } from '../../../platforms/shopware/seed.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { pricesOf } from '../../../helpers/prices.ts';

let store: ShopwareStore;
let token: string;
let table: CurrencyTable;

beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
  token = await integrationToken(store.origin, ADMIN);
  table = readCurrencyTable(readSearchResult((await apiSearch(store.origin, 'currency', token, buildCurrencyCriteria())).json, 1, 100).data);
});
afterAll(() => store.close());

async function products(criteria: object, currency = 'EUR', admin = false): Promise<{ products: Product[]; total: number; page: number }> {
  const answer = await apiSearch(store.origin, 'product', token, criteria);
  expect(answer.status).toBe(200);
  const c = criteria as { page?: number; limit?: number };
  const { data, paging } = readSearchResult(answer.json, c.page ?? 1, c.limit ?? 500);
  const options = { currency: chooseCurrency(table, currency), admin, storefrontUrl: 'https://shop.example/' };
  return { products: data.map((item, i) => mapAdminProduct(item, options, `data[${i}]`)), total: paging.total, page: paging.page };
}

function expectInvalid(fn: () => unknown): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('API_INVALID_RESPONSE');
}

describe('Admin API products -> Product', () => {
  it('maps a storefront list page: no variants, no inactive products, exact total, 0-based page', async () => {
    const page = await products(buildProductListCriteria({ page: 1, count: 10, sort: 'newest' }, 'storefront'));
    expect(page.total).toBe(30);
    expect(page.page).toBe(1);
    expect(page.products).toHaveLength(10);
    const ids = (await products(buildProductListCriteria({ count: 100 }, 'storefront'))).products.map((p) => p.id);
    expect(ids).not.toContain(SEED_IDS.applesVariant);
    expect(ids).not.toContain(SEED_IDS.hiddenBread);
    const admin = (await products(buildProductListCriteria({ count: 100 }, 'admin'), 'EUR', true)).products;
    expect(admin.find((p) => p.id === SEED_IDS.hiddenBread)).toMatchObject({ published: false, inventory: 0 });
  });

  it('maps the apples fully: translated name, HTML, price, compare-at, cover first, categories, permalink', async () => {
    const [apples] = (await products(buildProductDetailCriteria(SEED_IDS.apples))).products;
    expect(apples).toEqual({
      id: SEED_IDS.apples,
      name: 'Pink Lady Apples 1 kg',
      descriptionHtml: '<p>Crisp and sweet.</p>',
      descriptionShort: '',
      price: 2.99,
      currency: 'EUR',
      compareAtPrice: 3.49,
      images: [
        { url: expect.stringMatching(new RegExp(`^${store.mediaOrigin}/media/.*pink-lady\\.svg$`)), alt: 'Apples' },
        { url: expect.stringMatching(/pink-lady-box\.svg$/), alt: 'A box of apples' },
      ],
      categories: ['Fruit'],
      tags: [],
      inStock: true,
      // its 2 kg variant is what the shop sells, with its own stock: no count of the parent's to edit
      soldInVariants: true,
      published: true,
      created: '2024-05-02T09:00:00.345+00:00',
      updated: '2024-06-01T09:00:00.000+00:00',
      permalink: `https://shop.example/detail/${SEED_IDS.apples}`,
    });
  });

  it('takes the name from translated when the column is null, and reads inStock false', async () => {
    const [bananas] = (await products(buildProductDetailCriteria(SEED_IDS.bananas))).products;
    expect(bananas).toMatchObject({ name: 'Bananas', descriptionHtml: '', inStock: false, images: [] });
  });

  it('drops a listPrice below the price, and the javascript: media URL', async () => {
    const [pears] = (await products(buildProductDetailCriteria(SEED_IDS.pears))).products;
    expect(pears).toMatchObject({ price: 3.5, compareAtPrice: null });
    const [onion] = (await products(buildProductDetailCriteria(SEED_IDS.hostileOnion))).products;
    expect(onion?.images.map((i) => i.url)).toEqual([expect.stringMatching(/onions\.svg$/)]);
    expect(onion?.descriptionHtml).toContain('<script>'); // sanitised at render, not here
  });

  it('prices in USD: its own entry when present, else EUR x factor (1.17), list prices too', async () => {
    const [cherries] = (await products(buildProductDetailCriteria(SEED_IDS.cherries), 'USD')).products;
    expect(cherries).toMatchObject({ price: 5.79, currency: 'USD', compareAtPrice: null });
    const [pears] = (await products(buildProductDetailCriteria(SEED_IDS.pears), 'USD')).products;
    expect(pears?.price).toBe(4.1); // 3.5 * 1.17 = 4.095
    const [apples] = (await products(buildProductDetailCriteria(SEED_IDS.apples), 'USD')).products;
    expect(apples).toMatchObject({ price: 3.49, compareAtPrice: null });
  });

  it('sorts by price and filters by category name and term through the built criteria', async () => {
    const cheap = pricesOf((await products(buildProductListCriteria({ sort: 'price', count: 100 }, 'storefront'))).products);
    expect(cheap).toEqual([...cheap].sort((a, b) => a - b));
    const dear = pricesOf((await products(buildProductListCriteria({ sort: '-price', count: 5 }, 'storefront'))).products);
    expect(dear).toEqual([...dear].sort((a, b) => b - a));
    const fruit = (await products(buildProductListCriteria({ category: 'Fruit', count: 100 }, 'storefront'))).products.map((p) => p.name);
    expect(fruit.sort()).toEqual(['Bananas', 'Cherries 500 g', 'Conference Pears', 'Pink Lady Apples 1 kg']);
    const term = (await products(buildProductListCriteria({ q: 'pears' }, 'storefront'))).products.map((p) => p.id);
    expect(term).toEqual([SEED_IDS.pears]);
    const page2 = await products(buildProductListCriteria({ page: 1, count: 12, sort: 'name' }, 'storefront'));
    const page1 = await products(buildProductListCriteria({ page: 0, count: 12, sort: 'name' }, 'storefront'));
    expect(page1.products.at(-1)?.name.localeCompare(page2.products[0]?.name ?? '')).toBeLessThan(0);
  });

  it('a parent sold in variants is in stock when a variant is, whatever its own stock; no count of its own', async () => {
    const setStock = (id: string, stock: number): Promise<Response> =>
      fetch(`${store.origin}/api/product/${id}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify({ stock }) });
    // the parent's own stock is 0 (a closeout: not available), the 2.5 kg variant has 18
    const [detail] = (await products(buildProductDetailCriteria(SEED_IDS.potatoes), 'EUR', true)).products;
    expect(detail).toMatchObject({ name: 'Potatoes', inStock: true, soldInVariants: true });
    expect(detail?.inventory).toBeUndefined();
    const listed = (await products(buildProductListCriteria({ count: 100 }, 'admin'), 'EUR', true)).products;
    expect(listed.find((p) => p.id === SEED_IDS.potatoes)).toMatchObject({ inStock: true });
    expect(listed.find((p) => p.id === SEED_IDS.bananas)).toMatchObject({ inStock: false, inventory: 0 });
    expect(listed.find((p) => p.id === SEED_IDS.bananas)?.soldInVariants).toBeUndefined();
    try {
      expect((await setStock(SEED_IDS.potatoesSmall, 0)).status).toBe(204);
      const [soldOut] = (await products(buildProductDetailCriteria(SEED_IDS.potatoes))).products;
      expect(soldOut).toMatchObject({ inStock: false });
    } finally {
      await setStock(SEED_IDS.potatoesSmall, 18);
    }
  });

  it('a parent sold in variants shows what Shopware’s storefront shows: its cheapest active variant’s price, "From" it where they differ; its own price stays what an edit changes', async () => {
    // Potatoes €1.53: 2.5 kg inherits it, 5 kg costs €4.49, 10 kg (€7.99) is switched off
    const [potatoes] = (await products(buildProductDetailCriteria(SEED_IDS.potatoes), 'EUR', true)).products;
    expect(potatoes).toMatchObject({ price: 1.53, storefrontPrice: { price: 1.53, from: true } });
    // a parent whose one variant inherits its price shows that price, nothing more
    const [apples] = (await products(buildProductDetailCriteria(SEED_IDS.apples), 'EUR', true)).products;
    expect(apples).not.toHaveProperty('storefrontPrice');
    const options = { currency: chooseCurrency(table, 'EUR'), admin: true };
    const eur = (gross: number): object[] => [{ currencyId: options.currency.id, gross, net: gross / 1.19, linked: true }];
    const parent = { id: SEED_IDS.potatoes, translated: { name: 'Potatoes' }, price: eur(5), stock: 0, active: true, createdAt: '2025-01-01T00:00:00.000+00:00', childCount: 2 };
    // every variant at its own €4 (not the parent's €5): €4, no "From"
    const same = mapAdminProduct({ ...parent, children: [{ id: SEED_IDS.potatoesSmall, price: eur(4), available: true, active: null }, { id: SEED_IDS.potatoesLarge, price: eur(4), available: true, active: null }] }, options);
    expect(same).toMatchObject({ price: 5, storefrontPrice: { price: 4, from: false } });
    // a variant dearer than the parent's inherited price: "From" the parent's
    const ranged = mapAdminProduct({ ...parent, children: [{ id: SEED_IDS.potatoesSmall, price: null, available: true, active: null }, { id: SEED_IDS.potatoesLarge, price: eur(6), available: false, active: null }] }, options);
    expect(ranged.storefrontPrice).toEqual({ price: 5, from: true });
  });

  it('advanced prices as Shopware’s product page shows them: two tiers a table ("To 9", "From 10") under "From" the last; one tier is the price; several rules each a table, named; none asked, none', async () => {
    const listed = (await products(buildProductListCriteria({ count: 100 }, 'admin', true), 'EUR', true)).products;
    const byName = (name: string): Product => listed.find((p) => p.name === name)!;
    // Leeks: €1.09 up to 9 items, €0.95 from 10, for the rule every shopper meets (test/platforms/shopware/seed.ts)
    expect(byName('Leeks')).toMatchObject({ storefrontPrice: { price: 0.95, from: true }, priceTiers: [{ rule: 'Always valid (Default)', tiers: [{ quantity: 9, price: 1.09 }, { quantity: 10, price: 0.95 }] }] });
    // Carrots: one advanced price (€0.69, below its own €0.79): that is its price, no table
    expect(byName('Carrots')).toMatchObject({ price: 0.79, storefrontPrice: { price: 0.69, from: false } });
    expect(byName('Carrots')).not.toHaveProperty('priceTiers');
    // a product without advanced prices, and any product asked without them: nothing added
    expect(byName('Kale')).not.toHaveProperty('priceTiers');
    const leeksId = byName('Leeks').id;
    const [plain] = (await products(buildProductDetailCriteria(leeksId), 'EUR', true)).products;
    expect(plain).not.toHaveProperty('priceTiers');
    expect(plain).not.toHaveProperty('storefrontPrice');
    const [detail] = (await products(buildProductDetailCriteria(leeksId, true), 'EUR', true)).products;
    expect(detail?.priceTiers).toEqual(byName('Leeks').priceTiers);
    // in another currency: the tier's entry for it, else the default one × factor, rounded to its digits
    const [usd] = (await products(buildProductDetailCriteria(leeksId, true), 'USD', true)).products;
    const factor = chooseCurrency(table, 'USD').factor;
    expect(usd).toMatchObject({ currency: 'USD', priceTiers: [{ tiers: [{ quantity: 9, price: Math.round(1.09 * factor * 100) / 100 }, { quantity: 10, price: Math.round(0.95 * factor * 100) / 100 }] }] });
    // two rules: each one's table, the higher priority first, named; the own price, as which applies is the shopper's
    const options = { currency: chooseCurrency(table, 'EUR'), admin: true };
    const eur = (gross: number): object[] => [{ currencyId: options.currency.id, gross, net: gross / 1.19, linked: true, listPrice: null }];
    const tier = (ruleId: string, start: number, end: number | null, gross: number, rule?: object): object => ({ ruleId, quantityStart: start, quantityEnd: end, price: eur(gross), ...(rule === undefined ? {} : { rule }) });
    const a = '0'.repeat(31) + 'a';
    const b = '0'.repeat(31) + 'b';
    const base = { id: leeksId, translated: { name: 'Leeks' }, price: eur(1.29), stock: 5, active: true, createdAt: '2025-01-01T00:00:00.000+00:00', childCount: 0 };
    const two = mapAdminProduct({ ...base, prices: [tier(a, 5, null, 1, { name: 'Retail', priority: 1 }), tier(b, 1, 4, 0.9, { name: 'Trade ', priority: 50 }), tier(a, 1, 4, 1.2), tier(b, 5, null, 0.8)] }, options);
    expect(two.priceTiers).toEqual([
      { rule: 'Trade', tiers: [{ quantity: 4, price: 0.9 }, { quantity: 5, price: 0.8 }] },
      { rule: 'Retail', tiers: [{ quantity: 4, price: 1.2 }, { quantity: 5, price: 1 }] },
    ]);
    expect(two).not.toHaveProperty('storefrontPrice');
    // a broken tier is a broken answer, named by its path
    expectInvalid(() => mapAdminProduct({ ...base, prices: [{ ruleId: a, quantityStart: 0, price: eur(1) }] }, options));
    expectInvalid(() => mapAdminProduct({ ...base, prices: [{ ruleId: a, quantityStart: 1, price: [] }] }, options));
  });

  it('throws API_INVALID_RESPONSE on contract breaks: no name, no price in any usable currency, bad id', () => {
    const options = { currency: chooseCurrency(table, 'EUR'), admin: false };
    const good = { id: SEED_IDS.pears, name: 'x', createdAt: '2024-01-01T00:00:00.000+00:00', price: [{ currencyId: 'b7d2554b0ce847cd82f3ac9bd1c0dfca', gross: 1, net: 1, linked: true }] };
    expect(mapAdminProduct(good, options).name).toBe('x');
    expectInvalid(() => mapAdminProduct({ ...good, name: null, translated: { name: '' } }, options));
    expectInvalid(() => mapAdminProduct({ ...good, price: [{ currencyId: '0'.repeat(32), gross: 1 }] }, options));
    expectInvalid(() => mapAdminProduct({ ...good, price: null }, options));
    expectInvalid(() => mapAdminProduct({ ...good, id: '../admin' }, options));
    expectInvalid(() => readSearchResult({ data: { id: 'x' }, total: 1 }, 1, 1));
  });
});

describe('orders, promotions', () => {
  it('maps orders with the 4.4 status rules', async () => {
    const answer = await apiSearch(store.origin, 'order', token, buildOrderListCriteria(0, 25));
    const { data, paging } = readSearchResult(answer.json, 1, 25);
    expect(paging.total).toBe(9);
    const orders = data.map((o, i) => mapOrder(o, `data[${i}]`));
    const byNumber = Object.fromEntries(orders.map((o) => [o.number, o.status]));
    expect(byNumber).toEqual({ '10001': 'pending', '10002': 'paid', '10003': 'paid', '10004': 'cancelled', '10005': 'refunded', '10006': 'pending', '10007': 'pending', '10008': 'pending', '10009': 'paid' });
    // with the deliveries (order_delivery:read): goods sent are shipped, a refund still wins
    const withDeliveries = readSearchResult((await apiSearch(store.origin, 'order', token, buildOrderListCriteria(0, 25, { deliveries: true }))).json, 1, 25).data.map((o, i) => mapOrder(o, `data[${i}]`));
    expect(Object.fromEntries(withDeliveries.map((o) => [o.number, o.statusWords === undefined ? o.status : `${o.status}: ${o.statusWords}`]))).toEqual({
      '10001': 'pending', '10002': 'shipped: Partly shipped', '10003': 'shipped', '10004': 'cancelled', '10005': 'refunded', '10006': 'pending', '10007': 'pending: Payment failed', '10008': 'shipped: Shipped · Partly paid', '10009': 'shipped',
    });
    expect(orders.map((o) => o.number)).toEqual(['10008', '10007', '10006', '10005', '10004', '10003', '10002', '10001', '10009']);
    // the payment's own state where "Pending" alone would mislead; none where it would not
    expect(Object.fromEntries(orders.map((o) => [o.number, o.statusWords]))).toEqual({
      '10001': undefined, '10002': undefined, '10003': undefined, '10004': undefined, '10005': undefined, '10006': undefined,
      '10007': 'Payment failed', '10008': 'Partly paid', '10009': undefined,
    });
    expect(orders.find((o) => o.number === '10006')).toMatchObject({ currency: 'USD', total: 42, customerName: 'Customer 6', customerEmail: 'customer6@example.com', createdAt: expect.any(String) });
    // the name as the Administration's list gives it (first, then last), each part trimmed; none where neither says anything
    const customerOf = (orderCustomer: unknown) => mapOrder({ ...(data[0] as object), orderCustomer });
    expect(customerOf({ email: 'a@example.com', firstName: ' Ana ', lastName: 'Silva' }).customerName).toBe('Ana Silva');
    expect(customerOf({ email: 'a@example.com', firstName: 'Ana', lastName: '' }).customerName).toBe('Ana');
    expect(customerOf({ email: 'a@example.com', firstName: ' ', lastName: null })).not.toHaveProperty('customerName');
    expect(mapOrder({ ...(data[0] as object), transactions: [], stateMachineState: { technicalName: 'completed' } }).status).toBe('shipped');
    expectInvalid(() => mapOrder({ ...(data[0] as object), currency: null }));
  });

  it('reads what each order bought from its lineItems, only when asked; discounts and a container’s parts are no items; an unreadable line is counted, not the order lost', async () => {
    const plain = readSearchResult((await apiSearch(store.origin, 'order', token, buildOrderListCriteria(0, 25))).json, 1, 25).data;
    expect(plain.map((o, i) => mapOrder(o, `data[${i}]`)).some((o) => 'items' in o)).toBe(false);
    const asked = readSearchResult((await apiSearch(store.origin, 'order', token, buildOrderListCriteria(0, 25, { lineItems: true }))).json, 1, 25).data;
    const byNumber = Object.fromEntries(asked.map((o, i) => mapOrder(o, `data[${i}]`)).map((o) => [o.number, o]));
    // 10001 has a promotion line ("Summer 10 %", type promotion): not bought
    // each line with its totalPrice, what the whole line cost (2 × 2.99), in the order's currency
    expect(byNumber['10001']).toMatchObject({ items: [{ name: 'Pink Lady Apples 1 kg', quantity: 2, lineTotal: 5.98 }, { name: 'Cherries 500 g', quantity: 1, lineTotal: 4.99 }] });
    expect(byNumber['10001']).not.toHaveProperty('itemsUnread');
    expect(byNumber['10006']?.items).toEqual([{ name: 'Gift wrapping with a handwritten card for the whole family, in seasonal colours', quantity: 1, lineTotal: 42 }]);
    expect(byNumber['10007']?.items?.map((i) => i.name)).toEqual(['Potatoes 5 kg', 'Red Onions <img src=x onerror=alert(1)>']);
    // a short order is whole: nothing says it holds more
    expect(byNumber['10002']).not.toHaveProperty('itemsMore');
    // 10009, 40 lines: read up to one past the 25 said (26, by position); the discount line among the
    // first 25 is left out, so 24 are said, and the order says it holds more than were read
    const long = asked.find((o) => (o as { orderNumber: string }).orderNumber === '10009') as { lineItems: { position: number }[] };
    expect(long.lineItems.map((l) => l.position)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(byNumber['10009']?.items).toHaveLength(24);
    expect(byNumber['10009']?.items?.[0]).toEqual({ name: 'Crate 1 of Conference Pears', quantity: 12, lineTotal: 42 });
    expect(byNumber['10009']?.items?.at(-1)?.name).toBe('Crate 25 of Conference Pears');
    expect(byNumber['10009']).toMatchObject({ itemsMore: true });
    // exactly 25 lines: all were read, the order is whole; 26: the 26th is not said, only that there are more
    const crate = (i: number) => ({ label: `Crate ${i}`, quantity: 1, type: 'product', parentId: null });
    const twentyFive = mapOrder({ ...(asked[0] as object), lineItems: Array.from({ length: 25 }, (_, i) => crate(i + 1)) });
    expect(twentyFive.items).toHaveLength(25);
    expect(twentyFive).not.toHaveProperty('itemsMore');
    const twentySix = mapOrder({ ...(asked[0] as object), lineItems: Array.from({ length: 26 }, (_, i) => crate(i + 1)) });
    expect(twentySix.items?.map((i) => i.name)).toEqual(Array.from({ length: 25 }, (_, i) => `Crate ${i + 1}`));
    expect(twentySix).toMatchObject({ itemsMore: true });
    const base = asked[0] as Record<string, unknown>;
    const lines = [
      { label: 'Tote Bag', quantity: 2, type: 'product', parentId: null },
      { label: 'Spring sale', quantity: 1, type: 'discount', parentId: null },
      { label: 'Store credit', quantity: 1, type: 'credit', parentId: null },
      { label: 'Mug in the box', quantity: 1, type: 'product', parentId: 'a'.repeat(32) },
      { label: '', quantity: 1, type: 'product', parentId: null },
      { label: 'Cap', quantity: 'two', type: 'product', parentId: null },
      { label: 'Engraving', quantity: 1, type: 'custom', parentId: null },
      7,
    ];
    expect(mapOrder({ ...base, lineItems: lines })).toMatchObject({ items: [{ name: 'Tote Bag', quantity: 2 }, { name: 'Engraving', quantity: 1 }], itemsUnread: 3 });
    expect(mapOrder({ ...base, lineItems: null })).not.toHaveProperty('items');
    expect(mapOrder({ ...base, lineItems: { label: 'x' } })).not.toHaveProperty('items');
  });

  it('reads Shopware’s payment and order states as Shopware’s own order list does', async () => {
    const answer = await apiSearch(store.origin, 'order', token, buildOrderListCriteria(0, 1));
    const base = readSearchResult(answer.json, 1, 1).data[0] as Record<string, unknown>;
    const at = (hour: number): string => `2026-01-01T${String(hour).padStart(2, '0')}:00:00.000+00:00`;
    const status = (orderState: string, payments: string[]): unknown => {
      const { status: s, statusWords } = mapOrder({
        ...base,
        stateMachineState: { technicalName: orderState },
        // listed newest first: the order is the payments' createdAt, not the array's
        transactions: payments.map((technicalName, i) => ({ createdAt: at(i), stateMachineState: { technicalName } })).reverse(),
      });
      return statusWords === undefined ? s : `${s}: ${statusWords}`;
    };
    // the first payment neither cancelled nor failed, else the last (sw-order-list's transaction())
    expect(status('open', ['failed', 'paid'])).toBe('paid');
    expect(status('in_progress', ['paid', 'cancelled'])).toBe('paid');
    expect(status('open', ['cancelled', 'failed'])).toBe('pending: Payment failed');
    expect(status('open', ['cancelled'])).toBe('pending: Payment cancelled');
    // money returned says more than the order state; money asked for does not
    expect(status('completed', ['refunded_partially'])).toBe('refunded: Partly refunded');
    expect(status('completed', ['chargeback'])).toBe('refunded: Chargeback');
    expect(status('completed', ['paid_partially'])).toBe('shipped');
    expect(status('cancelled', ['failed'])).toBe('cancelled');
    expect(status('open', ['authorized'])).toBe('pending: Payment authorized');
    expect(status('open', ['reminded'])).toBe('pending: Payment reminded');
    expect(status('open', ['unconfirmed'])).toBe('pending: Payment unconfirmed');
    expect(status('open', ['in_progress'])).toBe('pending: Payment in progress');
    // an order being worked on, unpaid: Shopware's word; an open one is plain pending
    expect(status('in_progress', ['open'])).toBe('pending: In progress');
    expect(status('open', ['open'])).toBe('pending');
    // a plugin's own payment state: never paid, its name shown
    expect(status('open', ['awaiting_bank_transfer'])).toBe('pending: Awaiting bank transfer');
    // the main delivery (Shopware's list shows deliveries[0]): shipped with what the payment lacks; a
    // refund, or a cancelled order, still wins; a delivery still open or cancelled says nothing
    const sent = (orderState: string, payments: string[], deliveries: string[]): unknown => {
      const { status: s, statusWords } = mapOrder({
        ...base,
        stateMachineState: { technicalName: orderState },
        transactions: payments.map((technicalName, i) => ({ createdAt: at(i), stateMachineState: { technicalName } })),
        deliveries: deliveries.map((technicalName) => ({ stateMachineState: { technicalName } })),
      });
      return statusWords === undefined ? s : `${s}: ${statusWords}`;
    };
    expect(sent('completed', ['paid'], ['shipped'])).toBe('shipped');
    expect(sent('in_progress', ['paid'], ['shipped', 'open'])).toBe('shipped');
    expect(sent('in_progress', ['paid'], ['open', 'shipped'])).toBe('paid');
    expect(sent('in_progress', ['open'], ['shipped'])).toBe('shipped: Shipped · Payment open');
    expect(sent('in_progress', [], ['shipped'])).toBe('shipped');
    expect(sent('in_progress', ['paid'], ['shipped_partially'])).toBe('shipped: Partly shipped');
    expect(sent('completed', ['paid'], ['returned'])).toBe('shipped: Returned');
    expect(sent('completed', ['paid'], ['returned_partially'])).toBe('shipped: Partly returned');
    expect(sent('completed', ['refunded'], ['returned'])).toBe('refunded');
    expect(sent('cancelled', ['paid'], ['shipped'])).toBe('paid');
    expect(sent('open', ['failed'], ['cancelled'])).toBe('pending: Payment failed');
    expect(sent('open', ['awaiting_bank_transfer'], ['shipped'])).toBe('shipped: Shipped · Awaiting bank transfer');
  });

  it('maps promotions with a fixed code to coupons: percentage, fixed amount, free shipping, validFrom/validUntil; the others are said as not listed, with why', async () => {
    const answer = await apiSearch(store.origin, 'promotion', token, buildPromotionListCriteria(0, 25));
    const { coupons, notListed } = mapPromotions(readSearchResult(answer.json, 1, 25).data);
    expect(coupons).toEqual([
      { code: 'SUMMER10', name: 'Summer 10 %', percentOff: 10, startsAt: '2024-04-01T09:00:00.000+00:00', expiresAt: '2027-09-30T22:00:00.000+00:00' },
      { code: 'FIVEOFF', name: 'Five off', percentOff: null, amountOff: 5 },
      // a fixed price is not "off" the cart: the name tells
      { code: 'TEE999', name: 'Any tee for 9.99', percentOff: null },
      // 100 % on delivery (scope 'delivery'): off the shipping costs, all of them
      { code: 'FREESHIP', name: 'Free shipping', percentOff: 100, appliesTo: 'shipping' },
      // validFrom ahead (the cart refuses it until then) and validUntil past: both dates kept
      { code: 'SPRING30', name: 'Spring launch', percentOff: 30, startsAt: '2099-03-01T00:00:00.000+00:00', expiresAt: '2099-05-31T22:00:00.000+00:00' },
      { code: 'BLACKFRIDAY', name: 'Black Friday', percentOff: 25, startsAt: '2025-11-28T00:00:00.000+00:00', expiresAt: '2025-12-01T23:00:00.000+00:00' },
      // capped percentages keep their cap (`maxValue`)
      { code: 'TENCAP', name: 'Ten percent, capped', percentOff: 10, maxOff: 5 },
      { code: 'SHIPCAP', name: 'Shipping on us', percentOff: 100, maxOff: 4.5, appliesTo: 'shipping' },
    ]);
    // no code a shopper can type in, each said with why (they were left out without a word)
    expect(notListed).toEqual([
      { name: 'Automatic free delivery', reason: 'automatic' },
      { name: 'Newsletter codes', reason: 'individualCodes' },
      // switched off: Shopware's cart refuses its code, so it is no coupon
      { name: 'Winter 20 %', reason: 'inactive' },
    ]);
  });

  it('says why a promotion is not listed: switched off before how it takes codes, no code, no name', () => {
    const promotion = (fields: object) => ({ id: 'a'.repeat(32), name: 'P', active: true, useCodes: true, useIndividualCodes: false, code: 'P1', discounts: [], ...fields });
    const { coupons, notListed } = mapPromotions([
      promotion({ active: false, useIndividualCodes: true }),
      promotion({ active: false, useCodes: false }),
      promotion({ useCodes: null }),
      promotion({ code: '  ' }),
      promotion({ code: null }),
      promotion({ name: null, translated: { name: 'Übersetzt' }, useIndividualCodes: true }),
      promotion({ name: '', useCodes: false }),
      promotion({}),
    ]);
    expect(notListed!.map((p) => p.reason)).toEqual(['inactive', 'inactive', 'automatic', 'noCode', 'noCode', 'individualCodes', 'automatic']);
    expect(notListed!.map((p) => p.name).slice(-2)).toEqual(['Übersetzt', '']);
    expect(coupons.map((c) => c.code)).toEqual(['P1']);
    // none left out: nothing to say
    expect(mapPromotions([promotion({})])).toEqual({ coupons: [{ code: 'P1', name: 'P', percentOff: null }] });
    expectInvalid(() => mapPromotions([promotion({ active: 'no' })]));
  });

  it('reads a discount on delivery as off the shipping costs, not the order; sets and several discounts are left to the name', () => {
    const off = (...discounts: object[]) => {
      const [coupon] = mapPromotions([{ id: 'a'.repeat(32), name: 'P', active: true, useCodes: true, useIndividualCodes: false, code: 'P1', discounts }]).coupons;
      const { code: _code, name: _name, ...rest } = coupon!;
      return rest;
    };
    expect(off({ type: 'percentage', value: 100, scope: 'delivery' })).toEqual({ percentOff: 100, appliesTo: 'shipping' });
    expect(off({ type: 'percentage', value: 50, scope: 'delivery', maxValue: null })).toEqual({ percentOff: 50, appliesTo: 'shipping' });
    expect(off({ type: 'absolute', value: 4.5, scope: 'delivery' })).toEqual({ percentOff: null, amountOff: 4.5, appliesTo: 'shipping' });
    // at most 5 off the shipping: said with its cap (PromotionDeliveryCalculator caps it), not as plain free shipping
    expect(off({ type: 'percentage', value: 100, scope: 'delivery', maxValue: 5 })).toEqual({ percentOff: 100, maxOff: 5, appliesTo: 'shipping' });
    // shipping at a fixed price
    expect(off({ type: 'fixed_unit', value: 1, scope: 'delivery' })).toEqual({ percentOff: null });
    // the cart's discount is the headline beside one on delivery, as before
    expect(off({ type: 'percentage', value: 10, scope: 'cart' }, { type: 'percentage', value: 100, scope: 'delivery' })).toEqual({ percentOff: 10 });
    expect(off({ type: 'percentage', value: 100, scope: 'delivery' }, { type: 'absolute', value: 2, scope: 'delivery' })).toEqual({ percentOff: null });
    expect(off({ type: 'percentage', value: 20, scope: 'set' })).toEqual({ percentOff: null });
  });

  it('keeps a capped percentage’s cap, on the cart and on delivery (regression: "10% off" was said without its cap, `maxValue`)', () => {
    const off = (...discounts: object[]) => mapPromotions([{ id: 'a'.repeat(32), name: 'P', active: true, useCodes: true, useIndividualCodes: false, code: 'P1', discounts }]).coupons[0];
    expect(off({ type: 'percentage', value: 10, scope: 'cart', maxValue: 5 })).toEqual({ code: 'P1', name: 'P', percentOff: 10, maxOff: 5 });
    expect(off({ type: 'percentage', value: 50, scope: 'delivery', maxValue: 2.5 })).toEqual({ code: 'P1', name: 'P', percentOff: 50, maxOff: 2.5, appliesTo: 'shipping' });
    // no cap: null, as Shopware sends it, or absent
    expect(off({ type: 'percentage', value: 10, scope: 'cart', maxValue: null })).not.toHaveProperty('maxOff');
    // an absolute discount has no cap to say (Shopware keeps maxValue for percentages only)
    expect(off({ type: 'absolute', value: 5, scope: 'cart', maxValue: 3 })).toEqual({ code: 'P1', name: 'P', percentOff: null, amountOff: 5 });
  });
});
