/** The catalogue grid as the end-to-end tests drive it (any platform). */
import type { Locator, Page } from 'playwright-core';

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
  return parseInt(/(\d+)/.exec((await line.textContent()) ?? '')?.[1] ?? '0', 10);
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
 * loadedProducts for the tests where the store is always reachable (five tabs opened or reloaded
 * together): throws while the catalogue shows "could not be reached", so `expect.poll` ends on that
 * error rather than on a count.
 */
export async function loadedProductsReachable(page: Page): Promise<number> {
  if ((await unreachablePanel(page).count()) > 0) throw new Error(`the catalogue of ${page.url()} shows "could not be reached"`);
  return loadedProducts(page);
}
