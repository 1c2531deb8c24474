/**
 * A reload far down a store that is asked for each page (issue 15: "the person's place survives
 * Back and reload"), in Chromium against a Goodsie demo store of 1,500 products: some 1,000 products
 * down, past where pages of 24 would reach in a bounded number of requests, the reloaded tab comes
 * back to the same card, having asked for the products up to it once each, in requests of up to 96
 * (Goodsie's largest page is 100; cursor-pages.ts, catalog-place.ts reloadReach). The shorter
 * reloads are long-list.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { expectAskedOnceUpTo, loadedProducts, readPlace, recordProductRanges, scrollThroughCatalogue } from '../helpers/catalog-grid.ts';

const e2e = useE2e({ app: { store: { productCount: 1500 } } });

describe('a reload 1,000 products down a Goodsie store', () => {
  it('comes back to the same card, asking for the products up to it once each in pages of up to 96', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    const asked = recordProductRanges(page);
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);

    const { loaded } = await scrollThroughCatalogue(page, 1050);
    expect(loaded).toBeGreaterThanOrEqual(1050);
    await page.evaluate(() => scrollTo({ top: document.documentElement.scrollHeight * 0.9, behavior: 'instant' }));
    await page.waitForTimeout(300);
    await expect.poll(() => page.getByRole('button', { name: 'Load more' }).getAttribute('aria-disabled')).toBe('false');
    await page.waitForTimeout(400); // the place is kept a little after the scroll stops
    const { height: _height, ...before } = await readPlace(page);
    expect(before.position).toBeGreaterThan(900);

    asked.length = 0;
    await page.reload();
    await expect.poll(async () => { const { height: _h, ...now } = await readPlace(page); return now; }, { timeout: 20_000 }).toEqual(before);
    expectAskedOnceUpTo(asked, before.position);
    // About a dozen requests, mostly of 96, where pages of 24 would have been some 40.
    expect(asked.filter((r) => r.count === 96).length).toBeGreaterThan(5);
    expect(asked.length).toBeLessThan(20);
  }, 240_000);
});
