/**
 * Goodsie's numbered pages as catalogue cursors (cursor-pages.ts): one page per call, or, when the
 * caller wants more (a reload going back down the list), every page it needs at once, each the
 * request paging one by one would send, joined up to the end of the list.
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
});
