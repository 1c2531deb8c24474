/**
 * Scale: a demo store of 10,000 products. Scrolls the catalogue to its end (clicking Load more
 * when the scroll stalls, and saying so), bounded by a time cap; then DOM nodes, JS heap, the
 * longest task while scrolling, per-page cost first pages vs last pages, and search: from the end
 * of the debounce and from the results' arrival to the results painted, in a fresh catalogue and
 * in the one scrolled to its end.
 *
 * The store's pictures are answered in the browser with PNGs (photos.ts says why: the demo store's
 * SVG placeholders cost Chromium a document each, more with every page); BENCH_SVG_PICTURES=1
 * keeps the store's own SVGs.
 */
import type { Browser, Page } from 'playwright-core';
import { startAppUnderTest, type AppUnderTest } from '../helpers/e2e-app.ts';
import { signInToCatalogue } from './signin.ts';
import { addProbe, describeLongFrame, openMetrics, readProbe, typeSearch } from './probes.ts';
import { summarize } from './stats.ts';
import { answerPicturesWithPhotos } from './photos.ts';
import type { Figure } from './report.ts';
import { timeTrivialPaints } from './floors.ts';

export const PRODUCT_COUNT = 10_000;
/** The whole scroll stops here and reports how far it got (BENCH_SCROLL_CAP_S shortens it, to try the bench). */
export const SCROLL_CAP_MS = Number(process.env.BENCH_SCROLL_CAP_S ?? 150) * 1000;
/** No new card for this long counts as a stalled scroll. */
const STALL_MS = 1_000;
export const SEARCH_DEBOUNCE_MS = 300;
/** Per-page cost: the median of this many first scrolled pages against as many last pages. */
const PAGES_COMPARED = 10;
const SVG_PICTURES = process.env.BENCH_SVG_PICTURES === '1';

interface GridState {
  /** Products loaded (the grid is windowed: far fewer cards are in the DOM). */
  count: number;
  /** Cards in the DOM. */
  inDom: number;
  end: boolean;
  button: boolean;
  /** A page failed: the error panel (its retry button is also labelled Load more) is showing. */
  failed: boolean;
}

const readGrid = (page: Page): Promise<GridState> =>
  page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Load more');
    return {
      count: window.__benchLoaded?.() ?? 0,
      inDom: document.querySelector('ul.grid')?.childElementCount ?? 0,
      end: document.querySelector('p.end') !== null,
      button: button !== undefined && !button.disabled && button.getAttribute('aria-disabled') !== 'true',
      failed: document.querySelector('main [role="alert"]') !== null,
    };
  });

interface ScrollResult {
  reachedEnd: boolean;
  loaded: number;
  elapsedMs: number;
  stalls: number;
  loadMoreClicks: number;
  /** Pages that failed and were retried with the error panel's button (not stalls). */
  retries: number;
  /** The most cards in the DOM at any reading. */
  maxInDom: number;
}

/** Scrolls to the bottom again and again; bounded by the cap, so it always stops. */
async function scrollToEnd(page: Page): Promise<ScrollResult> {
  const started = Date.now();
  let state = await readGrid(page);
  let lastChange = Date.now();
  let lastCount = state.count;
  let stalls = 0;
  let loadMoreClicks = 0;
  let retries = 0;
  /** Since when nothing has been loading (the button enabled) with no new products. */
  let idleSince: number | null = null;
  let maxInDom = state.inDom;
  while (!state.end && Date.now() - started < SCROLL_CAP_MS) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(50);
    state = await readGrid(page);
    maxInDom = Math.max(maxInDom, state.inDom);
    if (state.count !== lastCount || !state.button) {
      // A new page, or one loading (however long it takes on a loaded machine): not a stall.
      if (state.count !== lastCount) lastChange = Date.now();
      lastCount = state.count;
      idleSince = null;
    } else {
      idleSince ??= Date.now();
      if (Date.now() - Math.max(idleSince, lastChange) > STALL_MS) {
        if (state.failed) retries++;
        else {
          stalls++;
          loadMoreClicks++;
        }
        await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Load more')?.click());
        idleSince = null;
        lastChange = Date.now();
      }
    }
  }
  return { reachedEnd: state.end, loaded: state.count, elapsedMs: Date.now() - started, stalls, loadMoreClicks, retries, maxInDom };
}

interface PageCost {
  page: number;
  /** Its products request's start to its cards painted. */
  ms: number;
  /** The response's last byte to its cards painted (the app's part). */
  afterResponseMs: number;
}

