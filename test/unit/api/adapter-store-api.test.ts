import { describe, expect, it } from 'vitest';
import { adapterStoreApi, cursorWalker } from '../../../src/lib/api/adapter-store-api.ts';
import type { Adapter } from '../../../src/lib/connect/adapter.ts';
import type { Cursor, Order, OrderPage, Product, ProductPage } from '../../../src/lib/domain/catalog.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';

const product = (id: string): Product => ({ id, name: id, price: 1, currency: 'EUR', images: [], categories: [], created: '2026-01-01T00:00:00Z' }) as unknown as Product;

/** A seam adapter over 7 products, pages of `count` by an offset cursor; counts listProducts calls. */
function offsetAdapter(): Adapter & { calls: (Cursor | null)[] } {
  const all = [...Array(7).keys()].map((i) => product(`p${i}`));
  const calls: (Cursor | null)[] = [];
  return {
    calls,
    async listProducts(query, cursor): Promise<ProductPage> {
      calls.push(cursor ?? null);
      const from = cursor ? Number(cursor) : 0;
      const count = query.count ?? 3;
      const next = from + count < all.length ? (String(from + count) as Cursor) : null;
      return { products: all.slice(from, from + count), next };
    },
    getProduct: async (id) => product(id),
    getMetadata: async () => ({ name: 'x', currency: 'EUR' }),
  };
}

describe('cursorWalker', () => {
  it('reaches page n by following cursors once, and answers null past the end', async () => {
    const adapter = offsetAdapter();
    const walk = cursorWalker((cursor) => adapter.listProducts({ count: 3 }, cursor));
    expect((await walk('k', 2))?.products.map((p) => p.id)).toEqual(['p6']);
    expect(adapter.calls).toEqual([null, '3', '6']);
    await walk('k', 1);
    expect(adapter.calls).toEqual([null, '3', '6', '3']); // page 1 asked again, the walk to it is remembered
    expect(await walk('k', 3)).toBeNull();
  });

  it('two walks of one list at once note each cursor once: the pages after them are still the right ones', async () => {
    const adapter = offsetAdapter();
    const walk = cursorWalker((cursor) => adapter.listProducts({ count: 2 }, cursor));
    const [a, b] = await Promise.all([walk('k', 1), walk('k', 1)]);
    expect([a?.products.map((p) => p.id), b?.products.map((p) => p.id)]).toEqual([
      ['p2', 'p3'],
      ['p2', 'p3'],
    ]);
    expect((await walk('k', 2))?.products.map((p) => p.id)).toEqual(['p4', 'p5']);
    expect((await walk('k', 3))?.products.map((p) => p.id)).toEqual(['p6']);
    expect(await walk('k', 4)).toBeNull();
  });

  it('the page after one just shown is asked for alone: the way to it is remembered', async () => {
    const adapter = offsetAdapter();
    const walk = cursorWalker((cursor) => adapter.listProducts({ count: 3 }, cursor));
    await walk('k', 0);
    await walk('k', 1);
    await walk('k', 2);
    expect(adapter.calls).toEqual([null, '3', '6']);
  });
});

describe('adapterStoreApi', () => {
  it('numbers the adapter’s cursor pages for the numbered screens, with an estimated total when the platform gives none', async () => {
    const api = adapterStoreApi(offsetAdapter());
    const first = await api.listProducts({ page: 0, count: 3 });
    expect(first.products.map((p) => p.id)).toEqual(['p0', 'p1', 'p2']);
    expect(first.paging).toEqual({ page: 0, count: 3, total: 6 });
    const last = await api.listProducts({ page: 2, count: 3 });
    expect(last.paging.total).toBe(7);
    expect((await api.listProducts({ page: 5, count: 3 })).products).toEqual([]);
  });

  it('orders: the store’s own count passes as the total; one guessed from the pages seen, or one of more than the list shows, is marked rough (the screen then says no count)', async () => {
    const order = (i: number) => ({ id: `o${i}` }) as Order;
    const withOrders = (answer: (cursor: Cursor | null) => OrderPage): Adapter => ({ ...offsetAdapter(), listOrders: async (cursor) => answer(cursor ?? null) });
    const told = await adapterStoreApi(withOrders(() => ({ orders: [order(0), order(1)], next: '2' as Cursor, total: 30 }))).listOrders({ page: 0, count: 2 });
    expect(told.paging.total).toBe(30);
    expect(told.roughTotal).toBeUndefined();
    const guessed = await adapterStoreApi(withOrders(() => ({ orders: [order(0), order(1)], next: '2' as Cursor }))).listOrders({ page: 0, count: 2 });
    expect(guessed.paging.total).toBe(4);
    expect(guessed.roughTotal).toBe(true);
    const more = await adapterStoreApi(withOrders(() => ({ orders: [order(0)], next: null, total: 3, roughTotal: true }))).listOrders({ page: 0, count: 2 });
    expect(more.paging.total).toBe(3);
    expect(more.roughTotal).toBe(true);
    // what the platform could not read of each order passes to the screen as the platform said it; none where none was left out
    const partly = await adapterStoreApi(withOrders(() => ({ orders: [order(0)], next: null, total: 1, partsUnread: 'Items are not shown.' }))).listOrders({ page: 0, count: 2 });
    expect(partly.partsUnread).toBe('Items are not shown.');
    expect(more).not.toHaveProperty('partsUnread');
  });

  it('an operation the platform has not got rejects with API_NOT_SUPPORTED, sending nothing', async () => {
    const api = adapterStoreApi(offsetAdapter());
    for (const call of [() => api.getCart(), () => api.addToCart('p1', 1), () => api.listOrders(), () => api.listCoupons(), () => api.updateProduct('p1', {}, ''), () => api.listCategories()]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('API_NOT_SUPPORTED');
    }
    expect(await api.listPages()).toEqual([]);
  });

  it('a price that is not a number (NaN, which JSON sends as null: a price cleared) or is negative, or a stock that is not whole, is refused before the adapter, as Goodsie’s client refuses it', async () => {
    const given: unknown[] = [];
    const api = adapterStoreApi({
      ...offsetAdapter(),
      updateProduct: async (id, edit) => (given.push(edit), product(id)),
      createProduct: async (created) => (given.push(created), product('new')),
    });
    const refused = [
      () => api.updateProduct('p1', { price: Number.NaN }, 'x'),
      () => api.updateProduct('p1', { price: -1 }, 'x'),
      () => api.updateProduct('p1', { inventory: 1.5 }, 'x'),
      () => api.createProduct({ name: 'A', price: Number.NaN, published: false }),
      () => api.createProduct({ name: 'A', price: Number.POSITIVE_INFINITY, published: false }),
    ];
    for (const call of refused) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect((error as AppError).code).toBe('API_BAD_REQUEST');
    }
    expect(given).toEqual([]);
    await api.updateProduct('p1', { price: 12.5 }, 'x');
    expect(given).toEqual([{ price: 12.5 }]);
  });
});
