/**
 * A connected Foxy merchant's product page and Orders screen in the built app, against the local
 * Foxy server, beside a Goodsie store connected with its admin scope (the demo store):
 * - Foxy has no product records, so no editor: one quiet line under the product says where a
 *   product is changed (its cart links and forms) and where the page's figures come from (the
 *   store's orders), in Foxy's own words (its profile's note); a platform with an editor shows the
 *   editor and not the line (regression: Foxy's page said nothing where every other platform's had
 *   an editor).
 * - While the orders load, "Loading orders…" stands right under the Orders heading (regression: it
 *   sat in the middle of a 60vh box, about a third of the window below the heading); so do Foxy's
 *   coupons waiting for the store's currency, and a Goodsie store's orders (the same screens).
 * Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, photographAtWidths } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectedFoxy } from '../helpers/foxy-app.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront', 'cart', 'admin'] } });
const NOTE = /^Foxy keeps no list of products to edit: a product is what your store’s cart links and forms send, so change its name or price there\. What this page shows comes from your store’s orders\.$/;

/** How far below the bottom of the screen's heading the text of the line `text` starts, in CSS px. */
async function gapUnderHeading(page: Page, text: string): Promise<number> {
  const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
  const line = (await page.getByText(text, { exact: true }).boundingBox())!;
  return line.y - (heading.y + heading.height);
}


/** Holds the store's transactions back until `release()` is called: what waits on them shows its loading line. */
async function holdTransactions(page: Page, origin: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route(`${origin}/**`, async (route) => {
    if (!route.request().url().includes('/transactions')) return route.fallback();
    await held;
    await route.fallback();
  });
  return release;
}
describe('a Foxy merchant’s product page and orders', () => {
  it('under a Foxy product, one line says why there is no editor and where names and prices change; a Goodsie admin sees the editor and no such line', async () => {
    const { page, app } = await connectedFoxy(e2e, 1280);
    await page.goto(`${app.url}#/s/foxy/product/${encodeURIComponent('code:MUG-01')}`);
    await page.getByRole('heading', { name: 'Ceramic Mug (Large)', level: 1 }).waitFor();
    const note = page.getByRole('main').getByText(NOTE);
    await note.waitFor();
    expect(await note.count()).toBe(1);
    // quiet: muted words, under the product (below its heading), no heading, button or alert of its own
    expect(await note.evaluate((p) => getComputedStyle(p).color)).not.toBe(await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).color));
    expect((await note.boundingBox())!.y).toBeGreaterThan((await page.getByRole('heading', { level: 1 }).boundingBox())!.y);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Manage this product' }).count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `foxy-product-note-${width}.png`), fullPage: true });
    }

    // Goodsie, the admin scope granted: the editor, and no line of Foxy's
    const { page: goodsie } = await e2e.open({ width: 1280 });
    await goodsie.goto(e2e.env.app.url);
    await connectThroughConsent(goodsie, STORE_NAME);
    await goodsie.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await goodsie.goto(`${e2e.env.app.url}#/s/demo/product/1001`);
    await goodsie.getByRole('heading', { name: 'Manage this product' }).waitFor();
    await goodsie.getByRole('button', { name: 'Save' }).waitFor();
    expect(await goodsie.getByText(/keeps no list of products to edit/).count()).toBe(0);
  });

  it('while Foxy’s orders load, “Loading orders…” stands right under the Orders heading, at 360 and 1280 px', async () => {
    const { page, app, foxy } = await connectedFoxy(e2e, 1280);
    // The store's transactions held back until the loading screen is measured and photographed.
    const release = await holdTransactions(page, foxy.origin);
    await page.goto(`${app.url}#/s/foxy/orders`);
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByRole('main').getByRole('status').filter({ hasText: 'Loading orders…' }).waitFor();
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      // right under the heading: within 2rem of its bottom (its text stood 245 px below it in a 1280 × 800 window)
      const gap = await gapUnderHeading(page, 'Loading orders…');
      expect(gap, `at ${width} px`).toBeGreaterThanOrEqual(0);
      expect(gap, `at ${width} px`).toBeLessThanOrEqual(32);
    }
    await photographAtWidths(page, 'foxy-orders-loading');
    release();
    await page.getByRole('table').waitFor();
    expect(await page.getByText('Loading orders…').count()).toBe(0);
  });

  it('Foxy’s coupons waiting for the store’s currency, and a Goodsie store’s orders loading, say so right under their screen’s heading too', async () => {
    const { page, app, foxy } = await connectedFoxy(e2e, 1280);
    // Coupons come before Foxy's currency, which comes with the transactions: held, the coupons wait for it.
    const release = await holdTransactions(page, foxy.origin);
    await page.goto(`${app.url}#/s/foxy/coupons`);
    const managed = page.getByText(/^Shown here to copy and share\./);
    await managed.waitFor();
    await page.getByRole('main').getByRole('status').filter({ hasText: 'Loading coupons…' }).waitFor();
    // under the heading, the line that follows it and the coupon left out (known with the coupons, before
    // the currency), right after the last of them: not a third of the window lower
    const notListed = page.getByRole('list', { name: '2 coupons are not listed here:' });
    const loading = (await page.getByText('Loading coupons…', { exact: true }).boundingBox())!;
    const managedBox = (await managed.boundingBox())!;
    const notListedBox = (await notListed.boundingBox())!;
    expect(notListedBox.y).toBeGreaterThanOrEqual(managedBox.y + managedBox.height);
    const below = loading.y - notListedBox.y - notListedBox.height;
    expect(below).toBeGreaterThanOrEqual(0);
    expect(below).toBeLessThanOrEqual(32);
    await photographAtWidths(page, 'foxy-coupons-loading');
    release();
    await page.locator('li code').getByText('BIG15', { exact: true }).waitFor();

    const { page: goodsie } = await e2e.open({ width: 1280 });
    await goodsie.goto(e2e.env.app.url);
    await connectThroughConsent(goodsie, STORE_NAME);
    await goodsie.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    let releaseOrders!: () => void;
    const ordersHeld = new Promise<void>((done) => (releaseOrders = done));
    await goodsie.route(`${e2e.env.store.origin}/api/v1/orders*`, async (route) => (await ordersHeld, route.fallback()));
    await goodsie.getByRole('link', { name: 'Orders' }).click();
    await goodsie.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await goodsie.getByRole('main').getByRole('status').filter({ hasText: 'Loading orders…' }).waitFor();
    const gap = await gapUnderHeading(goodsie, 'Loading orders…');
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThanOrEqual(32);
    releaseOrders();
    await goodsie.getByText('Page 1 of 2').waitFor();
  });
});
