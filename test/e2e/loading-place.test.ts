/**
 * Where a store screen's loading words stand, in the built app against the demo store (signed in
 * with the cart and the admin scope): the line the shell shows while the screen's own code
 * downloads (its lazy chunk, held here) stands where the screen's own line stands once that code is
 * in, right under the screen's heading (Orders, Cart, Coupons, Embed) or its way back (a product, a
 * store page). Regressions: the shell's line sat in the middle of a box 60% of the window high and
 * jumped up under the heading when the code came (some 250 px at 1280 × 800); a product's and a
 * store page's loading line stayed there, with nothing above it. Each held state is photographed
 * at 360 and 1280 px (loading-place-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, photographAtWidths } from '../helpers/e2e-app.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });
const WIDTHS = [1280, 360] as const;
type Width = (typeof WIDTHS)[number];

/**
 * Holds back the requests matching `pattern` (a screen's built chunk, a call to the store) until
 * `release()`; later ones pass. `asked()`: how many were held.
 */
async function hold(page: Page, pattern: RegExp): Promise<{ release: () => void; asked: () => number }> {
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let asked = 0;
  await page.route(pattern, async (route) => {
    asked++;
    await released;
    await route.continue().catch(() => undefined); // (a request the page gave up meanwhile)
  });
  return { release, asked: () => asked };
}
/** A screen's built chunk (`OrdersView`), as a route pattern. */
const chunk = (name: string) => new RegExp(`/assets/${name}-[\\w-]{8}\\.js$`);

/** The loading line `text` in the page's main region (its words, as the person reads them). */
const line = (page: Page, text: string) => page.getByRole('main').getByText(text, { exact: true });

/** The top of `text`'s words, in CSS px from the top of the page, at each width (the window 800 px tall). */
async function wordsTop(page: Page, text: string): Promise<Record<Width, number>> {
  const top = {} as Record<Width, number>;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    top[width] = (await line(page, text).boundingBox())!.y;
  }
  return top;
}

/** How far below the bottom of `above` the words of `text` start, at each width. */
async function gapUnder(page: Page, above: Locator, text: string): Promise<Record<Width, number>> {
  const gap = {} as Record<Width, number>;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    const box = (await above.boundingBox())!;
    gap[width] = (await line(page, text).boundingBox())!.y - (box.y + box.height);
  }
  return gap;
}

/** `before`: what to set up on the page before it opens the app (a hold on a chunk the catalogue fetches ahead). */
async function signedIn(before?: (page: Page) => Promise<void>): Promise<Page> {
  const { page } = await e2e.open({ width: 1280 });
  await before?.(page);
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  return page;
}

