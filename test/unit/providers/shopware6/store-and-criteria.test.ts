import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { chooseCurrency, readCurrencyTable } from '../../../../src/lib/providers/shopware6/currency.ts';
import { assertProductId, buildOrderListCriteria, buildProductListCriteria, buildProductPatch, needsShopTax } from '../../../../src/lib/providers/shopware6/criteria.ts';
import { SW_DEFAULT_CURRENCY_ID, SW_ORDER_LINES_SHOWN } from '../../../../src/lib/providers/shopware6/wire.ts';
import { ADMIN, call, integrationToken } from '../../../platforms/shopware/client.ts';
import { USD_CURRENCY_ID } from '../../../platforms/shopware/constants.ts';
import { SEED_IDS } from '../../../platforms/shopware/seed.ts';
import type { SwCurrency } from '../../../../src/lib/providers/shopware6/currency.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';

let store: ShopwareStore;
beforeAll(async () => {
  store = await startShopwareStore({ port: 0 });
});
afterAll(() => store.close());

const EUR: SwCurrency = { id: SW_DEFAULT_CURRENCY_ID, isoCode: 'EUR', factor: 1 };
const USD: SwCurrency = { id: USD_CURRENCY_ID, isoCode: 'USD', factor: 1.17 };

describe('currency table', () => {
  const table = readCurrencyTable([
    { id: SW_DEFAULT_CURRENCY_ID, isoCode: 'EUR', factor: 1 },
    { id: USD_CURRENCY_ID, isoCode: 'usd', factor: 1.17 },
  ]);

  it('chooses the configured currency, else the system default; without a table labels the default id', () => {
    expect(chooseCurrency(table, 'USD')).toEqual({ id: USD_CURRENCY_ID, isoCode: 'USD', factor: 1.17 });
    expect(chooseCurrency(table, undefined).isoCode).toBe('EUR');
    expect(chooseCurrency(undefined, 'chf')).toEqual({ id: SW_DEFAULT_CURRENCY_ID, isoCode: 'CHF', factor: 1 });
    expect(() => chooseCurrency(table, 'GBP')).toThrow(AppError);
    expect(() => readCurrencyTable([{ id: 'x', isoCode: 'EUR', factor: 1 }])).toThrow(AppError);
    expect(() => readCurrencyTable([{ id: SW_DEFAULT_CURRENCY_ID, isoCode: 'EUR', factor: 0 }])).toThrow(AppError);
  });
});

