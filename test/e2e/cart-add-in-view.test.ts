/**
 * A shopper on a phone (360 × 740, touch) scrolls a product's page until Add to cart shows at the
 * foot of the screen, and taps it: what the add came to shows on the screen, in the built app
 * against the Goodsie demo store. Regression: the line under the button ("Your cart now has 1 of
 * this", or the store's failure) came below the window, so the tap seemed to do nothing, and a
 * second tap added the product again. Photographed (cart-add-in-view-*.png).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart'] } });

/** A phone on a product's page, Add to cart scrolled to the foot of the screen, as a shopper stops when it shows. */
async function atAddToCart(): Promise<{ page: Page; add: Locator }> {
  const { page } = await e2e.open({ width: 360, height: 740, hasTouch: true });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  const card = page.locator('main ul > li article').nth(1);
  await card.waitFor();
  await card.getByRole('link').first().tap();
  const add = page.getByRole('button', { name: 'Add to cart' });
  await add.waitFor();
  await add.evaluate((button) => button.scrollIntoView({ block: 'end' }));
  return { page, add };
}

/** Whether all of `target` is inside the window (it has a box, and no part of it is above or below). */
async function wholeInView(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.height > 0 && box.y >= 0 && box.y + box.height <= height;
}

describe('Add to cart tapped at the foot of a phone’s screen', () => {
  it('brings “Your cart now has 1 of this” into view, with View cart', async () => {
    const { page, add } = await atAddToCart();
    await add.tap();
    const said = page.getByRole('status').filter({ hasText: 'Your cart now has 1 of this' });
    await said.waitFor({ state: 'attached' });
    await expect.poll(() => wholeInView(page, said), { timeout: 5_000 }).toBe(true);
    expect(await wholeInView(page, add), 'the button stays in view above it').toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cart-add-in-view-added-360.png') });
  });

  it('brings the store’s failure into view, with its Try again', async () => {
    const { page, add } = await atAddToCart();
    await page.route(`${e2e.env.store.origin}/api/v1/cart/items`, (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"server_error","error_description":"boom"}' }),
    );
    await add.tap();
    const panel = page.getByRole('main').getByRole('alert').filter({ hasText: 'The store had a problem' });
    await panel.waitFor({ state: 'attached' });
    await expect.poll(() => wholeInView(page, panel.getByRole('button', { name: 'Try again' })), { timeout: 5_000 }).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cart-add-in-view-failed-360.png') });
  });
});
