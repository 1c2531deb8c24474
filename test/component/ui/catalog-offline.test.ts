/**
 * A new list that could not come (the browser offline, the store's 500): the list shown before
 * stays, said to be the one from before (Catalog.keptError); where the access ended, or with nothing
 * shown, the error takes its place. In Chromium: e2e failure-states.test.ts (the 500) too.
 * In Chromium: e2e failures-store.test.ts ("a search offline keeps the list shown").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { Catalog } from '../../../src/lib/state/catalog.svelte.ts';
import type { Cursor, Product, ProductPage } from '../../../src/lib/domain/catalog.ts';

function offline(): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'onLine');
});

const noAnswer = () => new AppError('API_NETWORK_ERROR');

describe('Catalog: a new list asked for while offline', () => {
  const product = (id: number) => ({ id: `p-${id}`, name: `Product ${id}` }) as Product;
  /** A 30-product list in pages of 24 (cursor: the page number); nothing answers while `down`. */
  function store() {
    const state = { down: false };
    const list = async (query: { q?: string }, cursor: Cursor | null): Promise<ProductPage> => {
      if (state.down) throw noAnswer();
      const n = cursor === null ? 0 : Number(cursor);
      const all = Array.from({ length: query.q ? 2 : 30 }, (_, i) => product(i));
      return { products: all.slice(n * 24, n * 24 + 24), next: (n + 1) * 24 < all.length ? (String(n + 1) as Cursor) : null, total: all.length };
    };
    return { state, list };
  }

  it('keeps the list shown before, says why, and is not remembered as the new query’s; its retry loads the new list', async () => {
    const { state, list } = store();
    const catalog = new Catalog(list);
    await catalog.load({});
    expect(catalog.products).toHaveLength(24);
    state.down = true;
    offline();
    await catalog.load({ q: 'lamp' });
    expect(catalog.status).toBe('ready');
    expect(catalog.products).toHaveLength(24);
    expect(catalog.total).toBe(30);
    expect(catalog.keptError).toBeInstanceOf(AppError);
    expect(catalog.snapshot()).toBeNull();
    // A second list asked for still offline (the search cleared): the same list stays.
    await catalog.load({});
    expect(catalog.products).toHaveLength(24);
    expect(catalog.keptError).not.toBeNull();
    // Its next page is the kept list's own (its query, its cursor) once the store answers.
    state.down = false;
    await catalog.loadMore();
    expect(catalog.products).toHaveLength(30);
    await catalog.load({ q: 'lamp' });
    expect(catalog.keptError).toBeNull();
    expect(catalog.products).toHaveLength(2);
    expect(catalog.snapshot()?.query).toEqual({ q: 'lamp' });
  });

  it('online, the store’s failure (a 500) keeps the list shown before too; its retry loads the new list', async () => {
    const list = async (query: { q?: string }): Promise<ProductPage> => {
      if (query.q === 'lamp' && !state.up) throw new HttpError('API_SERVER_ERROR', 500);
      return { products: Array.from({ length: query.q ? 2 : 30 }, (_, i) => product(i)), next: null, total: query.q ? 2 : 30 };
    };
    const state = { up: false };
    const catalog = new Catalog(list);
    await catalog.load({});
    await catalog.load({ q: 'lamp' });
    expect(catalog.status).toBe('ready');
    expect(catalog.products).toHaveLength(30);
    expect((catalog.keptError as HttpError).code).toBe('API_SERVER_ERROR');
    expect(catalog.snapshot()).toBeNull();
    state.up = true;
    await catalog.load({ q: 'lamp' });
    expect(catalog.keptError).toBeNull();
    expect(catalog.products).toHaveLength(2);
  });

  it('an access that ended, or with nothing shown before, the failure takes the list’s place', async () => {
    const { state, list } = store();
    state.down = true;
    offline();
    const ended = new Catalog(async (query: { q?: string }) => {
      if (query.q) throw new AppError('API_UNAUTHORIZED');
      return { products: [product(1)], next: null, total: 1 };
    });
    await ended.load({});
    await ended.load({ q: 'lamp' }); // Reconnect is the screen's (AccessError)
    expect(ended.status).toBe('error');
    expect(ended.products).toHaveLength(0);
    const empty = new Catalog(list);
    await empty.load({}); // nothing shown before: the error is on screen, not a list
    expect(empty.status).toBe('error');
    await empty.load({ q: 'lamp' });
    expect(empty.status).toBe('error');
    expect(empty.keptError).toBeNull();
  });
});
