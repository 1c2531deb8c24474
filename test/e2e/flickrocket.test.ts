/**
 * FlickRocket end to end (issue 13): the built app, configured by config.json alone, against the
 * faithful FlickRocket server (test/platforms/flickrocket). One browser and one store for the file;
 * the tests run in order and share the connected session where they say so.
 */
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPage } from '../helpers/browser.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import { deploymentHeaders, readOtherStorage, recordCallbacks } from '../helpers/e2e-app.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../platforms/flickrocket/server.ts';
import type { FlickRocketStoreConfig } from '../../src/lib/connect/store-config.ts';

const CLIENT_ID = 'storefront-connect-fr-e2e';
const NAME = 'FlickRocket Test Shop';
const SCREENSHOTS = join(process.cwd(), '.test-artifacts', 'screenshots');

let browser: Browser;
let app: StaticServer;
let store: FlickRocketStore;
let context: BrowserContext;
let page: Page;
/** The consent page's redirect back to the app (holds the spent code). */
let firstCallback = '';

beforeAll(async () => {
  app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/fr/' });
  store = await startFlickRocketStore({
    port: 0,
    hooksPort: null,
    clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] }],
    allowedOrigins: [app.origin],
    rateLimit: null,
  });
  const entry: FlickRocketStoreConfig = {
    id: 'fr',
    kind: 'flickrocket',
    name: NAME,
    authorizationEndpoint: `${store.origin}/oauth2/auth`,
    tokenEndpoint: `${store.origin}/token`,
    apiBase: store.origin,
    clientId: CLIENT_ID,
    redirectUri: app.url,
    defaultScopes: ['products', 'orders'],
    currency: 'EUR',
    language: 'en',
  };
  app.setOverride('config.json', JSON.stringify({ stores: [entry] }));
  app.setHeaders(deploymentHeaders({ stores: [entry] }));
  browser = await launchChromium();
  ({ page, context } = await newPage(browser));
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), store?.close()]);
});

const connectButton = (p: Page) => p.getByRole('button', { name: `Connect ${NAME}`, exact: true });
const productCards = (p: Page) => p.locator('main a[href*="/product/"]');

async function openCatalogue(p: Page): Promise<void> {
  await p.goto(`${app.url}#/s/fr`);
  await expect.poll(() => productCards(p).count(), { timeout: 25_000 }).toBeGreaterThan(0);
}

describe('FlickRocket', () => {
  it('refuses before consent when the token endpoint does not allow CORS, and spends nothing', async () => {
    store.setCors('none');
    store.clearRequests();
    try {
      await page.goto(app.url);
      await connectButton(page).click();
      await expect.poll(() => page.getByText(/Could not start signing in/).count(), { timeout: 10_000 }).toBe(1);
      expect(new URL(page.url()).origin).toBe(app.origin);
      expect(store.requests().some((r) => r.path.startsWith('/oauth2/'))).toBe(false);
      expect(store.stats().maxTokenRequestsPerRefreshToken).toBe(0);
    } finally {
      store.setCors('allow');
    }
  });

  it('says so when the merchant denies on the consent page', async () => {
    await page.goto(app.url);
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.waitForURL((url) => url.origin === app.origin);
    await expect.poll(() => page.getByText(/You declined access/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('connects through the consent page, scrubs the code, browses, searches, opens a product and survives a reload', async () => {
    const callbacks = recordCallbacks(page, app.url);
    await page.goto(app.url);
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.origin === app.origin);
    expect(callbacks.length).toBe(1);
    firstCallback = callbacks[0]!;
    const code = new URL(firstCallback).searchParams.get('code') ?? '';
    expect(code.length > 0).toBe(true);
    await expect.poll(() => page.url().includes('code=') || page.url().includes('companyid'), { timeout: 5_000 }).toBe(false);
    expect((await readOtherStorage(page)).includes(code)).toBe(false);
    await expect.poll(() => store.tokenRequestsFor(code), { timeout: 10_000 }).toBe(1);

    await openCatalogue(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'flickrocket-catalogue-1280.png') });
    // Search loads nothing new from the server: every page was loaded once and is searched here.
    const before = store.stats().apiRequests;
    await page.getByRole('searchbox').fill('zzzz-no-such-product');
    await expect.poll(() => productCards(page).count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('searchbox').fill('');
    await expect.poll(() => productCards(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(store.stats().apiRequests).toBe(before);

    await productCards(page).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // FlickRocket has no cart: no lock asking for a scope the platform does not have.
    expect(await page.getByRole('button', { name: 'Grant access' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'flickrocket-product-1280.png') });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, 'flickrocket-product-360.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(store.stats().maxTokenRequestsPerRefreshToken).toBe(1);
  });

  it('a replayed callback URL spends nothing; a callback with no pending sign-in is refused with a message', async () => {
    const tokenRequestsBefore = store.stats().tokenRequests;
    // Replayed while connected: the house goes on quietly to the catalogue (App.svelte), sending nothing.
    await page.goto(firstCallback);
    await expect.poll(() => productCards(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(page.url().includes('code=')).toBe(false);
    expect(store.stats().tokenRequests).toBe(tokenRequestsBefore);
    // A fresh browser profile has no pending sign-in: the code is never exchanged.
    const other = await newPage(browser);
    try {
      await other.page.goto(firstCallback);
      await expect.poll(() => other.page.getByText(/not started here/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(other.page.url().includes('code=')).toBe(false);
      expect(store.stats().tokenRequests).toBe(tokenRequestsBefore);
    } finally {
      await other.context.close();
    }
  });

  it('access token expiry with 5 tabs: one token request per refresh token, every tab keeps browsing', async () => {
    const tabs: Page[] = [page];
    for (let i = 1; i < 5; i++) tabs.push(await context.newPage());
    for (const tab of tabs) await openCatalogue(tab);
    const tokenRequestsBefore = store.stats().tokenRequests;
    store.expireAccessTokens();
    await Promise.all(tabs.map((tab) => tab.reload()));
    await Promise.all(tabs.map((tab) => expect.poll(() => productCards(tab).count(), { timeout: 20_000 }).toBeGreaterThan(0)));
    expect(store.stats().tokenRequests - tokenRequestsBefore).toBe(1);
    expect(store.stats().maxTokenRequestsPerRefreshToken).toBe(1);
    await Promise.all(tabs.slice(1).map((tab) => tab.close()));
  });

  it('the network drops during a renewal: the session survives and the next renewal uses the same refresh token', async () => {
    let blocked = 0;
    await page.route(`${store.origin}/token**`, async (route) => {
      blocked++;
      await route.abort('internetdisconnected');
    });
    const tokenRequestsBefore = store.stats().tokenRequests;
    store.expireAccessTokens();
    await page.reload();
    await expect.poll(() => blocked, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('The store could not be reached').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(store.stats().tokenRequests).toBe(tokenRequestsBefore);
    await page.unroute(`${store.origin}/token**`);
    await openCatalogue(page);
    expect(store.stats().tokenRequests - tokenRequestsBefore).toBe(1);
    expect(store.stats().maxTokenRequestsPerRefreshToken).toBe(1);
  });

  it('invalid_grant ends the session with the guide’s recovery steps', async () => {
    store.revokeAll();
    await page.reload();
    await expect.poll(() => page.getByText(/Remove this app’s permission/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'flickrocket-ended-1280.png') });
  });
});
