/**
 * A shopper's taps on a phone (360 px): the buttons and the links that stand on their own line
 * (Back to the catalogue, the store's pages, View on the store's website) are at least 44 px tall
 * (WCAG 2.5.5), the quantity field as tall as Add to cart beside it, and no screen scrolls sideways;
 * the sort choices' words fit their box (half the width there), not cut off; and back from granting
 * the cart on a product, Add to cart (below the picture there) has the focus, so it is in view.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent } from '../helpers/e2e-app.ts';
import { loadedProducts, productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });
const FINGER = 44;

async function heightOf(target: Locator): Promise<number> {
  await target.waitFor();
  return (await target.boundingBox())!.height;
}

/** The targets' names with their heights, for those under a finger's height (none expected). */
async function tooSmall(targets: Locator): Promise<string[]> {
  return targets.evaluateAll((elements, finger) => elements.flatMap((element) => {
    const { height } = element.getBoundingClientRect();
    return height > 0 && height < finger ? [`${(element.textContent ?? '').trim()}: ${height} px`] : [];
  }), FINGER);
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('tap targets at 360 px', () => {
  it('the stores, the catalogue, a product and a store page: buttons and links on their own line a finger tall, nothing sideways', async () => {
    const { page } = await e2e.open({ width: 360, height: 760 });
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await tooSmall(page.getByRole('button', { name: /^Connect / }))).toEqual([]);
    expect(await sideways(page)).toBe(0);

    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    const pages = page.getByRole('navigation', { name: 'Store pages' }).getByRole('link');
    await pages.first().waitFor();
    expect(await tooSmall(pages)).toEqual([]);
    expect(await heightOf(page.getByRole('button', { name: 'Load more' }))).toBeGreaterThanOrEqual(FINGER);
    expect(await sideways(page)).toBe(0);

    await productCards(page).first().getByRole('link').first().click();
    const back = page.getByRole('link', { name: '← Back to the catalogue' });
    const add = page.getByRole('button', { name: 'Add to cart' });
    expect(await heightOf(back)).toBeGreaterThanOrEqual(FINGER);
    expect(await heightOf(add)).toBeGreaterThanOrEqual(FINGER);
    expect(await heightOf(page.getByRole('spinbutton', { name: 'Quantity' }))).toBe(await heightOf(add));
    expect(await heightOf(page.getByRole('link', { name: /^View on the store’s website/ }))).toBeGreaterThanOrEqual(FINGER);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tap-targets-product-360.png`, fullPage: true });

    await back.click();
    await pages.first().click();
    expect(await heightOf(page.getByRole('link', { name: '← Back to the catalogue' }))).toBeGreaterThanOrEqual(FINGER);
    expect(await sideways(page)).toBe(0);
  });

  it('each sort choice shows whole in its box', async () => {
    const { page } = await e2e.open({ width: 360, height: 760 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    const sort = page.getByLabel('Sort by');
    // each choice's words in the box's font, against the room left by its padding and its arrow (about 16 px)
    const overflowing = await sort.evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
      return [...select.options].filter((option) => context.measureText(option.text).width > room).map((option) => option.text);
    });
    expect(overflowing).toEqual([]);
  });

  it('Grant access for the cart on a product: back from the store, Add to cart has the focus, in view below the picture', async () => {
    const started = await e2e.startApp({ defaultScopes: ['storefront'] });
    const { page } = await e2e.open({ width: 360, height: 760 });
    await page.goto(started.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await productCards(page).first().getByRole('link').first().click();
    const product = page.url();
    await page.getByRole('button', { name: /^Grant access/ }).click();
    await answerConsent(page);
    const add = page.getByRole('button', { name: 'Add to cart' });
    await add.waitFor();
    expect(page.url()).toBe(product);
    await expect.poll(() => add.evaluate((button) => button === document.activeElement)).toBe(true);
    const box = (await add.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(760);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tap-targets-cart-granted-360.png` });
  });
});
