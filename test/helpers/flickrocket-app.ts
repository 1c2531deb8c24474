/**
 * What the FlickRocket e2e files (test/e2e/flickrocket-*.test.ts) share: the built app configured for
 * a FlickRocket store against the faithful local server (platforms.md 3), its Connect, and connecting
 * through the consent page. It keeps no state of its own (the e2e files share one module graph): each
 * file calls useFlickRocketApp() once, which holds that file's shared app and the shops it started.
 */
import { afterEach, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { loadedProducts, loadedProductsReachable } from './catalog-grid.ts';
import { useE2e } from './e2e-fixture.ts';
import { openAppHome, servePlatformApp } from './platform-app.ts';
import type { StaticServer } from './static-server.ts';
import { startFlickRocketStore, type FlickRocketStore } from '../platforms/flickrocket/server.ts';

export const STORE = 'FlickRocket Test Shop';
const CLIENT_ID = 'StorefrontConnect.e2e.apps.flickrocket.com';

export interface Env {
  app: StaticServer;
  shop: FlickRocketStore;
}

export const connectButton = (page: Page) => page.getByRole('button', { name: `Connect ${STORE}`, exact: true });

/** From the stores list: Connect, Allow on the shop's consent page, and back on the app's catalogue of the shop. */
export async function connectAllowing(page: Page, app: StaticServer): Promise<void> {
  await connectButton(page).click();
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(app.url));
  await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
}

/**
 * Call at the top of the file: its fixture (useE2e) and, after each of its tests, the check that
 * none of the shops it started saw a token or code in a URL. `env()` is one app and shop for the
 * file (the tests say what state they leave); `startEnv` another of the test's own.
 */
export function useFlickRocketApp() {
  const e2e = useE2e();
  let shared: Env | undefined;
  /** Every shop this file started: after each test, none may have seen a token or code in a URL. */
  const shops: FlickRocketStore[] = [];

  afterEach(() => {
    // A refresh token (the redirect's code is one) or an access token in a query lands in server and
    // proxy logs: every token request carries its parameters in the form body, every API call the header.
    for (const shop of shops) {
      const leaked = shop.requests().flatMap((r) => (r.tokensInQuery.length > 0 ? [`${r.method} ${r.path}: ${r.tokensInQuery.join(', ')}`] : []));
      expect({ requestsWithTokensInQuery: shop.stats().requestsWithTokensInQuery, leaked }).toEqual({ requestsWithTokensInQuery: 0, leaked: [] });
    }
  });

  /** An app and a shop of `productCount` products (the shop's default: 150) under `basePath`. */
  async function startEnv(basePath: string, productCount?: number): Promise<Env> {
    const { app, store: shop } = await servePlatformApp(e2e, {
      basePath,
      startStore: (app) =>
        startFlickRocketStore({
          port: 0,
          hooksPort: null,
          ...(productCount !== undefined ? { productCount } : {}),
          clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] }],
          allowedOrigins: [app.origin],
          rateLimit: null,
        }),
      config: (shop, app) => ({
        stores: [
          {
            id: 'fr',
            kind: 'flickrocket',
            name: STORE,
            authorizationEndpoint: `${shop.origin}/oauth2/auth`,
            tokenEndpoint: `${shop.origin}/token`,
            apiBase: shop.origin,
            clientId: CLIENT_ID,
            redirectUri: app.url,
            defaultScopes: ['products'],
            currency: 'EUR',
            language: 'en',
          },
        ],
      }),
    });
    shops.push(shop);
    return { app, shop };
  }

  /** One app and shop for the file (the tests say what state they leave). */
  async function env(): Promise<Env> {
    shared ??= await startEnv('/shops/fr/');
    return shared;
  }

  async function openHome(width = 1280): Promise<Page> {
    return (await openAppHome(e2e, (await env()).app, width)).page;
  }

  /** Connect on the home screen, Allow on FlickRocket's consent page, back in the app. */
  async function connect(page: Page): Promise<void> {
    const { app } = await env();
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(app.url));
    // back where the person was going: the store's catalogue
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
  }

  async function openCatalogue(page: Page): Promise<void> {
    const { app } = await env();
    await page.goto(`${app.url}#/s/fr`);
    await expect.poll(() => loadedProductsReachable(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(24);
  }

  return { e2e, env, startEnv, openHome, connect, openCatalogue };
}
