/**
 * What the bench observes inside the page, from outside the app (an init script; no hook in
 * src/): when the session reaches IndexedDB, when the first product card is painted, the number of
 * products loaded, long tasks, and when search results are painted. "Painted" = the first task (at
 * user-blocking priority) after the next animation frame that follows the DOM change: the frame's
 * paint has run by then (AFTER_PAINT_JS).
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface Probe {
  sessionStoredAt: number | null;
  firstProductAt: number | null;
  /** Each change of the number of product cards, and when it was painted. */
  counts: { count: number; at: number }[];
  /** Long tasks (over 50 ms), with the Long Tasks API's culprit name ('self', 'unknown', ...). */
  longTasks: { start: number; duration: number; name?: string }[];
  /**
   * Long animation frames (the LoAF API, frames over 50 ms) with what ran in them, to name what a
   * long task was: each script's invoker and source, its time and its forced style and layout.
   */
  longFrames: LongFrame[];
  lastInputAt: number | null;
  searchPaintAt: number | null;
  /** The search whose results count: the count line must name it ("… matching “mug”"). */
  searchWord: string | null;
}

export interface LongFrame {
  start: number;
  duration: number;
  /** Time spent in style and layout for the frame's rendering (not forced by script). */
  renderMs: number;
  scripts: { invoker: string; source: string; duration: number; forcedLayoutMs: number }[];
}

declare global {
  interface Window {
    __bench?: Probe;
    /** The number of products the catalogue has loaded (see PROBE_SOURCE). */
    __benchLoaded?: () => number;
  }
}

/**
 * "Painted", as every figure of the bench reads it: `then(now)` runs in the first task after the
 * next animation frame, when that frame's paint has been done. That task is posted at the
 * scheduler's user-blocking priority (setTimeout where there is no scheduler): a plain setTimeout
 * queued behind whatever the page had queued meanwhile (a search's pictures starting to load, in a
 * trace: 30 ms of small tasks between the frame's commit and the timer), which is not painting.
 * Plain JavaScript, shared by the probe and the floors (floors.ts).
 */
export const AFTER_PAINT_JS = `(then) => requestAnimationFrame(() => {
  const now = () => then(performance.now());
  if (globalThis.scheduler && typeof scheduler.postTask === 'function') scheduler.postTask(now, { priority: 'user-blocking' });
  else setTimeout(now, 0);
})`;

/**
 * Plain JavaScript in a string, not a function: a function would be serialised from tsx's output,
 * which names functions through a helper that does not exist in the page.
 */
const PROBE_SOURCE = `(() => {
  const probe = { sessionStoredAt: null, firstProductAt: null, counts: [], longTasks: [], longFrames: [], lastInputAt: null, searchPaintAt: null, searchWord: null };
  window.__bench = probe;
  // The default buffer keeps 250 entries; a long scroll makes more (pages and images).
  performance.setResourceTimingBufferSize(100000);
  const afterPaint = ${AFTER_PAINT_JS};
  // Each moment the bench waits for is told on the console (see waitForProbe).
  const tell = (field) => console.debug('__bench:' + field);
  // idb-keyval writes with put(value, key); the session is the key session:<store>.
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const request = put.apply(this, args);
    const key = args[1];
    if (typeof key === 'string' && key.startsWith('session:')) {
      request.transaction.addEventListener('complete', () => {
        if (probe.sessionStoredAt === null) { probe.sessionStoredAt = performance.now(); tell('sessionStoredAt'); }
      });
    }
    return request;
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration, name: entry.name });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longFrames.push({
          start: entry.startTime,
          duration: entry.duration,
          renderMs: entry.renderStart ? Math.max(0, entry.startTime + entry.duration - entry.styleAndLayoutStart) : 0,
          scripts: (entry.scripts || []).map((s) => ({
            invoker: String(s.invoker || s.invokerType || ''),
            source: String(s.sourceURL || '').split('/').pop() + (s.sourceFunctionName ? ' ' + s.sourceFunctionName : '') + (s.sourceCharPosition >= 0 ? ':' + s.sourceCharPosition : ''),
            duration: s.duration,
            forcedLayoutMs: s.forcedStyleAndLayoutDuration || 0,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  let lastCount = 0;
  // The grid is windowed (only the rows near the viewport are in the DOM): the number of products
  // loaded is what the list says under its cards ("Showing 48 of 9,492", "You have seen all 9,492").
  const loaded = () => {
    const said = document.querySelector('main .more p, main p.end');
    const number = said && /[0-9,]+/.exec(said.textContent);
    if (number) return Number(number[0].replaceAll(',', ''));
    const grid = document.querySelector('ul.grid');
    return grid ? grid.childElementCount : 0;
  };
  window.__benchLoaded = loaded;
  new MutationObserver(() => {
    const count = loaded();
    if (count !== lastCount) {
      lastCount = count;
      afterPaint((at) => {
        probe.counts.push({ count, at });
        if (count > 0 && probe.firstProductAt === null) { probe.firstProductAt = at; tell('firstProductAt'); }
      });
    }
    const status = document.querySelector('.count[role="status"]');
    if (probe.lastInputAt !== null && probe.searchPaintAt === null && status && status.textContent.includes('matching \u201c' + (probe.searchWord || '')  + '\u201d')) {
      probe.searchPaintAt = -1;
      afterPaint((at) => { probe.searchPaintAt = at; tell('searchPaintAt'); });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('input', (event) => {
    if (event.target && event.target.id === 'catalog-search') probe.lastInputAt = event.timeStamp;
  }, true);
})();`;

