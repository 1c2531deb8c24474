/**
 * A shopper's taps on a phone (360 px): the buttons and the links that stand on their own line
 * (Back to the catalogue, the store's pages, View on the store's website) are at least 44 px tall
 * (WCAG 2.5.5), the quantity field as tall as Add to cart beside it, and no screen scrolls sideways;
 * the sort choices' words fit their box (half the width there), not cut off; and back from granting
 * the cart on a product, Add to cart (below the picture there) has the focus, so it is in view.
 * The store bar's switcher and Sign out, the store's tabs, the catalogue's search box and selects
 * are a finger tall there too; a product's category chips keep their small look with a finger's hit area, which does
 * not reach a neighbour's; at 1280 px with a mouse all keep their denser size.
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

/** Whether a point a finger's half-height above and below `target`'s middle (and half-width beside it), and the middle, hit it. */
async function fingerHits(target: Locator): Promise<string[]> {
  return target.evaluateAll((elements, finger) => elements.flatMap((element) => {
    const box = element.getBoundingClientRect();
    const [x, y, half] = [box.left + box.width / 2, box.top + box.height / 2, finger / 2 - 1];
    const points = [[x, y - half], [x, y + half], [x - half, y], [x + half, y], [x, y]];
    const missed = points.filter(([px, py]) => document.elementFromPoint(px!, py!)?.closest('a') !== element);
    return missed.length > 0 ? [`${(element.textContent ?? '').trim()}: ${missed.map((point) => point.map(Math.round).join(',')).join(' ')} of ${Math.round(box.width)}x${Math.round(box.height)}`] : [];
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
    const header = await heightOf(page.getByRole('banner'));

    await connectThroughConsent(page, STORE_NAME);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    // the header's row as tall as on the stores list, now with the store bar's finger-tall Sign out in it (the tabs below)
    expect(await tooSmall(page.getByRole('banner').getByRole('button', { name: /^Sign out of / }))).toEqual([]);
    const tabs = await heightOf(page.getByRole('navigation', { name: 'Store', exact: true }));
    expect(await heightOf(page.getByRole('banner')) - tabs).toBe(header);
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

  it('the store bar, the search box and selects a finger tall at 360 px; the same at 1280 px with a mouse as before', async () => {
    const { page } = await e2e.open({ width: 360, height: 760 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
    const banner = page.getByRole('banner');
    const fields = {
      store: banner.getByRole('combobox', { name: 'Store' }),
      'sign out': banner.getByRole('button', { name: /^Sign out of / }),
      search: page.getByRole('searchbox', { name: 'Search' }),
      category: page.getByRole('combobox', { name: 'Category' }),
      sort: page.getByRole('combobox', { name: 'Sort by' }),
      // the store's tabs, one of them (all of a height)
      tab: page.getByRole('navigation', { name: 'Store' }).getByRole('link').first(),
    };
    const heights = async () => Promise.all(Object.values(fields).map((field) => heightOf(field)));
    const names = Object.keys(fields);
    expect((await heights()).flatMap((height, n) => (height < FINGER ? [`${names[n]}: ${height} px`] : []))).toEqual([]);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tap-targets-catalogue-360.png` });

    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(heights).toEqual([36, 36, 40, 40, 40, 43]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tap-targets-catalogue-1280.png` });
  });

  it('a product’s category chips: a finger’s area each at 360 px, none reaching its neighbour; their look and the desktop’s as before', async () => {
    const { page } = await e2e.open({ width: 360, height: 760 });
    // A product in several categories (as a Shopware product often is), its chips on more than one row at 360 px.
    const categories = ['Kitchen', 'Home & Garden', 'Gifts', 'Tea', 'Sale', 'New', 'Outdoor living', 'A'];
    await page.route(`${e2e.env.store.origin}/api/v1/products/*`, async (route) => {
      const response = await route.fetch();
      const product = await response.json();
      await route.fulfill({ response, json: { ...product, categories, tags: ['green', 'gift', 'x'] } });
    });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await productCards(page).first().getByRole('link').first().click();
    const chips = page.getByRole('link').filter({ has: page.locator('xpath=self::*[contains(@class, "chip")]') });
    await expect.poll(() => chips.count()).toBe(categories.length);
    const tops = await chips.evaluateAll((elements) => new Set(elements.map((element) => element.getBoundingClientRect().top)).size);
    expect(tops, 'chips on more than one row').toBeGreaterThan(1);
    // (in view: a point outside the viewport hits nothing)
    await chips.first().evaluate((chip) => chip.parentElement!.scrollIntoView({ block: 'center' }));
    expect(await fingerHits(chips)).toEqual([]);
    const look = async () => (await chips.first().boundingBox())!.height;
    const small = await look();
    expect(small).toBeLessThan(30);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tap-targets-chips-360.png`, fullPage: true });

    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(look).toBe(small);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tap-targets-chips-1280.png`, fullPage: true });
  });
});
