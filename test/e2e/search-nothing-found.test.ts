/**
 * A search that matches nothing, in the built app against the Goodsie demo store: said once. QA
 * found three ways of it on one screen ("0 products matching “…”" on the count line, "No products
 * found", "Nothing matches “…”. Try other words."); now the empty state says it in one heading with a
 * hint and Clear search, and the count line's live region says the same words to screen readers
 * only (it is on the page before the search, so the change is announced). Screenshots at 360 and
 * 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { loadedProducts } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

describe('a search that finds nothing', () => {
  it('says so once (a heading, a hint, Clear search), the live region says the same words unseen, and Clear search brings the products back', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    const count = page.locator('main p.count[role="status"]');
    await count.filter({ hasText: /products/ }).waitFor();
    // the region is there before the search: a change of its words is announced
    await count.evaluate((region) => ((window as unknown as { countRegion: Element }).countRegion = region));

    await page.getByRole('searchbox', { name: 'Search' }).fill('zzzz-nothing');
    const title = page.getByRole('heading', { name: 'No products match “zzzz-nothing”', level: 2 });
    await title.waitFor();
    await expect.poll(() => count.textContent().then((t) => t?.trim())).toBe('No products match “zzzz-nothing”.');
    expect(await count.evaluate((region) => region === (window as unknown as { countRegion: Element }).countRegion)).toBe(true);
    // Seen once: the region's words are visually hidden; none of the other two ways is on the page.
    expect(await count.locator('.visually-hidden').count()).toBe(1);
    expect(await count.evaluate((region) => (region.firstElementChild as HTMLElement).getBoundingClientRect().width <= 1)).toBe(true);
    expect(await page.getByText(/0 products|No products found|Nothing matches/).count()).toBe(0);
    const empty = page.locator('main .empty');
    expect((await empty.innerText()).replace(/\s+/g, ' ').trim()).toBe('No products match “zzzz-nothing” Try other words. Clear search');
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/search-nothing-found-${width}.png` });
    }

    await page.getByRole('button', { name: 'Clear search', exact: true }).click();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    await count.filter({ hasText: /^\s*\d[\d,]* products\s*$/ }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('');
  });
});
