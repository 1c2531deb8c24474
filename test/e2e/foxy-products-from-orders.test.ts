/**
 * A merchant browses a Foxy store's catalogue on a phone, in the built app against the local
 * faithful Foxy server. Foxy keeps no product list: the app lists what the store's latest orders
 * name (platforms.md 5.3). Regression: the catalogue said "26 products" and, at its end, "You have
 * seen all 26 products.", with nothing to say that a product nobody has ordered is not among them:
 * read as the store's whole range, a product missing from it looked like the app's fault. Under the
 * count it now says what the list is made from. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { connectedFoxy, FOXY_NAME } from '../helpers/foxy-app.ts';
import { productCards } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e();
const FROM = 'Listed from your store’s orders (the latest 1,000): a product nobody has ordered yet is not here.';

describe('Foxy: the catalogue says what it is made from', () => {
  it('under the count, at 360 and 1280 px, searched too; a product’s own page keeps its words', async () => {
    const { page } = await connectedFoxy(e2e, 360);
    await page.getByRole('link', { name: `Browse ${FOXY_NAME}` }).click();
    await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
    const count = page.getByRole('status').filter({ hasText: /^\d+ products$/ });
    await count.waitFor();
    const from = page.locator('main').getByText(FROM, { exact: true });
    await from.waitFor();
    // right under the count, above the first card
    expect(await count.evaluate((line, said) => line.nextElementSibling === said, await from.elementHandle())).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-products-from-orders-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foxy-products-from-orders-1280.png` });

    // a search that finds nothing: the same line says why a product may not be here
    await page.getByRole('searchbox', { name: 'Search' }).fill('Snowboard');
    await page.getByRole('heading', { name: 'No products match “Snowboard”' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /^No products match “Snowboard”\.$/ }).count()).toBe(1);
    expect(await from.isVisible()).toBe(true);
  });
});