describe('a store screen’s loading line, while its code comes and after', () => {
  it('Orders, Cart and Coupons: the line shown while the screen’s code downloads is where the screen’s own stands, right under its heading; so is Embed’s', async () => {
    const page = await signedIn();
    const screens = [
      { tab: 'Orders', view: 'OrdersView', words: 'Loading orders…', data: /\/api\/v1\/orders/ },
      { tab: 'Cart', view: 'CartView', words: 'Loading cart…', data: /\/api\/v1\/cart/ },
      { tab: 'Coupons', view: 'CouponsView', words: 'Loading coupons…', data: /\/api\/v1\/coupons/ },
    ];
    let underHeading = 0;
    for (const { tab, view, words, data } of screens) {
      const code = await hold(page, chunk(view));
      const answer = await hold(page, data);
      await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: tab, exact: true }).click();
      await line(page, words).waitFor();
      await expect.poll(code.asked).toBe(1);
      expect(await page.getByRole('heading', { level: 1 }).count(), `${tab}: its code is held`).toBe(0);
      const whileCode = await wordsTop(page, words);
      await photographAtWidths(page, `loading-place-${view}-code`);
      code.release();
      // The screen's code in, its data still held: its heading, and its own line under it.
      const heading = page.getByRole('heading', { name: tab, level: 1 });
      await heading.waitFor();
      await expect.poll(answer.asked).toBeGreaterThan(0);
      const own = await wordsTop(page, words);
      const gap = await gapUnder(page, heading, words);
      for (const width of WIDTHS) {
        // the same place, within a pixel (it was some 250 px lower at 1280 × 800)
        expect(Math.abs(whileCode[width] - own[width]), `${tab} at ${width} px: ${whileCode[width]} while its code came, ${own[width]} after`).toBeLessThanOrEqual(1);
        expect(gap[width], `${tab} at ${width} px`).toBeGreaterThanOrEqual(0);
        expect(gap[width], `${tab} at ${width} px`).toBeLessThanOrEqual(32);
      }
      underHeading = gap[1280];
      answer.release();
      await expect.poll(() => line(page, words).count()).toBe(0);
    }

    // Embed: its own line is gone before it can be measured (it waits for storage only), so the
    // shell's is measured against the heading that comes: as far under it as the others' lines are
    // (at 1280 px, where "Embed products of Goodsie Demo Store" takes one line).
    const code = await hold(page, chunk('EmbedView'));
    await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: 'Embed', exact: true }).click();
    await line(page, 'Loading…').waitFor();
    await expect.poll(code.asked).toBe(1);
    const whileCode = await wordsTop(page, 'Loading…');
    await photographAtWidths(page, 'loading-place-EmbedView-code');
    await page.setViewportSize({ width: 1280, height: 800 });
    code.release();
    const heading = page.getByRole('heading', { name: `Embed products of ${STORE_NAME}`, level: 1 });
    await heading.waitFor();
    const box = (await heading.boundingBox())!;
    expect(box.height, 'one line of heading').toBeLessThan(50);
    expect(Math.abs(whileCode[1280] - (box.y + box.height) - underHeading), `${whileCode[1280]} while its code came; the heading ends at ${box.y + box.height}`).toBeLessThanOrEqual(1);
  });

  it('a product: “Loading product…” stands right under the way back to the catalogue, from the screen’s code on its way until the product is in, where the product then starts', async () => {
    // Held from the start: the catalogue fetches the product screen's code as its first cards are drawn (CatalogView).
    let code!: Awaited<ReturnType<typeof hold>>;
    const page = await signedIn(async (page) => void (code = await hold(page, chunk('ProductView'))));
    const product = await hold(page, /\/api\/v1\/products\/1001(\?|$)/);
    await page.goto(`${e2e.env.app.url}#/s/demo/product/1001`);
    await line(page, 'Loading product…').waitFor();
    await expect.poll(code.asked).toBe(1);
    const whileCode = await wordsTop(page, 'Loading product…');
    await photographAtWidths(page, 'loading-place-ProductView-code');
    code.release();
    const back = page.getByRole('link', { name: '← Back to the catalogue' });
    await back.waitFor();
    await expect.poll(product.asked).toBeGreaterThan(0);
    const own = await wordsTop(page, 'Loading product…');
    const gap = await gapUnder(page, back, 'Loading product…');
    await photographAtWidths(page, 'loading-place-ProductView-product');
    for (const width of WIDTHS) {
      expect(Math.abs(whileCode[width] - own[width]), `at ${width} px: ${whileCode[width]} while its code came, ${own[width]} after`).toBeLessThanOrEqual(1);
      // right under the link (it stood a third of the window lower, with no heading above it)
      expect(gap[width], `at ${width} px`).toBeGreaterThanOrEqual(0);
      expect(gap[width], `at ${width} px`).toBeLessThanOrEqual(40);
    }
    product.release();
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await line(page, 'Loading product…').count()).toBe(0);
    // where the words were, the product begins (their line's top, 8 px above them)
    await page.setViewportSize({ width: 1280, height: 800 });
    const article = (await page.locator('article.product').boundingBox())!;
    expect(Math.abs(article.y - (own[1280] - 8)), `the product starts at ${article.y}`).toBeLessThanOrEqual(4);
  });

  it('a store page opened afresh: “Loading page…” stands under the way back while the screen’s code comes and while the store’s pages are read', async () => {
    const page = await signedIn();
    const code = await hold(page, chunk('StorePageView'));
    const pages = await hold(page, /\/api\/v1\/pages/);
    await page.goto(`${e2e.env.app.url}#/s/demo/pages/about`);
    await page.reload(); // afresh: the store's pages not read yet
    await line(page, 'Loading page…').waitFor();
    await expect.poll(code.asked).toBeGreaterThan(0);
    const whileCode = await wordsTop(page, 'Loading page…');
    await photographAtWidths(page, 'loading-place-StorePageView-code');
    code.release();
    const back = page.getByRole('link', { name: '← Back to the catalogue' });
    await back.waitFor();
    await expect.poll(pages.asked).toBeGreaterThan(0);
    const own = await wordsTop(page, 'Loading page…');
    const gap = await gapUnder(page, back, 'Loading page…');
    for (const width of WIDTHS) {
      expect(Math.abs(whileCode[width] - own[width]), `at ${width} px: ${whileCode[width]} while its code came, ${own[width]} after`).toBeLessThanOrEqual(1);
      expect(gap[width], `at ${width} px`).toBeGreaterThanOrEqual(0);
      expect(gap[width], `at ${width} px`).toBeLessThanOrEqual(40);
    }
    pages.release();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await line(page, 'Loading page…').count()).toBe(0);
  });
});
