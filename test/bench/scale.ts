/**
 * Scale: a demo store of 10,000 products. Scrolls the catalogue to its end (clicking Load more
 * when the scroll stalls, and saying so), bounded by a time cap; then DOM nodes, JS heap, the
 * longest task while scrolling, per-page cost first vs last, and search-to-results-painted.
 */
import type { Browser, Page } from 'playwright-core';
import { answerConsent, startAppUnderTest, type AppUnderTest } from '../helpers/e2e-app.ts';
import { openConsent } from './signin.ts';
import { addProbe, openMetrics, readProbe, waitForProbe } from './probes.ts';
import { summarize } from './stats.ts';
import type { Figure } from './report.ts';

export const PRODUCT_COUNT = 10_000;
/** The whole scroll stops here and reports how far it got. */
export const SCROLL_CAP_MS = 150_000;
/** No new card for this long counts as a stalled scroll. */
const STALL_MS = 1_000;
const SEARCH_DEBOUNCE_MS = 300;

interface GridState {
  /** Products loaded (the grid is windowed: far fewer cards are in the DOM). */
  count: number;
  /** Cards in the DOM. */
  inDom: number;
  end: boolean;
  button: boolean;
}

const readGrid = (page: Page): Promise<GridState> =>
  page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Load more');
    return {
      count: window.__benchLoaded?.() ?? 0,
      inDom: document.querySelector('ul.grid')?.childElementCount ?? 0,
      end: document.querySelector('p.end') !== null,
      button: button !== undefined && !button.disabled,
    };
  });

interface ScrollResult {
  reachedEnd: boolean;
  loaded: number;
  elapsedMs: number;
  stalls: number;
  loadMoreClicks: number;
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
  let maxInDom = state.inDom;
  while (!state.end && Date.now() - started < SCROLL_CAP_MS) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(50);
    state = await readGrid(page);
    maxInDom = Math.max(maxInDom, state.inDom);
    if (state.count !== lastCount) {
      lastCount = state.count;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > STALL_MS && state.button) {
      stalls++;
      loadMoreClicks++;
      await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Load more')?.click());
      lastChange = Date.now();
    }
  }
  return { reachedEnd: state.end, loaded: state.count, elapsedMs: Date.now() - started, stalls, loadMoreClicks, maxInDom };
}

async function signIn(page: Page, env: AppUnderTest): Promise<void> {
  await openConsent(page, env.app.url);
  await answerConsent(page, 'Allow');
  await waitForProbe(page, 'firstProductAt');
}

/** Per page of 24: from its products request's start to its cards painted (Resource Timing + probe). */
async function pageCosts(page: Page, storeOrigin: string): Promise<{ page: number; ms: number }[]> {
  const probe = await readProbe(page);
  const requests = await page.evaluate(
    (origin) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.startsWith(`${origin}/api/v1/products`))
        .map((e) => ({ page: Number(new URL(e.name).searchParams.get('page') ?? '0'), start: e.startTime })),
    storeOrigin,
  );
  const costs: { page: number; ms: number }[] = [];
  for (const request of requests.sort((a, b) => a.page - b.page)) {
    const painted = probe.counts.find((c) => c.count > request.page * 24 && c.at >= request.start);
    if (painted !== undefined) costs.push({ page: request.page, ms: painted.at - request.start });
  }
  return costs;
}

