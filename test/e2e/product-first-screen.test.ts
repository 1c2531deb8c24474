/**
 * A product's first screen on a phone (360 × 800) shows its picture, its price and Add to cart
 * together, none of them cut by the screen's foot; at 1280 × 800 as before. Shopper QA (s41): at
 * 360 × 800 Add to cart sat half below the first screen (the picture, 328 px square, its thumbnails
 * and the name above it). In Chromium on the built app against the Goodsie demo store, signed in
 * with the cart, for a product with two pictures and one with one. Photographed (product-first-screen-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { photographAtWidths } from '../helpers/e2e-app.ts';
import { openProductSignedIn, twoPictured } from '../helpers/product-gallery.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

/** Where `target` is on the first screen: 'whole' when all of it is inside the window, else how far it reaches. */
async function onFirstScreen(page: Page, target: Locator): Promise<string> {
  const box = await target.boundingBox();
  const height = page.viewportSize()!.height;
  if (box === null || box.height === 0) return 'not drawn';
  return box.y >= 0 && box.y + box.height <= height ? 'whole' : `from ${Math.round(box.y)} to ${Math.round(box.y + box.height)} of ${height}`;
}

/** Each product's page, at the top, at 360 × 800 then 1280 × 800: picture, price and Add to cart all whole on the first screen. */
async function expectTogether(page: Page, name: string): Promise<void> {
  const main = page.getByRole('main');
  const picture = main.locator('.gallery > .main-image');
  const price = main.locator('.summary').first();
  const add = main.getByRole('button', { name: 'Add to cart' });
  await add.waitFor();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => picture.evaluate((img) => img instanceof HTMLImageElement && img.complete)).toBe(true);
    expect({ picture: await onFirstScreen(page, picture), price: await onFirstScreen(page, price), add: await onFirstScreen(page, add) }, `${name} at ${width}`).toEqual({
      picture: 'whole',
      price: 'whole',
      add: 'whole',
    });
    // not hidden away: the picture at least 12rem (192 px) square on a phone
    const box = (await picture.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(192);
  }
  await photographAtWidths(page, name);
}

describe('a product’s first screen', () => {
  it('shows the picture, the price and Add to cart together at 360 × 800 (Add to cart was half below the screen) and at 1280 × 800', async () => {
    const [product] = twoPictured(e2e.env, 1);
    const { page } = await e2e.open({ width: 360, height: 800, hasTouch: true });
    await openProductSignedIn(page, e2e.env, product!.id);
    await expectTogether(page, 'product-first-screen-two-pictures');

    // One picture (no thumbnails), the longest name among the first hundred products: the same.
    const ids = Array.from({ length: 100 }, (_, n) => String(1001 + n));
    const read = (id: string) => e2e.env.store.getProduct(id) as { name: string; images: unknown[]; published: boolean } | undefined;
    const onePictured = ids.filter((id) => read(id)?.published && read(id)?.images.length === 1);
    const longest = onePictured.reduce((a, b) => (read(b)!.name.length > read(a)!.name.length ? b : a));
    await page.goto(`${e2e.env.app.url}#/s/demo/product/${longest}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectTogether(page, 'product-first-screen-one-picture');
  });
});
