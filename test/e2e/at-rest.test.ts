/**
 * Tokens at rest, in Chromium against the demo store: after signing in with both Goodsie flows
 * (implicit, and code + PKCE with a refresh token), no token appears in plaintext in any IndexedDB
 * value, in localStorage, sessionStorage or a cookie. The vault's records open with the app's own
 * key (which script in the page can use: the encryption is against disk readers, not page script).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newPage } from '../helpers/browser.ts';
import { fileChromium } from '../helpers/e2e-fixture.ts';
import {
  STORE_NAME,
  callbackParam,
  connectThroughConsent,
  readAllIndexedDb,
  readOtherStorage,
  readSealedRecord,
  recordCallbacks,
  startAppUnderTest,
  type AppUnderTest,
} from '../helpers/e2e-app.ts';

const CODE_STORE_NAME = `${STORE_NAME} (PKCE)`;

let browser: Browser;
let env: AppUnderTest;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  browser = await fileChromium();
  env = await startAppUnderTest({ defaultScopes: ['storefront', 'cart'] });
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});
afterEach(async () => {
  await context?.close();
});

/** Whether `haystack` holds `secret`, as a boolean (so a failure never prints the secret). */
const holds = (haystack: string, secret: string) => secret !== '' && haystack.includes(secret);

describe('tokens at rest', () => {
  it('after both Goodsie flows, no token is in plaintext in IndexedDB, web storage or cookies', async () => {
    ({ context, page } = await newPage(browser));
    const callbacks = recordCallbacks(page, env.app.url);
    /** Tokens the code flow's token endpoint handed out (kept here, never printed). */
    const issued: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().includes('/oauth2/access_token') || !response.ok()) return;
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      for (const field of ['access_token', 'refresh_token']) if (typeof body[field] === 'string') issued.push(body[field] as string);
    });

    await page.goto(env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${env.app.url}#/`);
    await connectThroughConsent(page, CODE_STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    const implicitToken = callbackParam(callbacks[0] ?? '', 'access_token');
    expect(implicitToken.length).toBeGreaterThan(10);
    await expect.poll(() => issued.length).toBe(2);
    const secrets = [implicitToken, ...issued];

    // The app kept them (its own key opens the records)...
    const implicitRecord = JSON.stringify(await readSealedRecord(page, 'session:demo'));
    const codeRecord = JSON.stringify(await readSealedRecord(page, 'session:demo-code'));
    expect(holds(implicitRecord, implicitToken)).toBe(true);
    expect(issued.every((token) => holds(codeRecord, token))).toBe(true);

    // ...but nowhere in the clear.
    const indexedDb = await readAllIndexedDb(page);
    const other = await readOtherStorage(page);
    expect(indexedDb.length).toBeGreaterThan(100);
    for (const secret of secrets) {
      expect(holds(indexedDb, secret), 'a token in plaintext in IndexedDB').toBe(false);
      expect(holds(other, secret), 'a token in localStorage, sessionStorage or a cookie').toBe(false);
    }

    // And a reload still finds both sessions.
    await page.goto(`${env.app.url}#/`);
    await page.reload();
    const row = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await expect.poll(() => row(STORE_NAME).getByText(/^Connected/).count()).toBe(1);
    await expect.poll(() => row(CODE_STORE_NAME).getByText(/^Connected/).count()).toBe(1);
  });
});
