/**
 * A merchant connected to a StoreHippo or a Foxy store looks for where to add a product, in the built
 * app against the faithful local servers. Neither platform's contract gives this app a way to add
 * one (platforms.md 2.2: StoreHippo's exchanges list, read and edit; 5.3-5.4: Foxy keeps no product
 * records). Regression: the catalogue had no New product button (Goodsie's) and said nothing, so the
 * merchant was left to look for one. It now says where products are added, once, where that button
 * is on Goodsie, above the search; not again on a product's page. Screenshots at 360 and 1280 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { productCards } from '../helpers/catalog-grid.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { connectedFoxy, FOXY_NAME } from '../helpers/foxy-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { openAppHome } from '../helpers/platform-app.ts';
import { HIPPO_NAME, pasteKey, startHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const e2e = useE2e();
const HIPPO_ADDED = 'New products are added in StoreHippo’s own admin, under Products.';
const FOXY_ADDED = 'New products are added on your own website, as add-to-cart links or forms; Foxy’s admin keeps no product list.';

/** On the catalogue, its products shown: the words once, above the search, no New product; screenshots at 360 and 1280 px. */
async function saysOnceAboveSearch(page: Page, words: string, name: string): Promise<void> {
  await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
  const said = page.locator('main').getByText(words, { exact: true });
  await said.waitFor();
  expect(await page.locator('main').getByText(words).count()).toBe(1);
  expect(await page.getByRole('button', { name: 'New product' }).count()).toBe(0);
  const search = page.getByRole('searchbox', { name: 'Search' });
  const [note, box] = await Promise.all([said.boundingBox(), search.boundingBox()]);
  expect(note !== null && box !== null && note.y + note.height <= box.y).toBe(true);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/products-added-${name}-360.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await said.isVisible()).toBe(true);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/products-added-${name}-1280.png` });
}

/** A product's own page says nothing of it: once, on the catalogue. */
async function notOnProductPage(page: Page, words: string): Promise<void> {
  await productCards(page).first().getByRole('link').first().click();
  await page.getByRole('link', { name: /Back to the catalogue/ }).first().waitFor();
  expect(await page.locator('main').getByText(words).count()).toBe(0);
}

describe('Catalogues where this app adds no products: where they are added', () => {
  it('StoreHippo, with the key that edits products: said once above the search, in the store’s own admin', async () => {
    const env = await startHippoApp(e2e);
    const { page } = await openAppHome(e2e, env.app, 360);
    await pasteKey(page, DEMO_KEYS.manager);
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('link', { name: `Browse ${HIPPO_NAME}` }).click();
    await saysOnceAboveSearch(page, HIPPO_ADDED, 'storehippo');
    await notOnProductPage(page, HIPPO_ADDED);
  });

  it('Foxy: said once above the search, on the merchant’s own website (Foxy keeps no product list)', async () => {
    const { page } = await connectedFoxy(e2e, 360);
    await page.getByRole('link', { name: `Browse ${FOXY_NAME}` }).click();
    await saysOnceAboveSearch(page, FOXY_ADDED, 'foxy');
    await notOnProductPage(page, FOXY_ADDED);
  });
});
