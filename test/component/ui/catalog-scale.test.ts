/**
 * The catalogue at scale (issue 15 item 2), in jsdom with the network and the browser's observers
 * faked: the load-ahead trigger asks for the next page whenever a page lands with the trigger
 * still in view (an IntersectionObserver reports only changes), never before the first page has
 * been through a frame; typing at 10 keys a second sends no query for a partial word; a search
 * superseded by more typing is aborted, and its late answer is never shown.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CatalogView from '../../../src/lib/components/views/CatalogView.svelte';
import { answerStoreInfo, catalogQuery, createTestApp, deferred, eventually, harnessProps, json, wirePaging, wireProduct, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import { recordLiveRegions } from '../../helpers/live-regions.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const TOTAL = 72;
const productsOf = (page: number) =>
  Array.from({ length: Math.min(24, TOTAL - page * 24) }, (_, i) => wireProduct({ id: `p-${page * 24 + i}`, name: `Product ${page * 24 + i}` }));

/**
 * An IntersectionObserver for a tall screen where the end of the list is always in view: like the
 * browser's, it reports a target once when it starts observing it, then only changes (none here).
 * `cardsWhenObserved` records how many cards were in the DOM each time observing started.
 */
function sentinelAlwaysInView(): { cardsWhenObserved: number[] } {
  const seen = { cardsWhenObserved: [] as number[] };
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      #callback: IntersectionObserverCallback;
      constructor(callback: IntersectionObserverCallback) {
        this.#callback = callback;
      }
      observe(target: Element): void {
        seen.cardsWhenObserved.push(document.querySelectorAll('article').length);
        setTimeout(() => this.#callback([{ isIntersecting: true, target } as IntersectionObserverEntry], this as unknown as IntersectionObserver), 0);
      }
      unobserve(): void {}
      disconnect(): void {}
    },
  );
  return seen;
}

/** Frames run only when the test says so. */
function manualFrames(): { run(): void } {
  let queue: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => queue.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  return {
    run() {
      const due = queue;
      queue = [];
      for (const callback of due) callback(performance.now());
    },
  };
}

const pageRequests = (app: TestApp) =>
  app.network
    .requests('GET', '/api/v1/products')
    .filter((r) => r.url.searchParams.get('count') === '24')
    .map((r) => `${r.url.searchParams.get('q') ?? ''}#${r.url.searchParams.get('page')}`);

async function catalogApp(): Promise<TestApp> {
  const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
  answerStoreInfo(app.network);
  return app;
}

function renderCatalog(app: TestApp): void {
  render(Harness, { props: harnessProps(app, CatalogView, () => ({ route: app.router.current })) });
}

// Each test draws 72 product cards, a page at a time: 1-2.6 s alone, past the 20 s of patient-waits.ts
// at a load of 10-15 on 2 cores. A minute each, and 15 s for the last page to be drawn (its 5 s wait
// ran out there); a real fault (a page never asked for, never drawn) still fails.
describe('CatalogView, infinite scroll', { timeout: 60_000 }, () => {
  const ALL_DRAWN = { timeout: 15_000 };
  it('a page arriving with the load-ahead trigger already in view asks for the next one, to the end, with no scroll and no click', async () => {
    const frames = manualFrames();
    const observed = sentinelAlwaysInView();
    const app = await catalogApp();
    const pageOne = deferred<Response>();
    for (const page of [0, 1, 2]) {
      app.network.on('GET', '/api/v1/products', () => (page === 1 ? pageOne.promise : json({ products: productsOf(page), paging: wirePaging({ page, count: 24, total: TOTAL }) })), {
        query: catalogQuery({ page: String(page) }),
        times: 1,
      });
    }
    renderCatalog(app);

    // Page 0 is in the DOM, but no frame has run since: page 1 is not asked for yet.
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 20));
    expect(pageRequests(app)).toEqual(['#0']);
    expect(observed.cardsWhenObserved).toEqual([]);

    // After the frame that painted page 0, the trigger is watched and page 1 is asked for.
    frames.run();
    await eventually(() => expect(pageRequests(app)).toEqual(['#0', '#1']));
    expect(observed.cardsWhenObserved[0]).toBe(24);

    // Page 1 lands while the trigger stays in view (no change for the observer to report):
    // page 2 is asked for all the same, and the list reaches its end.
    pageOne.resolve(json({ products: productsOf(1), paging: wirePaging({ page: 1, count: 24, total: TOTAL }) }));
    expect(await screen.findByText('You have seen all 72 products.', {}, ALL_DRAWN)).toBeInTheDocument();
    expect(pageRequests(app)).toEqual(['#0', '#1', '#2']);
  });
  /** Pages 0 and 2 answered at once, page 1 when the test says; the trigger always in view. */
  async function scrolledCatalog() {
    const frames = manualFrames();
    sentinelAlwaysInView();
    const app = await catalogApp();
    const pageOne = deferred<Response>();
    for (const page of [0, 1, 2]) {
      app.network.on('GET', '/api/v1/products', () => (page === 1 ? pageOne.promise : json({ products: productsOf(page), paging: wirePaging({ page, count: 24, total: TOTAL }) })), {
        query: catalogQuery({ page: String(page) }),
        times: 1,
      });
    }
    return { frames, app, answerPageOne: () => pageOne.resolve(json({ products: productsOf(1), paging: wirePaging({ page: 1, count: 24, total: TOTAL }) })) };
  }

  it('pages loaded ahead are not announced: the whole count is said once, when the list is shown', async () => {
    const { frames, app, answerPageOne } = await scrolledCatalog();
    const live = recordLiveRegions();
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    frames.run();
    await eventually(() => expect(pageRequests(app)).toEqual(['#0', '#1']));
    answerPageOne();
    expect(await screen.findByText('You have seen all 72 products.', {}, ALL_DRAWN)).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 300)); // past any announcement's pause (say-in.ts)
    live.stop();
    // Nobody asked for these pages: "Showing 48 of 72", "You have seen all 72 products." were said as they came.
    expect(live.said).toEqual(['72 products']);
  });

  it('the list is aria-busy while a page loads ahead (the ARIA feed pattern), and not once it is in', async () => {
    const { frames, app, answerPageOne } = await scrolledCatalog();
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Products' });
    expect(list).toHaveAttribute('aria-busy', 'false');
    frames.run();
    await eventually(() => expect(pageRequests(app)).toEqual(['#0', '#1']));
    expect(list).toHaveAttribute('aria-busy', 'true');
    answerPageOne();
    expect(await screen.findByText('You have seen all 72 products.', {}, ALL_DRAWN)).toBeInTheDocument();
    expect(list).toHaveAttribute('aria-busy', 'false');
  });
});

