/**
 * The built app for the Shopware demo shop alone (store `sw`, integration keys, EUR) against the
 * faithful server, as the Shopware variants e2e files (test/e2e/shopware-variants-*.test.ts) start
 * it: both closed after the file (servePlatformApp), and a fresh page on the home screen.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppConfig } from '../../src/lib/config/types.ts';
import type { E2e } from './e2e-fixture.ts';
import { openAppHome, servePlatformApp } from './platform-app.ts';
import type { StaticServer } from './static-server.ts';
import { productCards } from './catalog-grid.ts';
import { startShopwareStore, type ShopwareStore } from '../platforms/shopware/server.ts';

export const SHOPWARE_DEMO = 'Shopware Demo Shop';

/** The app and shop of the test's own, and a page `width` px wide on the stores list; the store connects with the modes `auth`. */
export async function serveShopwareDemo(e2e: E2e, width = 360, auth: ('integration' | 'password')[] = ['integration']): Promise<{ app: StaticServer; shop: ShopwareStore; page: Page }> {
  const { app, store: shop } = await servePlatformApp(e2e, {
    basePath: '/shops/demo/',
    startStore: () => startShopwareStore({ port: 0 }),
    config: (shop): AppConfig & { imageOrigins: string[] } => ({
      stores: [{ id: 'sw', kind: 'shopware6', name: SHOPWARE_DEMO, apiBase: shop.origin, auth, currency: 'EUR' }],
      imageOrigins: [shop.mediaOrigin],
    }),
  });
  const { page } = await openAppHome(e2e, app, width);
  return { app, shop, page };
}

/** On the stores list: an integration's key pasted and connected. */
export async function connectWithKey(page: Page, who: { accessKeyId: string; secret: string }): Promise<void> {
  await page.getByLabel('Access key ID').fill(who.accessKeyId);
  await page.getByLabel('Secret access key').fill(who.secret);
  await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
  await page.getByText(/^Connected · /).waitFor();
}

/** The product named `name` found by the catalogue's search and opened, its editor shown. */
export async function openShopwareProduct(page: Page, appUrl: string, name: string): Promise<void> {
  await page.goto(`${appUrl}#/s/sw`);
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect.poll(async () => (await productCards(page).allInnerTexts()).join('|')).toMatch(new RegExp(`^[^|]*${name}[^|]*$`));
  await productCards(page).first().getByRole('link').first().click();
  await page.getByRole('form', { name: 'Edit product' }).waitFor();
}
