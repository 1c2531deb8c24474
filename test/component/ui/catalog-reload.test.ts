/**
 * The catalogue's place across a reload of the tab (issue 15: "the person's place survives Back and
 * reload"): the place is kept in the history entry's state, only for the entry shown; a reload
 * asks again for the pages up to it, one after another, before the list shows; a place at the top,
 * too far down, for another list, or not a place at all is not gone back to. The scroll itself is
 * checked in Chromium (e2e long-list); jsdom has no layout.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import { placeKeeper, reloadPlace, reloadReach, RELOAD_REQUESTS } from '../../../src/lib/components/catalog-place.ts';
import type { GridPlace } from '../../../src/lib/components/ProductGrid.svelte';
import { Catalog } from '../../../src/lib/state/catalog.svelte.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import type { Cursor, Product, ProductPage } from '../../../src/lib/domain/catalog.ts';
import { answerStoreInfo, apiError, catalogQuery, createTestApp, eventually, harnessProps, json, wirePaging, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { keepInEntry, keptInEntry } from '../../../src/lib/state/entry-state.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const place = (over: Partial<GridPlace> = {}): GridPlace => ({ offset: 2400, index: 40, columns: 4, rowHeight: 320, ...over });

describe('keepInEntry: a value in the entry state that a reload keeps', () => {
  it('writes into the entry shown only, keeping its id and the rest of its state; a new Router (a reload) reads it', () => {
    history.replaceState({ other: 'kept' }, '', '/#/s/demo');
    const router = new Router();
    keepInEntry(router, router.entry, 'catalogPlace', { path: '/s/demo', place: place() });
    expect(history.state).toMatchObject({ other: 'kept', entry: router.entry, catalogPlace: { path: '/s/demo' } });
    // A late write for an entry no longer shown lands nowhere.
    const first = router.entry;
    router.go({ name: 'product', storeId: 'demo', productId: 'p-1' });
    keepInEntry(router, first, 'catalogPlace', 'late');
    expect(keptInEntry('catalogPlace')).toBeUndefined();
    history.back();
    return eventually(() => {
      const reloaded = new Router();
      expect(reloaded.entry).toBe(first);
      expect(keptInEntry('catalogPlace')).toEqual({ path: '/s/demo', place: place() });
    });
  });
});

describe('reloadPlace: where a reloaded list goes back to', () => {
  /** The entry's state as a reload finds it, with `kept` as the catalogue left it. */
  function enteredWith(kept: unknown): void {
    history.replaceState({ catalogPlace: kept }, '', '/#/s/demo');
  }

  // Goodsie's paging (largest page 100: pages of 24 go 4 to a request).
  const goodsie = { maxCount: 100 };

  it('the kept place of the same list, with the pages up to two past its top row', () => {
    enteredWith({ path: '/s/demo', place: place() });
    expect(reloadPlace('/s/demo', goodsie)).toEqual({ place: place(), atLeast: 40 + 48 });
  });

  it('as far down as RELOAD_REQUESTS of the platform’s largest pages reach; any way where pages cost no request (FlickRocket, Foxy)', () => {
    expect(RELOAD_REQUESTS).toBe(20);
    expect(reloadReach(goodsie)).toBe(20 * 96);
    expect(reloadReach({ maxCount: 50 })).toBe(20 * 48); // StoreHippo
    expect(reloadReach({ maxCount: 24 })).toBe(20 * 24);
    expect(reloadReach({ maxCount: 10 })).toBe(20 * 24); // one page of 24 per request at least
    expect(reloadReach(undefined)).toBe(20 * 24);
    expect(reloadReach({ maxCount: 100, local: true })).toBe(Infinity);
    enteredWith({ path: '/s/fr', place: place({ index: 5000 }) });
    expect(reloadPlace('/s/fr', { maxCount: 100, local: true })).toEqual({ place: place({ index: 5000 }), atLeast: 5000 + 48 });
    enteredWith({ path: '/s/demo', place: place({ index: 1919 }) });
    expect(reloadPlace('/s/demo', goodsie)).toEqual({ place: place({ index: 1919 }), atLeast: 1919 + 48 });
    enteredWith({ path: '/s/demo', place: place({ index: 1920 }) });
    expect(reloadPlace('/s/demo', goodsie)).toBeNull();
    enteredWith({ path: '/s/sh', place: place({ index: 960 }) });
    expect(reloadPlace('/s/sh', { maxCount: 50 })).toBeNull();
  });

  it('none for another list, the top of the list, or what is not a whole place', () => {
    enteredWith({ path: '/s/demo?q=mug', place: place() });
    expect(reloadPlace('/s/demo', goodsie)).toBeNull();
    enteredWith({ path: '/s/demo', place: place({ offset: 0, index: 0 }) });
    expect(reloadPlace('/s/demo', goodsie)).toBeNull();
    for (const bad of [null, 'x', { path: '/s/demo' }, { path: '/s/demo', place: { ...place(), index: -4 } }, { path: '/s/demo', place: { ...place(), columns: 0 } }, { path: '/s/demo', place: { ...place(), offset: Number.NaN } }, { path: '/s/demo', place: { ...place(), index: 2.5 } }]) {
      enteredWith(bad);
      expect(reloadPlace('/s/demo', goodsie), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('placeKeeper', () => {
  it('keeps the last place a little after the scroll stops, and at once when the page goes away or on flush', () => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/#/s/demo');
    const router = new Router();
    const keeper = placeKeeper(router, router.entry, '/s/demo');
    keeper.keep(place({ index: 8 }));
    keeper.keep(place({ index: 12 }));
    expect(keptInEntry('catalogPlace')).toBeUndefined();
    vi.advanceTimersByTime(300);
    expect(keptInEntry('catalogPlace')).toEqual({ path: '/s/demo', place: place({ index: 12 }) });
    keeper.keep(place({ index: 16 }));
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(keptInEntry('catalogPlace')).toEqual({ path: '/s/demo', place: place({ index: 16 }) });
    // flush (a click, which may open a product) writes the pending place at once, and only once.
    keeper.keep(place({ index: 18 }));
    keeper.flush();
    expect(keptInEntry('catalogPlace')).toEqual({ path: '/s/demo', place: place({ index: 18 }) });
    history.replaceState({ ...(history.state as object), catalogPlace: 'cleared' }, '');
    vi.advanceTimersByTime(300);
    expect(keptInEntry('catalogPlace')).toBe('cleared');
    // Stopped (the view gone): nothing more is written.
    keeper.keep(place({ index: 20 }));
    keeper.stop();
    vi.advanceTimersByTime(300);
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(keptInEntry('catalogPlace')).toBe('cleared');
  });
});

describe('Catalog.load with atLeast', () => {
  const product = (id: number) => ({ id: `p-${id}`, name: `Product ${id}` }) as Product;
  /** Pages of 24 of a 100-product list; the cursor is the page number; `failing` pages fail once. */
  function pages(failing: number[] = []) {
    const asked: (Cursor | null)[] = [];
    const list = async (_query: unknown, cursor: Cursor | null): Promise<ProductPage> => {
      asked.push(cursor);
      const n = cursor === null ? 0 : Number(cursor);
      if (failing.includes(n)) {
        failing.splice(failing.indexOf(n), 1);
        throw new Error(`page ${n} failed`);
      }
      const products = Array.from({ length: Math.max(0, Math.min(24, 100 - n * 24)) }, (_, i) => product(n * 24 + i));
      return { products, next: (n + 1) * 24 < 100 ? (String(n + 1) as Cursor) : null, total: 100 };
    };
    return { list, asked };
  }

  it('loads pages one after another until that many products are in, and shows them all at once', async () => {
    const { list, asked } = pages();
    const catalog = new Catalog(list);
    const loading = catalog.load({}, 60);
    expect(catalog.status).toBe('loading');
    await loading;
    expect(asked).toEqual([null, '1', '2']);
    expect(catalog.status).toBe('ready');
    expect(catalog.products).toHaveLength(72);
    expect(catalog.hasMore).toBe(true);
    expect(catalog.total).toBe(100);
  });

  it('stops at the end of the list', async () => {
    const { list, asked } = pages();
    const catalog = new Catalog(list);
    await catalog.load({}, 500);
    expect(asked).toEqual([null, '1', '2', '3', '4']);
    expect(catalog.products).toHaveLength(100);
    expect(catalog.hasMore).toBe(false);
  });

  it('a later page that fails: the pages in so far show, with the error where more would load; its retry asks for that page again', async () => {
    const { list, asked } = pages([2]);
    const catalog = new Catalog(list);
    await catalog.load({}, 90);
    expect(catalog.status).toBe('ready');
    expect(catalog.products).toHaveLength(48);
    expect(String(catalog.moreError)).toContain('page 2 failed');
    await catalog.loadMore();
    expect(asked).toEqual([null, '1', '2', '2']);
    expect(catalog.products).toHaveLength(72);
    expect(catalog.moreError).toBeNull();
  });
});

describe('CatalogView in a reloaded entry', () => {
  /**
   * A test app whose entry a reload left at product 31 of 120; `answer` answers page `page` of
   * `count` products (Goodsie's largest page is 100: the reload asks for 96 at once, cursor-pages.ts).
   */
  async function reloadedApp(answer: (page: number, count: number) => Response | Promise<Response>) {
    vi.stubGlobal('IntersectionObserver', undefined);
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    history.replaceState({ ...(history.state as object), catalogPlace: { path: app.router.path, place: place({ index: 30 }) } }, '');
    answerStoreInfo(app.network);
    for (const [page, count] of [[0, 96], [1, 96], [0, 24], [1, 24], [2, 24], [3, 24], [4, 24]] as const) {
      app.network.on('GET', '/api/v1/products', () => answer(page, count), { query: catalogQuery({ page: String(page), count: String(count) }) });
    }
    const route = app.router.current;
    render(Harness, { props: harnessProps(app, CatalogView, () => ({ route })) });
    const asked = () => app.network.requests('GET', '/api/v1/products').filter((r) => r.url.searchParams.get('count') !== '100').map((r) => `${r.url.searchParams.get('page')}:${r.url.searchParams.get('count')}`);
    return { asked };
  }
  const pageOf = (page: number, count: number) => {
    const from = page * count;
    const products = Array.from({ length: Math.max(0, Math.min(count, 120 - from)) }, (_, i) => wireProduct({ id: `p-${from + i}`, name: `Product ${from + i}` }));
    return json({ products, paging: wirePaging({ page, count, total: 120 }) });
  };

  it('asks for the products up to the kept place before it shows the list, not the first page and then a jump', async () => {
    // The answer waits until the words shown meanwhile have been read.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { asked } = await reloadedApp(async (page, count) => (await held, pageOf(page, count)));
    // Said while it loads, in the list's status line (the loading grid alone would not say why it takes longer).
    expect(await screen.findByText('Going back to where you were (product 31)…')).toBeInTheDocument();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    release();
    // The first cards seen are all 96 (not the first 24, with more to come).
    const firstSeen = await eventually(() => {
      const cards = screen.queryAllByRole('article').length;
      expect(cards).toBeGreaterThan(0);
      return cards;
    });
    expect(firstSeen).toBe(96);
    expect(screen.getByText('Showing 96 of 120')).toBeInTheDocument();
    expect(screen.queryByText(/Going back to where you were/)).toBeNull();
    // 30 + 48 = 78 products: four pages of 24 in one request of 96.
    expect(asked()).toEqual(['0:96']);
    // The list goes on in pages of 24, from the fifth (product 97).
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('You have seen all 120 products.')).toBeInTheDocument();
    expect(asked()).toEqual(['0:96', '4:24']);
  });

  it('when the request fails, Try again goes back to the same place: the 96 products again, not the first page alone', async () => {
    let failed = false;
    const { asked } = await reloadedApp((page, count) => (!failed ? ((failed = true), apiError(500, 'server_error')) : pageOf(page, count)));
    const alert = await screen.findByRole('alert');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Showing 96 of 120')).toBeInTheDocument();
    expect(asked()).toEqual(['0:96', '0:96']);
  });
});
