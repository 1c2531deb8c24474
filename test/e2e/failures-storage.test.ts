/**
 * What the person sees when the browser keeps nothing, or keeps something damaged, in Chromium
 * against the demo store: no IndexedDB (missing or blocked), no storage at all, a damaged saved
 * session, a saved session config.json now sends to another server (security case 25), and a start
 * that failed because the saved sessions could not be read (Try again while offline). Each error
 * screen is photographed at 360 px (.test-artifacts/screenshots/failure-*.png) to be looked at.
 * The other failures-*.test.ts files: config.json, code that does not download, sign-in, the store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import {
  STORE_NAME,
  answerConsent,
  connectThroughConsent,
  deploymentHeaders,
  readOtherStorage,
  callbackParam,
  readSessionKeys,
} from '../helpers/e2e-app.ts';
import { CODE_STORE_NAME, holds, openFailurePage, useFailureScreens } from '../helpers/failure-screens.ts';

let page: Page;
let log: ConsoleLog;
/** Every redirect the store sent back to the app (the raw callback URLs, secrets included). */
let callbacks: string[];

const e2e = useE2e({ app: {} });
const { shoot, hash, productCards, storeRow, expectNoTechnicalLeak } = useFailureScreens(() => ({ page, log }));

/** A fresh phone-sized browser (360 px wide), optionally with a script run before the app's own. */
async function openApp(initScript?: string): Promise<void> {
  ({ page, console: log, callbacks } = await openFailurePage(e2e, initScript));
}

const notPersistentBanner = () => page.getByRole('status').filter({ hasText: 'not letting us store anything' });

describe('IndexedDB unavailable', () => {
  const scripts: Array<[string, string]> = [
    ['missing (undefined)', `Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });`],
    [
      'blocked (reading it throws)',
      `Object.defineProperty(window, 'indexedDB', { configurable: true, get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });`,
    ],
  ];

  it(`${scripts[0]![0]}: the app starts with the warning, signs in (client-side flow), browses, and a reload asks to reconnect`, async () => {
    await openApp(scripts[0]![1]);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await page.evaluate(() => typeof indexedDB)).toBe('undefined');
    await notPersistentBanner().waitFor();
    await shoot('no-indexeddb-home');

    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => productCards().count()).toBeGreaterThan(0);
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await expect.poll(hash).toBe('#/s/demo?q=mug');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /matching “mug”/ }).count()).toBe(1);
    await notPersistentBanner().waitFor();

    // The token lives in memory only; the pending sign-in left only a used marker behind.
    const token = callbackParam(callbacks[0]!, 'access_token');
    const state = callbackParam(callbacks[0]!, 'state');
    expect(token.length).toBeGreaterThan(10);
    const other = await readOtherStorage(page);
    expect(holds(other, token), 'token in web storage or cookies').toBe(false);
    expect(holds(other, '"returnTo"'), 'a pending sign-in left in web storage').toBe(false);
    expect(holds(page.url(), state), 'state in the URL').toBe(false);
    expect(holds(log.lines.join('\n'), token), 'token in the console').toBe(false);

    // A reload ends the in-memory session: same place, a Connect button, and the warning says why.
    await page.reload();
    await page.getByRole('heading', { name: `${STORE_NAME} is not connected` }).waitFor();
    expect(hash()).toBe('#/s/demo?q=mug');
    await notPersistentBanner().filter({ hasText: 'reconnect after a reload' }).waitFor();
    await shoot('no-indexeddb-after-reload');
    await page.getByRole('button', { name: `Connect ${STORE_NAME}` }).click();
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(hash).toBe('#/s/demo?q=mug');
    await expectNoTechnicalLeak();
  });

  it(`${scripts[1]![0]}: the app starts with the warning and signs in with the code flow; no verifier or token is left in web storage`, async () => {
    await openApp(scripts[1]![1]);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await notPersistentBanner().waitFor();
    const tokenRequests = e2e.env.store.stats().tokenRequests;
    await connectThroughConsent(page, CODE_STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => productCards().count()).toBeGreaterThan(0);
    expect(e2e.env.store.stats().tokenRequests).toBe(tokenRequests + 1);

    const code = callbackParam(callbacks[0]!, 'code');
    expect(code.length).toBeGreaterThan(10);
    const other = await readOtherStorage(page);
    expect(holds(other, code), 'code in web storage or cookies').toBe(false);
    expect(holds(other, 'code_verifier'), 'a code verifier left in web storage').toBe(false);
    expect(/access_token|refresh_token|accessToken|refreshToken/.test(other), 'a token in web storage').toBe(false);
    expect(holds(page.url(), 'code='), 'a code in the URL').toBe(false);
    await page.goto(`${e2e.env.app.url}#/`);
    await expect.poll(() => storeRow(CODE_STORE_NAME).getByText(/^Connected/).count()).toBe(1);
    await expectNoTechnicalLeak();
  });
});

/** Writes `value` under `key` in the app's IndexedDB key-value store, as a damaged record would be. */
async function writeVaultRecord(key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('storefront-connect');
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put(value, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error('write failed'));
        };
      }),
    { key, value },
  );
}

describe('no storage at all (IndexedDB and sessionStorage both blocked)', () => {
  it('says plainly that no store can be connected here; Connect is disabled rather than failing silently', async () => {
    const blocked = (name: string) =>
      `Object.defineProperty(window, '${name}', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });`;
    await openApp(blocked('indexedDB') + blocked('sessionStorage'));
    await page.getByText(/no store can be connected here/).waitFor();
    const connect = page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true });
    await connect.waitFor();
    expect(await connect.isDisabled()).toBe(true);
    expect(log.lines.filter((line) => line.startsWith('pageerror'))).toEqual([]);
    await shoot('no-storage-at-all');
  });
});

