/**
 * The quantity field beside Add to cart, on a product's page on a phone (360 px) and at 1280 px, in
 * the built app against the Goodsie demo store signed in with the cart. Shopper QA (s41): its word
 * was for screen readers only, so a shopper saw a bare box holding "1" beside Add to cart, and on a
 * product out of stock a greyed "1" beside "Out of stock" that read as a count. Now "Quantity" is
 * drawn beside the field, on Add to cart's row (the first screen no taller), and names the field;
 * out of stock the field is not drawn at all (QA, s41: "Quantity" and a greyed "1" still read as a
 * count beside "Out of stock"), the button alone. Screenshots (cart-quantity-label-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { boxOf, photographAtWidths } from '../helpers/e2e-app.ts';
import { openProductSignedIn } from '../helpers/product-gallery.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

/** Where the field's drawn word is, against the field and the button: beside the field, on the button's row, inside the page. */
async function wordBeside(page: Page, button: string): Promise<{ word: string; left: boolean; sameRow: boolean; inside: boolean }> {
  const main = page.getByRole('main');
  const field = main.getByRole('spinbutton', { name: 'Quantity', exact: true });
  const word = main.locator('form label').getByText('Quantity', { exact: true });
  const [w, f, b] = [await boxOf(word), await boxOf(field), await boxOf(main.getByRole('button', { name: button, exact: true }))];
  const width = page.viewportSize()!.width;
  return {
    word: (await word.textContent()) ?? '',
    // drawn, not a visually hidden 1 px box, and before the field
    left: w.width > 20 && w.height > 10 && w.x + w.width <= f.x,
    sameRow: Math.abs(w.y + w.height / 2 - (f.y + f.height / 2)) < 4 && Math.abs(f.y - b.y) < 1 && Math.abs(f.height - b.height) < 1,
    inside: w.x >= 0 && b.x + b.width <= width,
  };
}

describe('the quantity field beside Add to cart', () => {
  it('is named by a drawn "Quantity" beside it, on Add to cart’s row, at 360 and 1280 px, in stock', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    const expected = { word: 'Quantity', left: true, sameRow: true, inside: true };

    // Heritage Ocean Vase, in stock
    await openProductSignedIn(page, e2e.env, '1391');
    await page.getByRole('button', { name: 'Add to cart', exact: true }).waitFor();
    expect(await wordBeside(page, 'Add to cart')).toEqual(expected);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await wordBeside(page, 'Add to cart')).toEqual(expected);
    await photographAtWidths(page, 'cart-quantity-label');

  });

  it('is not drawn out of stock: the disabled “Out of stock” button stands alone (a greyed “1” labelled “Quantity” beside it read as a count)', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    // Vintage Sage Vase, out of stock
    await openProductSignedIn(page, e2e.env, '1371');
    const button = page.getByRole('main').getByRole('button', { name: 'Out of stock', exact: true });
    await button.waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByRole('main').getByRole('spinbutton').count()).toBe(0);
    expect(await page.getByRole('main').locator('form').getByText('Quantity', { exact: true }).count()).toBe(0);
    await photographAtWidths(page, 'cart-quantity-label-out-of-stock');
  });
});
