/** The catalogue grid as the end-to-end tests drive it (any platform). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The product cards of the catalogue grid. */
export function productCards(page: Page): Locator {
  return page.locator('main ul > li article');
}

/**
 * How many products the catalogue has loaded, as the list says under its cards ("Showing 48 of 495",
 * "You have seen all 31 products."): the windowed grid keeps only the cards near the viewport in
 * the DOM, so counting cards says how many are drawn, not how many are loaded. 0 before the first page.
 */
export async function loadedProducts(page: Page): Promise<number> {
  const line = page.locator('main .more p, main p.end').first();
  if ((await line.count()) === 0) return 0;
  return parseInt(/([\d,]+)/.exec((await line.textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? '0', 10);
}

/** The names of the cards drawn now; never empty once products show (the grid draws the rows in view). */
export async function drawnNames(page: Page): Promise<string[]> {
  return productCards(page).locator('h3').allTextContents();
}

/**
 * One step towards the next page: presses Load more when it shows, else scrolls down so the grid
 * loads ahead. Returns how many products are loaded now, for `expect.poll` to wait on.
 */
export async function stepToNextPage(page: Page): Promise<number> {
  const more = page.getByRole('button', { name: 'Load more' });
  if (await more.isVisible()) await more.click().catch(() => undefined);
  else await page.mouse.wheel(0, 4000);
  return loadedProducts(page);
}

/** What {@link scrollThroughCatalogue} saw: products loaded, the most cards the DOM held at once, whether the list ended. */
export interface ScrolledThrough {
  loaded: number;
  mostCards: number;
  ended: boolean;
}

/**
 * Scrolls the catalogue by the page's own timer, 3,000 px every 50 ms (one round trip, not one per
 * turn, so the time is the app's; Load more is never pressed), until `until` products are loaded or,
 * with 'end', until the list says "You have seen all". Bounded by progress rather than by a time the
 * machine's load decides (a fixed 30 or 60 s ran out in full runs on a loaded 2-core machine while
 * pages still came): it stops once the loaded count has not grown for 15 s (stuck: the caller's
 * expectations then say where), and in any case after 150 s.
 */
export function scrollThroughCatalogue(page: Page, until: number | 'end'): Promise<ScrolledThrough> {
  return page.evaluate(
    (target) =>
      new Promise<ScrolledThrough>((done) => {
        const count = () => parseInt(/([\d,]+)/.exec(document.querySelector('main .more p, main p.end')?.textContent ?? '')?.[1]?.replaceAll(',', '') ?? '0', 10);
        const started = performance.now();
        let loaded = -1;
        let grewAt = started;
        let mostCards = 0;
        const timer = setInterval(() => {
          scrollBy(0, 3000);
          mostCards = Math.max(mostCards, document.querySelectorAll('main ul[aria-label="Products"] > li').length);
          const now = performance.now();
          const counted = count();
          if (counted !== loaded) [loaded, grewAt] = [counted, now];
          const ended = document.querySelector('main p.end') !== null;
          if ((target === 'end' ? ended : loaded >= target) || now - grewAt > 15_000 || now - started > 150_000) {
            clearInterval(timer);
            done({ loaded, mostCards, ended });
          }
        }, 50);
      }),
    until,
  );
}

/** Where the page is, and the first card wholly in view with its distance from the viewport's top. */
export function readPlace(page: Page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('main ul[aria-label="Products"] > li')];
    const first = items.find((li) => li.getBoundingClientRect().top >= 0);
    return {
      scrollY: Math.round(scrollY),
      height: document.documentElement.scrollHeight,
      position: Number(first?.getAttribute('aria-posinset') ?? 0),
      top: Math.round(first?.getBoundingClientRect().top ?? -1),
      href: first?.querySelector('a')?.getAttribute('href') ?? '',
    };
  });
}

/** The catalogue's "could not be reached" panel (an alert with its Try again). */
export function unreachablePanel(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'could not be reached' });
}

/**
 * The one quiet line a read shows in its place while the "can't reach" banner says the store's
 * renewal is tried again by itself (AccessError): no second alert, no Try again of its own.
 */
export function waitingLine(page: Page): Locator {
  return page.getByText(/^This page loads by itself once .+ can be reached\.$/);
}

/**
 * loadedProducts for the tests where the store is always reachable (five tabs opened or reloaded
 * together): throws while the catalogue shows "could not be reached", so `expect.poll` ends on that
 * error rather than on a count.
 */
export async function loadedProductsReachable(page: Page): Promise<number> {
  if ((await unreachablePanel(page).count()) > 0) throw new Error(`the catalogue of ${page.url()} shows "could not be reached"`);
  return loadedProducts(page);
}

/** A Goodsie product request as the products it asks for: `count` from `start` (its page × its count). */
export interface AskedRange {
  start: number;
  count: number;
}

/** Records the catalogue's Goodsie product requests as they leave (not the newest hundred the categories are read from). */
export function recordProductRanges(page: Page): AskedRange[] {
  const asked: AskedRange[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() !== 'GET' || url.pathname !== '/api/v1/products') return;
    const count = Number(url.searchParams.get('count'));
    if (count !== 100) asked.push({ start: Number(url.searchParams.get('page')) * count, count });
  });
  return asked;
}

/**
 * After a reload back to the card at `position`: the products up to it were asked for once each,
 * with no gap: the first page (asked for as the tab starts), then the rest at once in requests of up
 * to 96 (Goodsie's largest page is 100, so up to four pages of 24 each: cursor-pages.ts); no more
 * requests than the first page, the two to the first edge of 96, pages of 96, the rest, and one the
 * scroll asks for.
 */
export function expectAskedOnceUpTo(asked: readonly AskedRange[], position: number): void {
  const sorted = [...asked].sort((a, b) => a.start - b.start);
  expect(sorted[0]).toEqual({ start: 0, count: 24 });
  sorted.slice(1).forEach((range, i) => expect(range.start, JSON.stringify(sorted)).toBe(sorted[i]!.start + sorted[i]!.count));
  expect(sorted.at(-1)!.start + sorted.at(-1)!.count).toBeGreaterThanOrEqual(position);
  expect(Math.max(...asked.map((r) => r.count))).toBeLessThanOrEqual(96);
  expect(asked.length).toBeLessThanOrEqual(Math.ceil((position + 48) / 96) + 4);
}