describe('a damaged saved session', () => {
  const damage: Array<[string, unknown]> = [
    ['not an object', 'garbage \u0000 \ud800'],
    ['tokens of the wrong shape', { v: 1, session: { storeId: 'demo', tokens: { accessToken: 42, tokenType: 'mac' } } }],
  ];
  for (const [label, garbage] of damage) {
    it(`(${label}) is discarded with a banner asking to reconnect; the other store stays connected`, async () => {
      await openApp();
      await connectThroughConsent(page, STORE_NAME);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      await page.goto(`${e2e.env.app.url}#/`);
      await connectThroughConsent(page, CODE_STORE_NAME);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      expect((await readSessionKeys(page)).sort()).toEqual(['session:demo', 'session:demo-code']);

      await writeVaultRecord('session:demo', garbage);
      await page.goto(`${e2e.env.app.url}#/`);
      await page.reload();
      const banner = page.getByRole('status').filter({ hasText: /was removed: it could not be read, or it was made for another address/ });
      await banner.waitFor();
      await expect.poll(() => banner.textContent()).toContain(STORE_NAME);
      await expect.poll(() => banner.textContent()).toContain('connect again');
      await expect.poll(() => storeRow(STORE_NAME).getByText(/^Not connected/).count()).toBe(1);
      await expect.poll(() => storeRow(CODE_STORE_NAME).getByText(/^Connected/).count()).toBe(1);
      expect(await readSessionKeys(page)).toEqual(['session:demo-code']);
      await shoot('discarded-session');
      await expectNoTechnicalLeak();

      // The app keeps working: the other store browses, and the damaged one connects again.
      await storeRow(CODE_STORE_NAME).getByRole('link', { name: /Browse/ }).click();
      await expect.poll(() => productCards().count()).toBeGreaterThan(0);
      await page.goto(`${e2e.env.app.url}#/`);
      await connectThroughConsent(page, STORE_NAME);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      expect((await readSessionKeys(page)).sort()).toEqual(['session:demo', 'session:demo-code']);
    });
  }
});

describe('a saved session whose store config.json now puts on another server (security case 25)', () => {
  afterEach(() => {
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores }));
    e2e.env.app.setHeaders(deploymentHeaders({ stores: e2e.env.stores }));
  });

  it('is discarded with the banner, and its token goes to no server, not even the same store under another name', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => productCards().count()).toBeGreaterThan(0);

    // The same demo store, reached as localhost rather than 127.0.0.1: another origin, which would
    // answer a request carrying the token (a moved apiBase, or a config.json someone changed).
    const moved = e2e.env.store.origin.replace('127.0.0.1', 'localhost');
    const stores = e2e.env.stores.map((s) => (s.id === 'demo' ? { ...s, apiBase: moved } : s));
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores }));
    e2e.env.app.setHeaders(deploymentHeaders({ stores })); // its CSP lets the page reach the new address
    await page.goto(`${e2e.env.app.url}#/`);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await page.waitForTimeout(300); // the catalogue's last requests, with the token, to where it was made for
    const signed: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['authorization']) signed.push(new URL(request.url()).origin);
    });
    await page.reload();
    const banner = page.getByRole('status').filter({ hasText: /was removed: it could not be read, or it was made for another address/ });
    await banner.waitFor();
    await expect.poll(() => banner.textContent()).toContain(STORE_NAME);
    await expect.poll(() => storeRow(STORE_NAME).getByText(/^Not connected/).count()).toBe(1);
    expect(await readSessionKeys(page)).toEqual([]);
    await page.goto(`${e2e.env.app.url}#/s/demo`);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.waitForTimeout(300); // a request the page would make on the store screen has left by now
    expect(signed).toEqual([]);
    await expectNoTechnicalLeak();
  });
});

describe('a start that failed (the saved sessions could not be read)', () => {
  it('Try again while the browser is offline stays in the app and says so, instead of the browser’s error page; back online it starts afresh', async () => {
    // IndexedDB opens and stores, but listing all it holds fails (as a damaged profile's may), until mended.
    await openApp(`if (!sessionStorage.getItem('mended')) {
      const listKeys = IDBObjectStore.prototype.getAllKeys;
      IDBObjectStore.prototype.getAllKeys = function (...range) {
        if (range.length === 0) throw new DOMException('broken', 'UnknownError');
        return listKeys.apply(this, range);
      };
    }`);
    const panel = page.getByRole('main').getByRole('alert').filter({ hasText: 'This browser cannot keep your session' });
    await panel.waitFor();
    expect(await page.title()).toBe('Could not start – Storefront Connect');
    await expectNoTechnicalLeak();
    const started = await page.evaluate(() => performance.timeOrigin);

    await page.context().setOffline(true);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await panel.getByText('This browser is still offline: try again once it is back online.').waitFor();
    await shoot('start-failed-still-offline');
    // The same page, not a reload (nor the browser's error page in its place).
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(started);
    expect(await page.title()).toBe('Could not start – Storefront Connect');

    await page.context().setOffline(false);
    await page.evaluate(() => sessionStorage.setItem('mended', 'yes'));
    await panel.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await page.evaluate(() => performance.timeOrigin)).not.toBe(started);
  });
});