/** Per page of 24: from its products request to its cards painted (Resource Timing + probe). */
async function pageCosts(page: Page, storeOrigin: string): Promise<PageCost[]> {
  const probe = await readProbe(page);
  const requests = await page.evaluate(
    (origin) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.startsWith(`${origin}/api/v1/products`) && new URL(e.name).searchParams.get('count') === '24' && !new URL(e.name).searchParams.has('q'))
        .map((e) => ({ page: Number(new URL(e.name).searchParams.get('page') ?? '0'), start: e.startTime, end: e.responseEnd })),
    storeOrigin,
  );
  const costs: PageCost[] = [];
  for (const request of requests.sort((a, b) => a.page - b.page)) {
    const painted = probe.counts.find((c) => c.count > request.page * 24 && c.at >= request.start);
    if (painted !== undefined) costs.push({ page: request.page, ms: painted.at - request.start, afterResponseMs: painted.at - request.end });
  }
  return costs;
}

const median = (values: number[]): number => summarize(values).median;

interface SearchTiming {
  /** Queries sent for a part of the word (m, mu) while it was typed. */
  partialQueries: number;
  /** The debounce's end (last input + 300 ms) to the results painted; includes the round trip. */
  afterDebounceMs: number;
  /** The search response's last byte to the results painted: what the app controls. */
  afterResponseMs: number;
  /** The longest task from the last key to the results painted (0: none over 50 ms). */
  longestTaskMs: number;
}

/** Types `word` at 10 keys a second in the catalogue's search box and times its results. */
async function timeSearch(page: Page, storeOrigin: string, word: string): Promise<SearchTiming> {
  const { typedAt, painted, longestTaskMs } = await typeSearch(page, word);
  const response = await page.evaluate(
    ({ origin, word }) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.startsWith(`${origin}/api/v1/products`) && new URL(e.name).searchParams.get('q') === word && new URL(e.name).searchParams.get('page') === '0')
        .map((e) => e.responseEnd)
        .pop() ?? null,
    { origin: storeOrigin, word },
  );
  const queries = await page.evaluate(
    ({ origin, word }) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .map((e) => new URL(e.name))
        .filter((u) => u.origin === origin && u.pathname === '/api/v1/products' && u.searchParams.get('page') === '0' && word.startsWith(u.searchParams.get('q') ?? '\u0000'))
        .map((u) => u.searchParams.get('q')!),
    { origin: storeOrigin, word },
  );
  return {
    partialQueries: queries.filter((q) => q !== word).length,
    afterDebounceMs: painted - typedAt - SEARCH_DEBOUNCE_MS,
    afterResponseMs: response === null ? Number.NaN : painted - response,
    longestTaskMs,
  };
}

/** A fresh context at 1280 x 900 with the probe, and the pictures as photos unless SVG_PICTURES. */
async function benchContext(browser: Browser, env: AppUnderTest) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await addProbe(context);
  if (!SVG_PICTURES) await answerPicturesWithPhotos(context, env.store.origin);
  return context;
}

/** One search in a fresh catalogue, and then, in the same page, the floor of "painted" (floors.ts). */
async function searchOnce(browser: Browser, env: AppUnderTest): Promise<{ timing: SearchTiming; floor: number[] }> {
  const context = await benchContext(browser, env);
  try {
    const page = await context.newPage();
    await signInToCatalogue(page, env.app.url);
    const timing = await timeSearch(page, env.store.origin, 'mug');
    return { timing, floor: await timeTrivialPaints(page, 10) };
  } finally {
    await context.close();
  }
}

const PICTURES_NOTE = SVG_PICTURES
  ? "the store's own SVG pictures (BENCH_SVG_PICTURES=1)"
  : "the store's picture URLs answered in the browser with 400 x 400 PNGs (test/bench/photos.ts: the demo store's SVGs cost Chromium a document each, growing per page; BENCH_SVG_PICTURES=1 keeps them)";
const SEARCH_METHOD =
  'typing "mug" at 10 keys a second (a key every 100 ms, so the 300 ms debounce fires once, after the last key); painted = the first task (user-blocking priority) after the animation frame that follows the count line saying "matching"';

