import type { Locator, Page } from 'playwright-core';
import { startDemoStore, type DemoStore, type DemoStoreOptions } from '../demo-store/server.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { join } from 'node:path';
import { BUILD_DIR, SCREENSHOT_DIR } from './paths.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../src/lib/config/types.ts';
import { appHeaders } from '../deploy/csp.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';

export const CLIENT_ID = 'storefront-connect-e2e';
export const STORE_NAME = 'Goodsie Demo Store';

export interface AppUnderTest {
  app: StaticServer;
  store: DemoStore;
  /** The stores written into the served config.json. */
  stores: GoodsieStoreConfig[];
  close(): Promise<void>;
}

export interface AppOptions {
  store?: Omit<DemoStoreOptions, 'port' | 'clients' | 'allowedOrigins'>;
  basePath?: string;
  /** What a first sign-in asks for (default: storefront only). */
  defaultScopes?: string[];
}

/**
 * The built app on a plain static server under a sub-path, as a CDN would serve it, with the
 * deployment's security headers, and a demo store on its own origin. config.json is written for
 * the store's random port at run time: the same build, configured by config.json alone.
 */
export async function startAppUnderTest(options: AppOptions = {}): Promise<AppUnderTest> {
  const app = await startStaticServer({ root: BUILD_DIR, basePath: options.basePath ?? '/shops/demo/' });
  const store = await startDemoStore({
    sendIssuer: true,
    ...options.store,
    port: 0,
    clients: [{ clientId: CLIENT_ID, name: 'Storefront Connect', redirectUris: [app.url] }],
    allowedOrigins: [app.origin],
  });
  const base = {
    kind: 'goodsie' as const,
    authorizationEndpoint: `${store.origin}/oauth2/authorize`,
    tokenEndpoint: `${store.origin}/oauth2/access_token`,
    apiBase: store.origin,
    clientId: CLIENT_ID,
    redirectUri: app.url,
    defaultScopes: options.defaultScopes ?? ['storefront'],
    // Both stores come back to the same page: each names its issuer, which the store always sends
    // (config validation insists).
    issuer: store.origin,
    authorizationResponseIssParameterSupported: true,
    revocationEndpoint: `${store.origin}/oauth2/revoke`,
  };
  const stores: GoodsieStoreConfig[] = [
    { ...base, id: 'demo', name: STORE_NAME, flow: 'token' },
    { ...base, id: 'demo-code', name: `${STORE_NAME} (PKCE)`, flow: 'code' },
  ];
  app.setOverride('config.json', JSON.stringify({ stores }));
  // The policy reads each named platform's profile (its picture hosts), loaded as the app loads it.
  await loadProfilesFor({ stores });
  app.setHeaders(deploymentHeaders({ stores }));
  return {
    app,
    store,
    stores,
    close: async () => {
      await Promise.all([app.close(), store.close()]);
    },
  };
}

/**
 * The headers a deployment ships (the same generator writes dist/_headers at build time), for a given
 * config.json, so every end-to-end test runs under exactly the shipped Content-Security-Policy.
 * `extraImageOrigins`: plain-http image hosts a test serves pictures from besides the stores.
 */
export function deploymentHeaders(config: AppConfig, extraImageOrigins: string[] = []): Record<string, string> {
  const headers = appHeaders(config);
  if (extraImageOrigins.length > 0) {
    const csp = headers['Content-Security-Policy']!;
    headers['Content-Security-Policy'] = csp.replace(/(^|; )img-src ([^;]*)/, `$1img-src $2 ${extraImageOrigins.join(' ')}`);
  }
  return headers;
}

/** Clicks Connect for a store on the home screen, then Allow (or Deny) on the store's consent page. */
export async function connectThroughConsent(
  page: Page,
  storeName: string,
  choice: 'Allow' | 'Deny' = 'Allow',
): Promise<void> {
  await page.getByRole('button', { name: `Connect ${storeName}`, exact: true }).click();
  await answerConsent(page, choice);
}

/** On the store's consent page: press Allow or Deny, and wait until the app has the answer. */
/** Opens the catalogue's New product form, types a product named `name` (at `price`, 24.5 unless said; 12 in stock) and presses Add product. */
export async function fillNewProduct(page: Page, name: string, price = '24.5'): Promise<void> {
  await page.getByRole('button', { name: 'New product' }).click();
  const adding = page.getByRole('form', { name: 'New product' });
  await adding.getByRole('textbox', { name: 'Name' }).fill(name);
  await adding.getByRole('textbox', { name: /^Price/ }).fill(price);
  await adding.getByRole('textbox', { name: 'Inventory' }).fill('12');
  await adding.getByRole('button', { name: 'Add product' }).click();
}

/** Where `locator` is drawn on the page (its box in CSS px); throws when it is not drawn. */
export async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on the page');
  return found;
}

