/**
 * A FlickRocket product opened while the catalogue is still being read (FlickRocket lists whole
 * pages of 50 and the app reads the list once, for every screen of the store): leaving the catalogue
 * stops its reading for the catalogue's screen, not for the product page waiting on the same read.
 * Against the faithful local FlickRocket server, in the built app.
 */
import { describe, expect, it } from 'vitest';
import { STORE, connectButton, useFlickRocketApp } from '../helpers/flickrocket-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const { env, openHome } = useFlickRocketApp();

describe('FlickRocket: a product opened before the catalogue has loaded', () => {
  it('shows the product (its name, price and editor), not an error or a page loading for ever', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    // The catalogue's list pages are held until the product page is open: the catalogue is still
    // being read, right after the sign-in, when the person opens a product.
    let held = 0;
    const releases: Array<() => void> = [];
    await page.route(`${shop.origin}/api/products.json**`, async (route) => {
      held++;
      await new Promise<void>((resolve) => releases.push(resolve));
      await route.continue().catch(() => undefined); // (a request the page gave up meanwhile)
    });
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await expect.poll(() => held).toBeGreaterThan(0);
    await page.goto(`${app.url}#/s/fr/product/1003`);
    await page.getByText('Loading product…').waitFor();
    await page.unroute(`${shop.origin}/api/products.json**`);
    for (const release of releases.splice(0)) release();
    const heading = page.getByRole('heading', { level: 1, name: shop.getProduct(1003)!.locales[0]!.title });
    await heading.waitFor();
    await page.getByRole('form', { name: 'Edit product' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-product-early-${width}.png` });
    }
  });
});
