/**
 * Goodsie's numbered pages as catalogue cursors (cursor-pages.ts): one page per call, or, when the
 * caller wants more (a reload going back down the list), every page it needs at once, joined up to
 * the end of the list: each the request paging one by one would send, or, given the platform's
 * largest page, several pages of 24 to a request (numberedPagesFrom).
 */
import { describe, expect, it } from 'vitest';
import type { StoreApi } from '../../../src/lib/api/client.ts';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import { cursorPagesOf } from '../../../src/lib/state/cursor-pages.ts';

/** A store of `total` products answering numbered pages; each answer waits until `release()`. */
function storeOf(total: number) {
  const asked: { page: number; count: number; q?: string }[] = [];
  let open = 0;
  let mostOpen = 0;
  const waiting: (() => void)[] = [];
  const api = {
    async listProducts(query: { page?: number; count?: number; q?: string } = {}) {
      const page = query.page ?? 0;
      const count = query.count ?? 20;
      asked.push({ page, count, ...(query.q ? { q: query.q } : {}) });
      open++;
      mostOpen = Math.max(mostOpen, open);
      await new Promise<void>((resolve) => waiting.push(resolve));
      open--;
      const from = page * count;
      const products = Array.from({ length: Math.max(0, Math.min(count, total - from)) }, (_, i) => ({ id: `p-${from + i}` }) as Product);
      return { products, paging: { page, count, total } };
    },
  } as unknown as StoreApi;
  const release = async () => {
    for (let round = 0; round < 20; round++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      while (waiting.length > 0) waiting.shift()!();
    }
  };
  return { api, asked, release, mostOpen: () => mostOpen };
}

const signal = new AbortController().signal;

describe('cursorPagesOf', () => {
  it('asks for one page of 24 per call, the cursor being the next page number', async () => {
    const store = storeOf(100);
    const list = cursorPagesOf(store.api);
    const answer = list({ q: 'mug' }, '2', signal);
    await store.release();
    const page = await answer;
    expect(store.asked).toEqual([{ page: 2, count: 24, q: 'mug' }]);
    expect(page.products.map((p) => p.id)).toEqual(Array.from({ length: 24 }, (_, i) => `p-${48 + i}`));
    expect(page).toMatchObject({ next: '3', total: 100 });
  });

  it('for atLeast, asks for every page it needs at once and joins them, its cursor after the last', async () => {
    const store = storeOf(500);
    const list = cursorPagesOf(store.api);
    const answer = list({}, '1', signal, 70);
    await store.release();
    const page = await answer;
    expect(store.asked).toEqual([1, 2, 3].map((n) => ({ page: n, count: 24 })));
    expect(store.mostOpen()).toBe(3);
    expect(page.products.map((p) => p.id)).toEqual(Array.from({ length: 72 }, (_, i) => `p-${24 + i}`));
    expect(page).toMatchObject({ next: '4', total: 500 });
  });

  it('stops at the end of the list: the pages past it add nothing and the cursor is null', async () => {
    const store = storeOf(50);
    const list = cursorPagesOf(store.api);
    const answer = list({}, null, signal, 96);
    await store.release();
    const page = await answer;
    expect(store.asked.map((a) => a.page)).toEqual([0, 1, 2, 3]);
    expect(page.products).toHaveLength(50);
    expect(page.next).toBeNull();
  });

  it('with the platform’s largest page, joins pages of 24 into requests as big as it allows, its cursor in pages of 24 after them', async () => {
    const store = storeOf(1000);
    const list = cursorPagesOf(store.api, 24, 100);
    const answer = list({ q: 'mug' }, null, signal, 300);
    await store.release();
    const page = await answer;
    // 300 products: 13 pages of 24, four to a request (96), the last alone: 4 requests, all at once.
    expect(store.asked).toEqual([...[0, 1, 2].map((n) => ({ page: n, count: 96, q: 'mug' })), { page: 12, count: 24, q: 'mug' }]);
    expect(store.mostOpen()).toBe(4);
    expect(page.products.map((p) => p.id)).toEqual(Array.from({ length: 312 }, (_, i) => `p-${i}`));
    expect(page).toMatchObject({ next: '13', total: 1000 });
    // The next page is one of 24, where the joined ones ended.
    const more = list({ q: 'mug' }, page.next, signal);
    await store.release();
    expect((await more).products[0]!.id).toBe('p-312');
    expect(store.asked.at(-1)).toEqual({ page: 13, count: 24, q: 'mug' });
  });

  it('groups no more pages than wanted, and only from a page on a group’s edge', async () => {
    const store = storeOf(1000);
    const list = cursorPagesOf(store.api, 24, 100);
    // From page 2, three pages wanted: pages 2-3 as one of 48, then page 4 (not one of 96 starting mid-way).
    const answer = list({}, '2', signal, 70);
    await store.release();
    const page = await answer;
    expect(store.asked).toEqual([{ page: 1, count: 48 }, { page: 4, count: 24 }]);
    expect(page.products.map((p) => p.id)).toEqual(Array.from({ length: 72 }, (_, i) => `p-${48 + i}`));
    expect(page.next).toBe('5');
    // From page 1 (a reload whose first page came alone), 300 products: 24, 48, pages of 96, and the 48 left.
    store.asked.length = 0;
    const on = list({}, '1', signal, 300);
    await store.release();
    const rest = await on;
    expect(store.asked.map((a) => `${a.page}:${a.count}`)).toEqual(['1:24', '1:48', '1:96', '2:96', '6:48']);
    expect(rest.products.map((p) => p.id)).toEqual(Array.from({ length: 312 }, (_, i) => `p-${24 + i}`));
    expect(rest.next).toBe('14');
    // From an odd page: pages of 24, as one by one.
    store.asked.length = 0;
    const odd = list({}, '3', signal, 48);
    await store.release();
    await odd;
    expect(store.asked).toEqual([{ page: 3, count: 24 }, { page: 4, count: 24 }]);
  });

  it('grouped, stops at the end of the list with no cursor after it', async () => {
    const store = storeOf(150);
    const list = cursorPagesOf(store.api, 24, 100);
    const answer = list({}, null, signal, 300);
    await store.release();
    const page = await answer;
    expect(store.asked.map((a) => `${a.page}:${a.count}`)).toEqual(['0:96', '1:96', '2:96', '12:24']);
    expect(page.products).toHaveLength(150);
    expect(page.next).toBeNull();
  });
});