/** The long frame that holds the long task starting at `start` (LoAF and Long Tasks share the clock), in words. */
export function describeLongFrame(frames: readonly LongFrame[], start: number, duration: number, name = ''): string {
  const overlap = (f: LongFrame) => Math.min(start + duration, f.start + f.duration) - Math.max(start, f.start);
  const frame = [...frames].sort((a, b) => overlap(b) - overlap(a))[0];
  if (!frame || overlap(frame) <= 0) return `culprit '${name}'; no long animation frame recorded around it (${frames.length} recorded): no script or rendering of the page's own ran long then`;
  const scripts = [...frame.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
  const what = scripts.map((s) => `${s.invoker} in ${s.source || '?'} ${Math.round(s.duration)} ms (forced layout ${Math.round(s.forcedLayoutMs)} ms)`).join('; ');
  return `culprit '${name}'; its frame ${Math.round(frame.duration)} ms: ${what || 'no script'}; style and layout for the frame ${Math.round(frame.renderMs)} ms`;
}

type ProbeField = 'sessionStoredAt' | 'firstProductAt' | 'searchPaintAt';

/** The probe's fields each page has told of on its console and no wait has taken yet. */
const told = new WeakMap<Page, Set<ProbeField>>();

export async function addProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBE_SOURCE });
  context.on('console', (message) => {
    const page = message.page();
    const field = /^__bench:(\w+)$/.exec(message.text())?.[1] as ProbeField | undefined;
    if (!page || !field) return;
    if (!told.has(page)) told.set(page, new Set());
    told.get(page)!.add(field);
  });
}

export function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => window.__bench!);
}

/**
 * Waits, bounded, until the probe's field is set, then reads it. Told by the probe's console line,
 * not polled from here: Playwright's waitForFunction injects its script into the page (13-20 ms of
 * the page's main thread, measured in a trace, in the middle of the warm start it was timing) and
 * then evaluates in the page every 50 ms. Nothing runs in the page until the moment has passed.
 */
export async function waitForProbe(page: Page, field: ProbeField, timeoutMs = 30_000): Promise<number> {
  if (!told.get(page)?.has(field)) {
    await page.waitForEvent('console', { predicate: (message) => message.text() === `__bench:${field}`, timeout: timeoutMs });
  }
  told.get(page)?.delete(field);
  return page.evaluate((f) => window.__bench![f] as number, field);
}

/** Resource timings of the store's API and token endpoint in this document, up to `until`. */
export function readApiTimings(page: Page, storeOrigin: string, until: number): Promise<{ path: string; start: number; end: number }[]> {
  return page.evaluate(
    ({ origin, until }) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.startsWith(origin) && e.startTime <= until)
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))
        .filter((e) => e.path.startsWith('/api/') || e.path === '/oauth2/access_token'),
    { origin: storeOrigin, until },
  );
}

/**
 * Chromium's own counters (CDP Performance.getMetrics: ScriptDuration in s, JSHeapUsedSize in
 * bytes...). They count from Performance.enable, so one session is kept open across readings.
 */
export async function openMetrics(page: Page): Promise<{ read(): Promise<Record<string, number>>; collectGarbage(): Promise<void>; close(): Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return {
    read: async () => {
      const { metrics } = await session.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    },
    /** A full garbage collection in the page (CDP HeapProfiler.collectGarbage): what a reading then counts is what the page keeps. */
    collectGarbage: async () => {
      await session.send('HeapProfiler.collectGarbage');
    },
    close: () => session.detach(),
  };
}

/** A search typed in the catalogue's box: when its last key went in and when its results were painted. */
export interface TypedSearch {
  /** The last input event's time (page clock). */
  typedAt: number;
  painted: number;
  /** The longest task from the last key to the results painted (0: none over 50 ms). */
  longestTaskMs: number;
}

/**
 * Types `word` into the catalogue's search box at 10 keys a second and waits (bounded) for the
 * count line naming it to be painted. Typed in the page, a key every 100 ms by the page's own
 * timer: keys sent one by one from here arrive in bursts or far apart on a loaded machine, which
 * is not typing at 10 keys a second.
 */
export async function typeSearch(page: Page, word: string): Promise<TypedSearch> {
  await page.locator('#catalog-search').focus();
  await page.evaluate(
    ({ word, every }) =>
      new Promise<void>((done) => {
        const probe = window.__bench!;
        probe.lastInputAt = null;
        probe.searchPaintAt = null;
        probe.searchWord = word;
        const box = document.querySelector<HTMLInputElement>('#catalog-search')!;
        box.value = '';
        let typed = 0;
        // No named function in here: tsx would wrap it in a helper the page does not have.
        const timer = setInterval(() => {
          box.value += word[typed++];
          box.dispatchEvent(new InputEvent('input', { bubbles: true, data: word[typed - 1], inputType: 'insertText' }));
          if (typed === word.length) {
            clearInterval(timer);
            done();
          }
        }, every);
      }),
    { word, every: 100 },
  );
  const painted = await waitForProbe(page, 'searchPaintAt', 15_000);
  const probe = await readProbe(page);
  const typedAt = probe.lastInputAt ?? painted;
  return {
    typedAt,
    painted,
    longestTaskMs: Math.max(0, ...probe.longTasks.filter((t) => t.start >= typedAt && t.start <= painted).map((t) => t.duration)),
  };
}
