/**
 * The picture a shopper chose in a product's gallery stays chosen on Back and Forward and on a reload
 * of the page: kept in the page's history entry (history.state, as the catalogue keeps its place).
 * Shopper QA (s41): it went back to the first picture. In Chromium on the built app against the
 * Goodsie demo store, at 360 px and 1280 px. Photographed (product-picture-kept-*.png).
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { photographAtWidths } from '../helpers/e2e-app.ts';
import { mainPlace, openProductSignedIn, twoPictured } from '../helpers/product-gallery.ts';

const e2e = useE2e({ app: {} });

describe('a picture chosen in a product’s gallery', () => {
  it('is shown again after a reload, after Back to the catalogue and Forward, and after Back from another product; another visit starts at the first', async () => {
    const [product, other] = twoPictured(e2e.env, 2);
    const [first, second] = product!.images;
    const { page } = await e2e.open({ width: 360, height: 800 });
    await openProductSignedIn(page, e2e.env, product!.id);
    await expect.poll(() => mainPlace(page)).toBe(first!.url);
    await page.getByRole('button', { name: 'Show image 2 of 2' }).click();
    await expect.poll(() => mainPlace(page)).toBe(second!.url);
    const pressed = () => page.getByRole('button', { name: 'Show image 2 of 2' }).getAttribute('aria-pressed');

    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => mainPlace(page)).toBe(second!.url);
    expect(await pressed()).toBe('true');

    // Back to the catalogue it was opened from, then Forward
    await page.goBack();
    await page.locator('main ul > li article').first().waitFor();
    await page.goForward();
    await page.getByRole('button', { name: 'Show image 2 of 2' }).waitFor();
    await expect.poll(() => mainPlace(page)).toBe(second!.url);
    expect(await pressed()).toBe('true');

    // Another product opened from here starts at its first picture; Back from it, this one's second again.
    await page.goto(`${e2e.env.app.url}#/s/demo/product/${other!.id}`);
    await expect.poll(() => mainPlace(page)).toBe(other!.images[0]!.url);
    await page.goBack();
    await expect.poll(() => mainPlace(page)).toBe(second!.url);
    await photographAtWidths(page, 'product-picture-kept');
  });
});
