/**
 * A merchant connected to a StoreHippo or a Foxy store looks for where to add a product, in the built
 * app against the faithful local servers. Neither platform's contract gives this app a way to add
 * one (platforms.md 2.2: StoreHippo's exchanges list, read and edit; 5.3-5.4: Foxy keeps no product
 * records). Regression: the catalogue had no New product button (Goodsie's) and said nothing, so the
 * merchant was left to look for one. It now says where products are added, once, where that button
 * is on Goodsie, above the search; not again on a product's page. Screenshots at 360 and 1280 px.
 * Shopware 6 and FlickRocket stores do add products, where this app does not (platforms.md 4.4, 3.4):
 * a connection that may edit products there is told where, the same way.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { productCards } from '../helpers/catalog-grid.ts';
import { STORE as FLICKROCKET_NAME, useFlickRocketApp } from '../helpers/flickrocket-app.ts';
import { connectedFoxy, FOXY_NAME } from '../helpers/foxy-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { openAppHome } from '../helpers/platform-app.ts';
import { HIPPO_NAME, pasteKey, startHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { connectWithKey, serveShopwareDemo, SHOPWARE_DEMO } from '../helpers/shopware-app.ts';
import { DEMO_INTEGRATIONS, DEMO_USERS } from '../platforms/shopware/constants.ts';

// The FlickRocket app's fixture (its shops checked for tokens in URLs after each test) is the file's.
const flickRocket = useFlickRocketApp();
const e2e = flickRocket.e2e;
const HIPPO_ADDED = 'New products are added in StoreHippo’s own admin, under Products.';
const SHOPWARE_ADDED = 'New products are added in the Shopware Administration, under Catalogues › Products.';
const FLICKROCKET_ADDED = 'New products are added in FlickRocket Admin, under Products › Manage Products.';
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

// Regression: Shopware 6 and FlickRocket stores add products (product:create, the products scope:
// platforms.md 4.4, 3.4), this app only edits them, and their catalogues said nothing of where.
describe('Catalogues of a connection that may edit products, on platforms whose stores add them: where they are added', () => {
  it('Shopware 6, an administrator integration: said once above the search, in the Administration', async () => {
    const { page } = await serveShopwareDemo(e2e, 360);
    const admin = DEMO_INTEGRATIONS.find((i) => i.admin);
    if (!admin) throw new Error('no administrator integration in the demo shop');
    await connectWithKey(page, admin);
    await page.getByRole('link', { name: `Browse ${SHOPWARE_DEMO}` }).click();
    await saysOnceAboveSearch(page, SHOPWARE_ADDED, 'shopware');
    await notOnProductPage(page, SHOPWARE_ADDED);
  });

  it('Shopware 6, a sign-in whose role may not edit products: not said (it may not add products there either)', async () => {
    const { page } = await serveShopwareDemo(e2e, 360, ['password']);
    const viewer = DEMO_USERS.find((u) => !u.admin);
    if (!viewer) throw new Error('no viewer in the demo shop');
    await page.getByLabel('Username').fill(viewer.username);
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByRole('button', { name: /with the administration sign-in$/ }).click();
    await page.getByText(/^Connected · can browse products; not allowed .*to edit products/).waitFor();
    await page.getByRole('link', { name: `Browse ${SHOPWARE_DEMO}` }).click();
    await expect.poll(() => productCards(page).count()).toBeGreaterThan(0);
    expect(await page.getByText(/New products are added/).count()).toBe(0);
  });

  it('FlickRocket, with the products scope: said once above the search, in FlickRocket Admin', async () => {
    // connected at 1280 px (its helper waits for a wide page's first products), looked at from 360 px
    const page = await flickRocket.openHome(1280);
    await flickRocket.connect(page);
    await page.getByRole('heading', { name: FLICKROCKET_NAME, level: 1 }).waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    await saysOnceAboveSearch(page, FLICKROCKET_ADDED, 'flickrocket');
    await notOnProductPage(page, FLICKROCKET_ADDED);
  });
});