/** What a field's aria-describedby says of it (its problem or its note), as a screen reader reads it with the field. */
export const fieldSays = (field: Locator) =>
  field.evaluate((input) => (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim());

/** From a connected store's screen: Orders, its Grant access, Allow on the store's page; back on Orders. */
export async function grantFromOrders(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Orders/ }).click();
  await page.getByRole('button', { name: /Grant access/ }).click();
  await answerConsent(page, 'Allow');
  await page.getByRole('heading', { name: 'Orders' }).waitFor();
}

export async function answerConsent(page: Page, choice: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
  await page.getByRole('button', { name: choice, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/oauth2/'));
}

/**
 * Records every redirect a server sends back to the app: the raw callback URLs, secrets included
 * (compare them as booleans so a failing assertion never prints one).
 */
export function recordCallbacks(page: Page, appUrl: string): string[] {
  const callbacks: string[] = [];
  page.on('response', (response) => {
    const location = response.headers()['location'];
    if (response.status() >= 300 && response.status() < 400 && location?.startsWith(appUrl)) callbacks.push(location);
  });
  return callbacks;
}

/** One parameter of a recorded callback, from its fragment (implicit) or its query (code). */
export function callbackParam(callback: string, name: string): string {
  const url = new URL(callback);
  return new URLSearchParams(url.hash.slice(1) || url.search.slice(1)).get(name) ?? '';
}

/** What the page keeps outside IndexedDB: none of it may hold a token. */
export async function readOtherStorage(page: Page): Promise<string> {
  const inPage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  const cookies = JSON.stringify(await page.context().cookies());
  return inPage + cookies;
}

/** The stores with a session in the app's IndexedDB vault (to assert what was, or was not, stored). */
export async function readSessionKeys(page: Page): Promise<string[]> {
  return (await readVaultKeys(page)).filter((key) => key.startsWith('session:'));
}

/** Every key of the app's IndexedDB key-value store. */
export async function readVaultKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('storefront-connect');
        request.onerror = () => reject(new Error('open failed'));
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('kv')) {
            db.close();
            resolve([]);
            return;
          }
          const keys = db.transaction('kv').objectStore('kv').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.map(String));
          };
          keys.onerror = () => reject(new Error('read failed'));
        };
      }),
  );
}

/**
 * A record of the app's vault as the app reads it: opened with the sealing key from the same
 * IndexedDB (script in the page can do this; the encryption protects against disk readers only).
 */
export async function readSealedRecord(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('storefront-connect');
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const store = open.result.transaction('kv').objectStore('kv');
          const sealingKey = store.get('sealing-key');
          const record = store.get(key);
          record.onsuccess = async () => {
            open.result.close();
            const sealed = record.result as { iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> } | undefined;
            if (!sealed) return resolve(undefined);
            const additionalData = new TextEncoder().encode(key);
            const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData }, sealingKey.result as CryptoKey, sealed.data);
            resolve(JSON.parse(new TextDecoder().decode(plain)));
          };
          record.onerror = () => reject(new Error('read failed'));
        };
      }),
    key,
  );
}

/** Every value of every IndexedDB database of the page's origin, as text (bytes as Latin-1), to search for secrets. */
export async function readAllIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: string[] = [];
    const asText = (value: unknown): string =>
      JSON.stringify(value, (_key, item: unknown) =>
        ArrayBuffer.isView(item) ? String.fromCharCode(...new Uint8Array(item.buffer, item.byteOffset, item.byteLength)) : item,
      );
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error('open failed'));
      });
      for (const storeName of db.objectStoreNames) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(storeName).objectStore(storeName).getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(new Error('read failed'));
        });
        dump.push(...values.map(asText));
      }
      db.close();
    }
    return dump.join('\n');
  });
}

/**
 * Presses a store's Forget key (or token, sign-in: `what`, the mode's short name; `button`: the stores
 * list's or the store bar's) and answers the question it asks first, in the button's words ("Forget the
 * key for <store>?"), with Forget key.
 */
export async function forgetCredentials(page: Page, storeName: string, what = 'key', button: Locator = page.getByRole('button', { name: `Forget ${what} of ${storeName}` })): Promise<void> {
  await button.click();
  const question = page.getByRole('alertdialog', { name: `Forget the ${what} for ${storeName}?` });
  await question.getByRole('button', { name: `Forget ${what}`, exact: true }).click();
  await question.waitFor({ state: 'detached' });
}

/** Whether the Goodsie demo store at `origin` still accepts `token` for its API (not revoked, not expired). */
export async function storeAccepts(origin: string, token: string): Promise<boolean> {
  const response = await fetch(`${origin}/api/v1/metadata`, { headers: { Authorization: `Bearer ${token}` } });
  return response.status === 200;
}

/** Screenshots of the page as it is, 360 and 1280 px wide (800 tall): `<name>-360.png`, `<name>-1280.png`. */
export async function photographAtWidths(page: Page, name: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`) });
  }
}