async function searchOnce(browser: Browser, env: AppUnderTest): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await addProbe(context);
    const page = await context.newPage();
    await signIn(page, env);
    await page.locator('#catalog-search').pressSequentially('mug', { delay: 30 });
    const painted = await waitForProbe(page, 'searchPaintAt', 10_000);
    const { lastInputAt } = await readProbe(page);
    return painted - (lastInputAt ?? painted) - SEARCH_DEBOUNCE_MS;
  } finally {
    await context.close();
  }
}

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
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await addProbe(context);
      const page = await context.newPage();
      await signIn(page, env);
      const metrics = await openMetrics(page);
      const scrollStart = await page.evaluate(() => performance.now());
      log(`scrolling to the end (cap ${SCROLL_CAP_MS / 1000} s)`);
      const scroll = await scrollToEnd(page);
      const end = await metrics.read();
      await metrics.close();
      const probe = await readProbe(page);
      const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      const costs = await pageCosts(page, env.store.origin);
      const longest = Math.max(0, ...probe.longTasks.filter((t) => t.start >= scrollStart).map((t) => t.duration));
      const missed = scroll.reachedEnd ? undefined : `missed: ${scroll.loaded} products loaded in ${(scroll.elapsedMs / 1000).toFixed(0)} s, the cap`;
      const stalledNote = scroll.stalls > 0 ? `the scroll stalled ${scroll.stalls} times; Load more clicked ${scroll.loadMoreClicks} times` : 'the scroll never stalled';
      add({ id: 'scale.timeToEnd', label: 'scroll to the end of the catalogue', unit: 'ms', value: scroll.reachedEnd ? scroll.elapsedMs : null, method: `mouse wheel 4000 px every ~50 ms until "You have seen all" shows; Load more clicked after ${STALL_MS / 1000} s without new cards`, note: missed ?? stalledNote });
      add({ id: 'scale.loaded', label: 'products loaded by the end of the scroll', unit: 'count', value: scroll.loaded, method: 'the count the list shows under its cards ("Showing N of M" / "You have seen all N") when the scroll stopped (end or cap)', note: missed });
      add({ id: 'scale.reachedEnd', label: 'reached the end within the cap', unit: 'yes/no', value: scroll.reachedEnd ? 1 : 0, method: `"You have seen all" shown within ${SCROLL_CAP_MS / 1000} s` });
      add({ id: 'scale.loadMoreClicks', label: 'Load more clicks needed (scroll stalls)', unit: 'count', value: scroll.loadMoreClicks, method: 'times the scroll stalled with the Load more button showing', note: stalledNote });
      add({ id: 'scale.cardsInDom', label: 'most product cards in the DOM while scrolling (windowing)', unit: 'count', value: scroll.maxInDom, method: 'ul.grid childElementCount, the largest reading of the scroll loop; the products loaded are in scale.loaded' });
      add({ id: 'scale.domNodes', label: 'DOM nodes at the end', unit: 'count', value: domNodes, method: "document.getElementsByTagName('*').length when the scroll stopped", note: missed });
      add({ id: 'scale.jsHeap', label: 'JS heap used at the end', unit: 'MB', value: (end.JSHeapUsedSize ?? 0) / 1e6, method: 'CDP Performance.getMetrics JSHeapUsedSize (no forced GC), 1 MB = 10^6 bytes', note: missed });
      add({ id: 'scale.longestTask', label: 'longest task while scrolling', unit: 'ms', value: longest, method: `Long Tasks API (PerformanceObserver 'longtask', tasks >= 50 ms; 0 = none) from the first scroll to the end; ${probe.longTasks.filter((t) => t.start >= scrollStart).length} long tasks` });
      add({ id: 'scale.scriptMs', label: 'main-thread script time while scrolling', unit: 'ms', value: (end.ScriptDuration ?? 0) * 1000, method: 'CDP Performance.getMetrics ScriptDuration over the scroll' });
      if (costs.length >= 2) {
        // Page 0 comes with the whole view's first render; the first scrolled page (1) is the fair base.
        const first = costs.find((c) => c.page === 1) ?? costs[0]!;
        const last = costs[costs.length - 1]!;
        const worst = Math.max(...costs.filter((c) => c.page >= first.page).map((c) => c.ms));
        add({ id: 'scale.firstPageMs', label: `first scrolled page (#${first.page + 1} of 24): request to cards painted`, unit: 'ms', value: first.ms, method: 'Resource Timing startTime of its products request to the probe seeing its cards painted' });
        add({ id: 'scale.lastPageMs', label: `last page loaded (#${last.page + 1}): request to cards painted`, unit: 'ms', value: last.ms, method: 'as the first page' });
        add({ id: 'scale.lastPageRatio', label: 'last page cost ÷ first page cost', unit: 'ratio', value: last.ms / first.ms, method: 'the two figures above', note: `worst page ${Math.round(worst)} ms (${(worst / first.ms).toFixed(2)}x); ${costs.length} pages timed` });
      }
      log(scroll.reachedEnd ? `reached the end in ${(scroll.elapsedMs / 1000).toFixed(0)} s` : `stopped at the cap with ${scroll.loaded} products`);
    } finally {
      await context.close();
    }
    log(`search, ${runs} runs`);
    const searches: number[] = [];
    for (let run = 0; run < runs; run++) searches.push(await searchOnce(browser, env));
    const stats = summarize(searches);
    add({ id: 'scale.searchAfterDebounce', label: 'search: results painted after the 300 ms debounce', unit: 'ms', value: stats.median, stats, method: 'typing "mug" in the 10,000-product catalogue; the last input event to the results painted, minus the debounce (includes the API round trip to the local store)' });
  } finally {
    await env.close();
  }
  return figures;
}
