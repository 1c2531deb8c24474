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
import { loadedProducts, readPlace } from '../helpers/catalog-grid.ts';

const e2e = useE2e({ app: { store: { productCount: 1500 } } });

describe('a reload 1,000 products down a Goodsie store', () => {
  it('comes back to the same card, asking for the products up to it once each in pages of up to 96', async () => {
    const { page } = await e2e.open({ width: 1280, height: 900 });
    const asked: { start: number; count: number }[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() !== 'GET' || url.pathname !== '/api/v1/products') return;
      const count = Number(url.searchParams.get('count'));
      // (100: the newest hundred the store's categories are read from.)
      if (count !== 100) asked.push({ start: Number(url.searchParams.get('page')) * count, count });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);

    // Scrolled by the page's own timer (3,000 px every 50 ms) until 1,050 are loaded, bounded to 60 s.
    const loaded = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const started = performance.now();
          const count = () => parseInt(/(\d+)/.exec(document.querySelector('main .more p, main p.end')?.textContent ?? '')?.[1] ?? '0', 10);
          const timer = setInterval(() => {
            scrollBy(0, 3000);
            if (count() >= 1050 || performance.now() - started > 60_000) {
              clearInterval(timer);
              done(count());
            }
          }, 50);
        }),
    );
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
    // Once each, no gap: the first page (asked for as the tab starts), then the rest at once.
    const sorted = [...asked].sort((a, b) => a.start - b.start);
    expect(sorted[0]).toEqual({ start: 0, count: 24 });
    sorted.slice(1).forEach((range, i) => expect(range.start, JSON.stringify(sorted)).toBe(sorted[i]!.start + sorted[i]!.count));
    expect(sorted.at(-1)!.start + sorted.at(-1)!.count).toBeGreaterThanOrEqual(before.position);
    expect(Math.max(...asked.map((r) => r.count))).toBe(96);
    // About a dozen requests, where pages of 24 would have been some 40.
    expect(asked.length).toBeLessThanOrEqual(Math.ceil((before.position + 48) / 96) + 4);
    expect(asked.length).toBeLessThan(20);
  }, 120_000);
});
