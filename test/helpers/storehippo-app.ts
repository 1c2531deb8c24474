/**
 * What the StoreHippo e2e files (test/e2e/storehippo-*.test.ts) share: the built app configured for
 * a StoreHippo store against the faithful local server (platforms.md 2), and the access key pasted
 * into its form. Each test starts its own app and server, closed after the file (servePlatformApp).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadedProducts, productCards } from './catalog-grid.ts';
import { useE2e, type E2e } from './e2e-fixture.ts';
import { openAppHome, servePlatformApp } from './platform-app.ts';
import type { StaticServer } from './static-server.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../platforms/storehippo/server.ts';

export const HIPPO_NAME = 'Hippo Demo';
/** Every demo key: none may reach web storage, a URL, the console or a request's address. */
export const HIPPO_SECRETS = Object.values(DEMO_KEYS);

export interface HippoEnv {
  app: StaticServer;
  hippo: StoreHippoStore;
}

/** `withOthers`: a second store in the list (a Shopware one, never called), as a deployment of several has. */
export async function startHippoApp(e2e: E2e, withOthers = false): Promise<HippoEnv> {
  const { app, store: hippo } = await servePlatformApp(e2e, {
    basePath: withOthers ? '/shops/several/' : '/shops/hippo/',
    startStore: (app) => startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] }),
    config: (hippo) => ({
      stores: [
        { id: 'hippo', kind: 'storehippo', name: HIPPO_NAME, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR', imageBase: hippo.imageBase, storefrontUrl: 'https://veg.example/' },
        ...(withOthers ? [{ id: 'sw', kind: 'shopware6' as const, name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration' as const], currency: 'EUR' }] : []),
      ],
    }),
  });
  return { app, hippo };
}

/**
 * Call at the top of the file: its fixture (useE2e), with `startEnv` (a StoreHippo app of the test's
 * own) and `openHome` (a fresh page on its stores list).
 */
export function useHippoApp() {
  const e2e = useE2e();
  return {
    startEnv: (withOthers = false) => startHippoApp(e2e, withOthers),
    openHome: (env: HippoEnv, width?: number) => openAppHome(e2e, env.app, width),
  };
}

/** Pastes `key` into the store's Access key field and presses its Connect. */
export async function pasteKey(page: Page, key: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(key);
  await page.getByRole('button', { name: `Connect ${HIPPO_NAME} with the access key` }).click();
}

/**
 * From the stores list: connects with `key`, browses the catalogue's first page, then the store
 * refuses the key (disabled in Advance Settings › Access Keys) as a search asks for products: the
 * reconnect banner shows. The caller enables the key again (`env.hippo.enableKey`) when done.
 */
export async function browseThenRefuseKey(page: Page, env: HippoEnv, key: string): Promise<void> {
  await pasteKey(page, key);
  await page.getByText(/^Connected · /).waitFor();
  await page.getByRole('link', { name: `Browse ${HIPPO_NAME}` }).click();
  await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
  env.hippo.disableKey(key);
  await page.getByRole('searchbox', { name: 'Search' }).fill('kettle');
  await page.getByRole('alert').filter({ hasText: `${HIPPO_NAME} no longer accepts the saved key` }).waitFor();
}

/**
 * From the stores list: connects with `key` and opens the catalogue's first product, its Manage
 * this product form shown (a key that may edit products: DEMO_KEYS.manager).
 */
export async function manageFirstProduct(page: Page, key: string): Promise<void> {
  await pasteKey(page, key);
  await page.getByText(/^Connected · /).waitFor();
  await page.getByRole('link', { name: `Browse ${HIPPO_NAME}` }).click();
  await productCards(page).first().getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Manage this product' }).waitFor();
}

export const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);