describe('CatalogView, search', () => {
  /** Fake timers for the debounce only, set once the catalogue has loaded on real ones. */
  async function typingApp(): Promise<{ app: TestApp; user: ReturnType<typeof userEvent.setup>; box: HTMLElement }> {
    vi.stubGlobal('IntersectionObserver', undefined);
    const app = await catalogApp();
    app.network.on('GET', '/api/v1/products', () => json({ products: productsOf(0), paging: wirePaging({ count: 24, total: TOTAL }) }), { query: catalogQuery(), times: 1 });
    renderCatalog(app);
    expect(await screen.findByText('Showing 24 of 72')).toBeInTheDocument();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms), delay: null });
    return { app, user, box: screen.getByRole('searchbox', { name: 'Search' }) };
  }

  /** Types `text` one key every 100 ms (10 keys a second), letting the timers run between keys. */
  async function typeAtTenKeysASecond(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string): Promise<void> {
    for (const key of text) {
      await user.type(box, key);
      await vi.advanceTimersByTimeAsync(100);
    }
  }

  it('typing at 10 keys a second sends one query, for the whole word, and none for a part of it', async () => {
    const { app, user, box } = await typingApp();
    app.network.on('GET', '/api/v1/products', () => json({ products: [wireProduct({ id: 't-1', name: 'Blue teapot' })], paging: wirePaging({ count: 24, total: 1 }) }), {
      query: catalogQuery({ q: 'teapot' }),
      times: 1,
    });
    await typeAtTenKeysASecond(user, box, 'teapot');
    expect(pageRequests(app)).toEqual(['#0']);
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    expect(await screen.findByRole('link', { name: 'Blue teapot' })).toBeInTheDocument();
    expect(pageRequests(app)).toEqual(['#0', 'teapot#0']);
  });

  it('a search superseded by more typing is aborted, and its late answer is not shown', async () => {
    const { app, user, box } = await typingApp();
    const mug = deferred<Response>();
    app.network.on('GET', '/api/v1/products', () => mug.promise, { query: catalogQuery({ q: 'mug' }), times: 1 });
    app.network.on('GET', '/api/v1/products', () => json({ products: [wireProduct({ id: 'm-2', name: 'Mugs, a set of four' })], paging: wirePaging({ count: 24, total: 1 }) }), {
      query: catalogQuery({ q: 'mugs' }),
      times: 1,
    });
    await typeAtTenKeysASecond(user, box, 'mug');
    await vi.advanceTimersByTimeAsync(300);
    await eventually(() => expect(pageRequests(app)).toEqual(['#0', 'mug#0']));
    const first = app.network.requests('GET', '/api/v1/products').find((r) => r.url.searchParams.get('q') === 'mug')!;
    expect(first.init.signal?.aborted).toBe(false);

    await typeAtTenKeysASecond(user, box, 's');
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    await eventually(() => expect(first.init.signal?.aborted).toBe(true));
    expect(await screen.findByRole('link', { name: 'Mugs, a set of four' })).toBeInTheDocument();

    // The superseded answer arrives late: it changes nothing.
    mug.resolve(json({ products: [wireProduct({ id: 'm-1', name: 'Blue mug' })], paging: wirePaging({ count: 24, total: 1 }) }));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('link', { name: 'Blue mug' })).not.toBeInTheDocument();
    expect(pageRequests(app)).toEqual(['#0', 'mug#0', 'mugs#0']);
  });
});
