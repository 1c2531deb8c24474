/**
 * The quantity field beside Add to cart has room for what is typed in it, beside its spinner arrows.
 * Shopper QA (s42): at 360 px a 4-digit quantity ("1000" for 100, which the field keeps as typed
 * and says is too many) touched the arrows, 3 px between them. The field takes 1 to 99 (or the
 * stock: cart-quantity.ts); it now holds four digits with room to spare, and the row (its word, the
 * field, the button) stays as it was at 320 to 390 px. In Chromium on the built app against the
 * Goodsie demo store, signed in with the cart; the field focused and hovered, as when its arrows
 * show. Photographed (cart-quantity-room-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

/** Chromium's spin button in a number field: 15 px wide at the inside end of its content box. */
const SPIN_BUTTON = 15;

interface Row {
  /** Pixels between the typed digits' end and the arrows. */
  room: number;
  /** The field and the button on one line (their tops within a pixel of each other's centre line). */
  oneLine: boolean;
  /** Anything of the row past the page's right edge. */
  past: number;
}

function measure(page: Page, spin: number): Promise<Row> {
  return page.locator('form.add').evaluate((form, spinWidth) => {
    const input = form.querySelector('input')!;
    const button = form.querySelector('button')!;
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(input.value).width;
    const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - spinWidth - text;
    const a = input.getBoundingClientRect();
    const b = button.getBoundingClientRect();
    const past = Math.max(a.right, b.right, form.getBoundingClientRect().right) - document.documentElement.clientWidth;
    return { room: Math.round(room * 10) / 10, oneLine: Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 1, past: Math.max(0, past) };
  }, spin);
}

describe('the quantity field’s room', () => {
  it('holds four digits clear of its arrows at 320, 360, 390 and 1280 px, its row as before', async () => {
    const { page } = await e2e.open({ width: 360, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await productCards(page).nth(1).waitFor();
    await productCards(page).nth(1).getByRole('link').first().click();
    const quantity = page.getByRole('spinbutton', { name: 'Quantity' });
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    await quantity.fill('1000');
    for (const width of [320, 360, 390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await quantity.hover();
      await quantity.focus();
      // at least 6 px between the digits and the arrows (3 px before)
      await expect.poll(() => measure(page, SPIN_BUTTON).then((row) => row.room)).toBeGreaterThanOrEqual(6);
      const row = await measure(page, SPIN_BUTTON);
      expect(row.past).toBe(0);
      // one line from 360 px; at 320 px the button goes under the field (as before this change too)
      expect(row.oneLine).toBe(width >= 360);
      await quantity.screenshot({ path: `${SCREENSHOT_DIR}/cart-quantity-room-field-${width}.png` });
      await page.locator('form.add').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/cart-quantity-room-${width}.png` });
    }
  });
});
