/**
 * A person with several stores of different platforms connected at once (a Goodsie store by consent,
 * a Shopware 6 shop by integration key, a StoreHippo store by access key), moving between them: the
 * header names the store on screen and whose Sign out it is; a store that asks the app to slow down
 * is named in the banner while another store is on screen; and a store whose access ended is said
 * so on the stores list, beside the ones still connected, until it is connected again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { CLIENT_ID, STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { startDemoStore, type DemoStore } from '../demo-store/server.ts';
import { DEMO_INTEGRATIONS } from '../platforms/shopware/constants.ts';
import { startShopwareStore, type ShopwareStore } from '../platforms/shopware/server.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import { startStoreHippoStore, type StoreHippoStore } from '../platforms/storehippo/server.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

const e2e = useE2e();
const SHOP = 'Shopware Demo Shop';
const HIPPO = 'StoreHippo Demo Store';
const [BROWSE_ONLY] = DEMO_INTEGRATIONS as [(typeof DEMO_INTEGRATIONS)[0]];

interface Stores {
  goodsie: DemoStore;
  shop: ShopwareStore;
  hippo: StoreHippoStore;
  close(): Promise<void>;
}

/** The app with three stores of three platforms; the Goodsie store lets 3 calls through per 8 s a token. */
async function startEnv() {
  return servePlatformApp<Stores>(e2e, {
    basePath: '/shops/multi/',
    startStore: async (app) => {
      const goodsie = await startDemoStore({
        port: 0,
        sendIssuer: true,
        rateLimit: { requests: 3, windowMs: 8_000 },
        clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] }],
        allowedOrigins: [app.origin],
      });
      const shop = await startShopwareStore({ port: 0 });
      const hippo = await startStoreHippoStore({ port: 0, allowedOrigins: [app.origin] });
      return { goodsie, shop, hippo, close: async () => void (await Promise.all([goodsie.close(), shop.close(), hippo.close()])) };
    },
    config: ({ goodsie, shop, hippo }, app): AppConfig & { imageOrigins: string[] } => ({
      stores: [
        {
          id: 'demo', kind: 'goodsie', name: STORE_NAME, flow: 'token', clientId: CLIENT_ID, redirectUri: app.url, defaultScopes: ['storefront'],
          authorizationEndpoint: `${goodsie.origin}/oauth2/authorize`, tokenEndpoint: `${goodsie.origin}/oauth2/access_token`, apiBase: goodsie.origin,
          issuer: goodsie.origin, authorizationResponseIssParameterSupported: true,
        },
        { id: 'sw', kind: 'shopware6', name: SHOP, apiBase: shop.origin, auth: ['integration'], currency: 'EUR' },
        { id: 'hippo', kind: 'storehippo', name: HIPPO, apiBase: hippo.origin, apiVersion: '1.1', auth: ['access-key'], currency: 'INR', imageBase: hippo.imageBase },
      ],
      imageOrigins: [shop.mediaOrigin],
    }),
  });
}

/** The line a store's card on the stores list says of it. */
const statusOf = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, level: 2 }) }).locator('p.status');