export async function measureScale(browser: Browser, runs: number, log: (line: string) => void): Promise<Figure[]> {
  const seedStarted = performance.now();
  const env = await startAppUnderTest({ store: { productCount: PRODUCT_COUNT } });
  const seedMs = performance.now() - seedStarted;
  const figures: Figure[] = [];
  const add = (figure: Omit<Figure, 'section'>): void => {
    figures.push({ section: 'scale', ...figure });
  };
  try {
    add({ id: 'scale.seedMs', label: 'demo store of 10,000 products: start and seed', unit: 'ms', value: seedMs, method: 'startDemoStore({ productCount: 10000 }) in this process, with the static server' });
    const context = await benchContext(browser, env);
    try {
      const page = await context.newPage();
      await signInToCatalogue(page, env.app.url);
      const metrics = await openMetrics(page);
      const scrollStart = await page.evaluate(() => performance.now());
      log(`scrolling to the end (cap ${SCROLL_CAP_MS / 1000} s)`);
      const scroll = await scrollToEnd(page);
      const end = await metrics.read();
      await metrics.collectGarbage();
      const kept = await metrics.read();
      await metrics.close();
      const probe = await readProbe(page);
      const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      const costs = await pageCosts(page, env.store.origin);
      const scrollTasks = probe.longTasks.filter((t) => t.start >= scrollStart);
      const longest = Math.max(0, ...scrollTasks.map((t) => t.duration));
      const longestTask = scrollTasks.find((t) => t.duration === longest);
      const missed = scroll.reachedEnd ? undefined : `missed: ${scroll.loaded} products loaded in ${(scroll.elapsedMs / 1000).toFixed(0)} s, the cap`;
      const retried = scroll.retries > 0 ? `; ${scroll.retries} pages failed and were retried with the error panel's button` : '';
      const stalledNote = (scroll.stalls > 0 ? `the scroll stalled ${scroll.stalls} times; Load more clicked ${scroll.loadMoreClicks} times` : 'the scroll never stalled') + retried;
      add({ id: 'scale.timeToEnd', label: 'scroll to the end of the catalogue', unit: 'ms', value: scroll.reachedEnd ? scroll.elapsedMs : null, method: `mouse wheel 4000 px every ~50 ms until "You have seen all" shows; Load more clicked after ${STALL_MS / 1000} s without new cards; ${PICTURES_NOTE}`, note: missed ?? stalledNote });
      add({ id: 'scale.loaded', label: 'products loaded by the end of the scroll', unit: 'count', value: scroll.loaded, method: 'the count the list shows under its cards ("Showing N of M" / "You have seen all N") when the scroll stopped (end or cap)', note: missed });
      add({ id: 'scale.reachedEnd', label: 'reached the end within the cap', unit: 'yes/no', value: scroll.reachedEnd ? 1 : 0, method: `"You have seen all" shown within ${SCROLL_CAP_MS / 1000} s` });
      add({ id: 'scale.loadMoreClicks', label: 'Load more clicks needed (scroll stalls)', unit: 'count', value: scroll.loadMoreClicks, method: `times nothing loaded for ${STALL_MS / 1000} s with the Load more button enabled (no request in flight) and no error shown`, note: stalledNote });
      add({ id: 'scale.cardsInDom', label: 'most product cards in the DOM while scrolling (windowing)', unit: 'count', value: scroll.maxInDom, method: 'ul.grid childElementCount, the largest reading of the scroll loop; the products loaded are in scale.loaded' });
      add({ id: 'scale.domNodes', label: 'DOM nodes at the end', unit: 'count', value: domNodes, method: "document.getElementsByTagName('*').length when the scroll stopped", note: missed });
      add({ id: 'scale.jsHeap', label: 'JS heap used at the end', unit: 'MB', value: (end.JSHeapUsedSize ?? 0) / 1e6, method: 'CDP Performance.getMetrics JSHeapUsedSize (no forced GC), 1 MB = 10^6 bytes', note: missed });
      add({ id: 'scale.jsHeapKept', label: 'JS heap the page keeps at the end (after a garbage collection)', unit: 'MB', value: (kept.JSHeapUsedSize ?? 0) / 1e6, method: 'the same reading right after CDP HeapProfiler.collectGarbage: the figure above less the garbage not yet collected, so it moves less from run to run', note: missed });
      add({ id: 'scale.longestTask', label: 'longest task while scrolling', unit: 'ms', value: longest, method: `Long Tasks API (PerformanceObserver 'longtask', tasks >= 50 ms; 0 = none) from the first scroll to the end; ${scrollTasks.length} long tasks; what ran in it from the Long Animation Frames API`, ...(longestTask ? { note: describeLongFrame(probe.longFrames, longestTask.start, longestTask.duration, longestTask.name) } : {}) });
      add({ id: 'scale.scriptMs', label: 'main-thread script time while scrolling', unit: 'ms', value: (end.ScriptDuration ?? 0) * 1000, method: 'CDP Performance.getMetrics ScriptDuration over the scroll' });
      if (costs.length >= 2 * PAGES_COMPARED) {
        // Page 0 comes with the whole view's first render; the scrolled pages (1 on) are compared.
        const scrolled = costs.filter((c) => c.page >= 1);
        const firsts = scrolled.slice(0, PAGES_COMPARED);
        const lasts = scrolled.slice(-PAGES_COMPARED);
        const first = median(firsts.map((c) => c.ms));
        const last = median(lasts.map((c) => c.ms));
        const worst = scrolled.reduce((a, b) => (b.ms > a.ms ? b : a));
        const range = (list: PageCost[]) => `pages ${list[0]!.page + 1}-${list[list.length - 1]!.page + 1}`;
        add({ id: 'scale.firstPageMs', label: `first ${PAGES_COMPARED} scrolled pages of 24: request to cards painted, median`, unit: 'ms', value: first, method: `${range(firsts)}; Resource Timing startTime of each products request to the probe seeing its cards painted` });
        add({ id: 'scale.lastPageMs', label: `last ${PAGES_COMPARED} pages loaded: request to cards painted, median`, unit: 'ms', value: last, method: `${range(lasts)}; as the first pages` });
        add({ id: 'scale.lastPageRatio', label: 'last pages ÷ first pages (request to cards painted, medians)', unit: 'ratio', value: last / first, method: `the two medians above (medians of ${PAGES_COMPARED}, since one page's time on a shared machine varies more than the 20% budget)`, note: `worst single page #${worst.page + 1}: ${Math.round(worst.ms)} ms; ${costs.length} pages timed` });
        add({ id: 'scale.pageAfterResponseRatio', label: 'last pages ÷ first pages, response to cards painted (the app\'s part), medians', unit: 'ratio', value: median(lasts.map((c) => c.afterResponseMs)) / median(firsts.map((c) => c.afterResponseMs)), method: `medians of ${PAGES_COMPARED}: Resource Timing responseEnd to the cards painted (${Math.round(median(firsts.map((c) => c.afterResponseMs)))} ms first, ${Math.round(median(lasts.map((c) => c.afterResponseMs)))} ms last)` });
      }
      const loadedSearch = await timeSearch(page, env.store.origin, 'mug');
      add({ id: 'scale.searchLoadedAfterResponse', label: `search in the scrolled catalogue (${scroll.loaded} loaded): response to results painted`, unit: 'ms', value: loadedSearch.afterResponseMs, method: `${SEARCH_METHOD}; in the page scrolled above, its loaded list replaced by the results`, note: `debounce to painted ${Math.round(loadedSearch.afterDebounceMs)} ms; longest task ${Math.round(loadedSearch.longestTaskMs)} ms; ${loadedSearch.partialQueries} queries for a part of the word` });
      log(scroll.reachedEnd ? `reached the end in ${(scroll.elapsedMs / 1000).toFixed(0)} s` : `stopped at the cap with ${scroll.loaded} products`);
    } finally {
      await context.close();
    }
    log(`search, ${runs} runs`);
    const searches: SearchTiming[] = [];
    const trivial: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { timing, floor } = await searchOnce(browser, env);
      searches.push(timing);
      trivial.push(...floor);
    }
    const afterResponse = summarize(searches.map((s) => s.afterResponseMs));
    const afterDebounce = summarize(searches.map((s) => s.afterDebounceMs));
    const floor = summarize(trivial);
    add({ id: 'scale.searchAfterResponse', label: 'search: results painted after the response arrived', unit: 'ms', value: afterResponse.median, stats: afterResponse, method: `${SEARCH_METHOD}; from the search request's Resource Timing responseEnd: parsing, mapping, swapping the grid and the frame, what the app controls (the 16 ms budget is judged here)`, note: `${Math.round(afterResponse.median - floor.median)} ms above the ${Math.round(floor.median)} ms a one-word change takes to be painted (medians)` });
    add({ id: 'scale.paintFloor', label: "a one-word change to painted, in the catalogue's page (the floor under the search figures)", unit: 'ms', value: floor.median, stats: floor, method: `${trivial.length} samples, 10 per search run, each at a random moment after the run's search: a text change, then the first task (user-blocking priority) after the next animation frame (the probe's "painted"): the wait for the frame, the frame, the task` });
    add({ id: 'scale.searchPartialQueries', label: 'search: queries sent for a part of the word', unit: 'count', value: Math.max(...searches.map((s) => s.partialQueries)), method: `${SEARCH_METHOD}; products requests whose q is a beginning of "mug" other than "mug" (m, mu), the most in any run` });
    add({ id: 'scale.searchAfterDebounce', label: 'search: results painted after the 300 ms debounce', unit: 'ms', value: afterDebounce.median, stats: afterDebounce, method: `${SEARCH_METHOD}; from the last input event + 300 ms: includes the round trip to the local store (its CORS preflight when not cached)` });
  } finally {
    await env.close();
  }
  return figures;
}
