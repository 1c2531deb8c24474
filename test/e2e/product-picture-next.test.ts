/**
 * A product page whose main picture the store does not serve (gone from its server: 404) shows the
 * product's next picture that loads, by itself; it showed "Picture not available" in the main place
 * while the second picture loaded fine as a thumbnail, for the shopper to notice and tap. The failed
 * one stays among the thumbnails, marked; a picture the shopper chose stays shown even if it fails;
 * with none loading, "Picture not available" stays.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { photographAtWidths } from '../helpers/e2e-app.ts';
import { mainPlace, openProductSignedIn, twoPictured } from '../helpers/product-gallery.ts';

const e2e = useE2e({ app: {} });

/** Each thumbnail: 'picture' (loaded), 'mark' (would not load) or 'loading', and whether it is the one pressed. */
function thumbnails(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Images' }).getByRole('button').evaluateAll((buttons) =>
    buttons.map((button) => {
      const img = button.querySelector('img');
      const state = img ? (img.complete && img.naturalWidth > 0 ? 'picture' : 'loading') : button.querySelector('.fallback') ? 'mark' : '?';
      return `${state}${button.getAttribute('aria-pressed') === 'true' ? ' (shown)' : ''}`;
    }),
  );
}

/** Two frames drawn: anything the last error set off has been drawn. */
function twoFrames(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe('a product page whose main picture will not load', () => {
  it('shows the next of its pictures that loads, by itself; the failed one marked among the thumbnails (it showed "Picture not available" with the second loaded as a thumbnail)', async () => {
    const [product] = twoPictured(e2e.env, 1);
    const [first, second] = product!.images;
    e2e.env.store.losePicture(first!.url);
    const { page } = await e2e.open({ width: 360, height: 800 });
    await openProductSignedIn(page, e2e.env, product!.id);

    await expect.poll(() => mainPlace(page)).toBe(second!.url);
    await expect.poll(() => thumbnails(page)).toEqual(['mark', 'picture (shown)']);
    expect(await page.getByRole('main').getByRole('img', { name: 'Picture not available' }).count()).toBe(0);
    await photographAtWidths(page, 'product-picture-next');
    await twoFrames(page);
    expect(await mainPlace(page)).toBe(second!.url);

    // The shopper chooses the first: it says it is not available, and stays chosen (no jump back to the second).
    await page.getByRole('button', { name: 'Show image 1 of 2' }).click();
    await expect.poll(() => mainPlace(page)).toBe('not available');
    await twoFrames(page);
    expect(await mainPlace(page)).toBe('not available');
    expect(await thumbnails(page)).toEqual(['mark (shown)', 'picture']);
    await page.getByRole('button', { name: 'Show image 2 of 2' }).click();
    await expect.poll(() => mainPlace(page)).toBe(second!.url);
  });

  it('with none of its pictures loading, "Picture not available" stays in the main place', async () => {
    const [, product] = twoPictured(e2e.env, 2);
    for (const image of product!.images) e2e.env.store.losePicture(image.url);
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await openProductSignedIn(page, e2e.env, product!.id);

    await expect.poll(() => thumbnails(page)).toEqual(['mark (shown)', 'mark']);
    await expect.poll(() => mainPlace(page)).toBe('not available');
    await twoFrames(page);
    expect(await mainPlace(page)).toBe('not available');
    await photographAtWidths(page, 'product-picture-none-loads');
  });
});