/** What the header shows: the store chosen in its switcher, and the name of the store bar's button. */
async function header(page: Page): Promise<{ store: string; button: string }> {
  const banner = page.getByRole('banner');
  const store = await banner.getByRole('combobox', { name: 'Store' }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
  const button = await banner.getByRole('button').evaluate((b) => b.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  return { store, button };
}

describe('several stores of different platforms at once', () => {
  it('the header names the store on screen and whose Sign out it is; a wait is named for its store on another’s screen; an ended access is said on the stores list', async () => {
    const { app, store } = await startEnv();
    const { page } = await e2e.open();
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();

    // Shopware by integration key, StoreHippo by access key, from the stores list
    await page.getByRole('button', { name: `Connect ${SHOP}`, exact: true }).click();
    await page.getByLabel('Access key ID').fill(BROWSE_ONLY.accessKeyId);
    await page.getByLabel('Secret access key').fill(BROWSE_ONLY.secret);
    await page.getByRole('button', { name: `Connect ${SHOP} with the integration key` }).click();
    await statusOf(page, SHOP).filter({ hasText: /^Connected · / }).waitFor();
    await page.getByRole('button', { name: `Connect ${HIPPO}`, exact: true }).click();
    await page.getByRole('textbox', { name: 'Access key', exact: true }).fill(DEMO_KEYS.readOnly);
    await page.getByRole('button', { name: `Connect ${HIPPO} with the access key` }).click();
    await statusOf(page, HIPPO).filter({ hasText: /^Connected · / }).waitFor();

    // Goodsie by its consent page: back on its catalogue, whose first calls go past the store's limit
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const wait = page.getByRole('region', { name: 'Notices' }).getByRole('status').filter({ hasText: 'asked us to slow down' });
    await wait.waitFor();
    expect(await wait.textContent()).toMatch(/^\s*Goodsie Demo Store asked us to slow down\. Retrying in \d s/);
    // the header: the store on screen, and Sign out of that store (not of every store), by its name
    expect(await header(page)).toEqual({ store: STORE_NAME, button: `Sign out of ${STORE_NAME}` });
    expect(await page.getByRole('banner').getByRole('button', { name: `Sign out of ${STORE_NAME}`, exact: true }).isVisible()).toBe(true);

    // Shopware chosen while Goodsie's calls still wait: the banner says whose wait it is
    await page.getByRole('banner').getByRole('combobox', { name: 'Store' }).selectOption({ label: SHOP });
    await page.getByRole('heading', { name: SHOP, level: 1 }).waitFor();
    expect(await header(page)).toEqual({ store: SHOP, button: `Forget key for ${SHOP}` });
    expect(await wait.textContent()).toMatch(/^\s*Goodsie Demo Store asked us to slow down\./);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-store-wait-named.png` });
    await wait.waitFor({ state: 'detached', timeout: 20_000 });

    // A search typed, and another store chosen before its pause is over: that store stays on screen
    // (the search once went into the address after the switch, and took the person back)
    await page.getByRole('searchbox', { name: 'Search' }).fill('kale');
    await page.getByRole('banner').getByRole('combobox', { name: 'Store' }).selectOption({ label: HIPPO });
    await page.getByRole('heading', { name: HIPPO, level: 1 }).waitFor();
    await page.waitForTimeout(600);
    expect(new URL(page.url()).hash).toBe('#/s/hippo');
    expect(await header(page)).toEqual({ store: HIPPO, button: `Forget key for ${HIPPO}` });
    // Back: the store before, and its header
    await page.goBack();
    await page.getByRole('heading', { name: SHOP, level: 1 }).waitFor();
    expect(await header(page)).toEqual({ store: SHOP, button: `Forget key for ${SHOP}` });
    await page.goForward();
    await page.getByRole('heading', { name: HIPPO, level: 1 }).waitFor();
    await page.locator('main ul > li article').first().waitFor();

    // StoreHippo disables the key while its catalogue is on screen: access ended, said there
    store.hippo.disableKey(DEMO_KEYS.readOnly);
    await page.getByRole('searchbox', { name: 'Search' }).fill('kettle');
    await page.getByRole('alert').filter({ hasText: `${HIPPO} no longer accepts the saved key` }).waitFor();
    // the store switcher says so of that store too (as the stores list does), not of the others
    const switcher = page.getByRole('banner').getByRole('combobox', { name: 'Store' });
    await expect.poll(() => switcher.locator('option').allTextContents()).toEqual([STORE_NAME, SHOP, `${HIPPO} · access ended`]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-store-switcher-access-ended.png` });

    // the stores list says so of that store, not "Connected" in the connected colour, beside the others
    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await statusOf(page, HIPPO).filter({ hasText: /^Access ended · Browse to connect again$/ }).waitFor();
    await statusOf(page, SHOP).filter({ hasText: /^Connected · can browse products/ }).waitFor();
    await statusOf(page, STORE_NAME).filter({ hasText: /^Connected · can browse products$/ }).waitFor();
    const colour = (name: string) => statusOf(page, name).evaluate((p) => getComputedStyle(p).color);
    expect(await colour(HIPPO)).not.toBe(await colour(SHOP));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-store-access-ended.png`, fullPage: true });

    // Browse, and the key entered again there: the list says Connected again
    store.hippo.enableKey(DEMO_KEYS.readOnly);
    await page.getByRole('link', { name: `Browse ${HIPPO}` }).click();
    const again = page.getByRole('alert').filter({ hasText: `${HIPPO} no longer accepts the saved key` });
    await again.getByRole('textbox', { name: 'Access key', exact: true }).fill(DEMO_KEYS.readOnly);
    await again.getByRole('button', { name: /^Connect again/ }).click();
    await again.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await statusOf(page, HIPPO).filter({ hasText: /^Connected · can browse products/ }).waitFor();
    expect(await colour(HIPPO)).toBe(await colour(SHOP));
  });
});