describe('criteria builders', () => {
  it('build the 4.3 list body: 1-based page, capped limit, exact count, filters, sort, associations, includes', () => {
    const criteria = buildProductListCriteria({ page: 2, count: 1000, q: ' apple ', category: 'Fruit', sort: 'name' }, 'storefront');
    expect(criteria).toEqual({
      page: 3,
      limit: 100,
      'total-count-mode': 'exact',
      term: 'apple',
      filter: [
        { type: 'equals', field: 'parentId', value: null },
        { type: 'equals', field: 'active', value: true },
        { type: 'equals', field: 'categories.name', value: 'Fruit' },
      ],
      sort: [{ field: 'name', order: 'ASC', naturalSorting: true }],
      associations: { cover: {}, media: { sort: [{ field: 'position', order: 'ASC' }] }, categories: {}, children: {} },
      includes: expect.objectContaining({ product: expect.arrayContaining(['translated', 'price', 'cover', 'childCount', 'children']), media: ['url', 'alt', 'title', 'thumbnails'] }),
    });
    const admin = buildProductListCriteria({}, 'admin');
    expect(admin.filter).toEqual([{ type: 'equals', field: 'parentId', value: null }]);
    expect(admin.sort).toEqual([{ field: 'createdAt', order: 'DESC' }]);
    expect(buildProductListCriteria({ q: 'x' }, 'admin').sort).toBeUndefined();
    expect(buildProductListCriteria({ sort: '-price' }, 'admin').sort).toEqual([{ field: 'price', order: 'DESC' }]);
    expect(() => assertProductId('../x')).toThrow(AppError);
  });

  it('the order list asks each order’s lineItems by position and one past the lines said, not every line of every order', () => {
    expect(SW_ORDER_LINES_SHOWN).toBe(25);
    expect(buildOrderListCriteria(0, 20, { lineItems: true }).associations?.lineItems).toEqual({ limit: 26, sort: [{ field: 'position', order: 'ASC' }] });
    expect(buildOrderListCriteria(0, 20).associations).not.toHaveProperty('lineItems');
  });

  it('build a PATCH that keeps the other currencies and the list price, with net at the old ratio', async () => {
    const current = [
      { currencyId: SW_DEFAULT_CURRENCY_ID, gross: 2.99, net: 2.51, linked: true, listPrice: { gross: 3.49, net: 2.93, linked: true } },
      { currencyId: USD_CURRENCY_ID, gross: 3.49, net: 2.93, linked: true, listPrice: null },
    ];
    const patch = buildProductPatch({ name: 'Apples', price: 3.29, inventory: 7, published: false }, current, EUR);
    expect(patch).toEqual({
      name: 'Apples',
      active: false,
      stock: 7,
      price: [current[1], { currencyId: SW_DEFAULT_CURRENCY_ID, gross: 3.29, net: 2.7618, linked: true, listPrice: current[0]?.listPrice }],
    });
    // the faithful server accepts it and keeps both currencies
    const token = await integrationToken(store.origin, ADMIN);
    const answer = await call(`${store.origin}/api/product/${SEED_IDS.apples}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(patch) });
    expect(answer.status).toBe(204);
    expect(store.getProduct(SEED_IDS.apples)?.price?.map((p) => p.currencyId).sort()).toEqual([SW_DEFAULT_CURRENCY_ID, USD_CURRENCY_ID].sort());
  });

  it('a product priced 0 takes its net/gross ratio from another currency’s price, else the tax the shop works out, else net = gross (as Shopware’s Administration without a tax)', () => {
    const zero = { currencyId: SW_DEFAULT_CURRENCY_ID, gross: 0, net: 0, linked: true, listPrice: null };
    const dollars = { currencyId: USD_CURRENCY_ID, gross: 1.19, net: 1, linked: true, listPrice: null };
    const euros = (net: number) => ({ currencyId: SW_DEFAULT_CURRENCY_ID, gross: 5.95, net, linked: true });
    expect(buildProductPatch({ price: 5.95 }, [zero, dollars], EUR).price).toEqual([dollars, euros(5)]);
    expect(needsShopTax({ price: 5.95 }, [zero, dollars], EUR)).toBe(false);
    expect(needsShopTax({ price: 5.95 }, [zero], EUR)).toBe(true);
    expect(needsShopTax({ price: 0 }, [zero], EUR)).toBe(false);
    expect(needsShopTax({ name: 'x' }, [zero], EUR)).toBe(false);
    expect(buildProductPatch({ price: 5.95 }, [zero], EUR, 0.95).price).toEqual([euros(5)]);
    expect(buildProductPatch({ price: 5.95 }, [zero], EUR).price).toEqual([euros(5.95)]);
  });

  it('a price in a currency the product had no entry for (shown as the default × factor) keeps the default\'s tax and list price, not net = gross', async () => {
    const euroOnly = [{ currencyId: SW_DEFAULT_CURRENCY_ID, gross: 2.99, net: 2.51, linked: true, listPrice: { gross: 3.49, net: 2.93, linked: true } }];
    const patch = buildProductPatch({ price: 4 }, euroOnly, USD);
    expect(patch.price).toEqual([
      euroOnly[0],
      // 4 × 2.51 / 2.99; the list price as shown (3.49 × 1.17 = 4.08), its net at its own ratio
      { currencyId: USD_CURRENCY_ID, gross: 4, net: 3.3579, linked: true, listPrice: { currencyId: USD_CURRENCY_ID, gross: 4.08, net: 3.4253, linked: true } },
    ]);
    // the faithful server keeps it, and the product reads back at what was typed, the list price above it
    const token = await integrationToken(store.origin, ADMIN);
    const answer = await call(`${store.origin}/api/product/${SEED_IDS.bananas}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(patch) });
    expect(answer.status).toBe(204);
    expect(store.getProduct(SEED_IDS.bananas)?.price?.find((p) => p.currencyId === USD_CURRENCY_ID)).toMatchObject({ gross: 4, net: 3.3579 });
  });
});
