/**
 * Infinite scroll to the very end of a large catalogue (issue 15: it used to stop after about 120
 * products and need Load more), in Chromium against a demo store of 600 products (25 pages; its SVG
 * pictures make each page dearer on a loaded machine, so not more): scrolling alone reaches "You have seen all", each page is asked for once and in order, none before the
 * first page was painted, and the DOM holds a window of cards, not the catalogue. The 10,000-product
 * version of this is the bench's scale section (too long for a test).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { scrollThroughCatalogue } from '../helpers/catalog-grid.ts';

const e2e = useE2e({ app: { store: { productCount: 600 } } });

describe('a 600-product catalogue', () => {
  it('scrolls to its end with no Load more, each page asked for once, with a few dozen cards in the DOM', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    const pages: number[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname === '/api/v1/products' && url.searchParams.get('count') === '24') pages.push(Number(url.searchParams.get('page')));
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const status = page.getByRole('status').filter({ hasText: /^[\d,]+ products$/ });
    await status.waitFor();
    const total = parseInt((await status.textContent())!, 10);
    expect(total).toBeGreaterThan(500);
    // Page 1 is asked for only once page 0's cards are on screen.
    expect(pages.slice(0, 1)).toEqual([0]);

    const end = page.locator('main p.end');
    const { mostCards } = await scrollThroughCatalogue(page, 'end');
    await expect.poll(() => end.textContent()).toBe(`You have seen all ${total} products.`);
    expect(pages).toEqual(Array.from({ length: Math.ceil(total / 24) }, (_, i) => i));
    expect(mostCards).toBeGreaterThan(24);
    expect(mostCards).toBeLessThan(80);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(1_500);
    // The last product is there, at its place in the whole list, once the page is at its foot (the
    // scroll stopped when "You have seen all" appeared, which can be before the last page's rows
    // grew the list under the view: the window then still ends a row or two above).
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    const last = page.locator('main ul[aria-label="Products"] > li').last();
    await expect.poll(() => last.getAttribute('aria-posinset')).toBe(String(total));
  }, 240_000);
});
