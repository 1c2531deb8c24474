/**
 * Many tabs at once, in Chromium against the demo store: five tabs of the same signed-in app reload
 * at the same moment, and every one of them keeps IndexedDB and the sessions in it. (The start-up
 * storage check once shared one probe key between tabs; the tabs that lost the race fell back to
 * memory-only storage, with no session and the "not letting us store anything" warning.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newPage } from '../helpers/browser.ts';
import { fileChromium } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, startAppUnderTest, type AppUnderTest } from '../helpers/e2e-app.ts';

const CODE_STORE_NAME = `${STORE_NAME} (PKCE)`;
const TABS = 5;
const ROUNDS = 3;

let browser: Browser;
let env: AppUnderTest;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await fileChromium();
  env = await startAppUnderTest();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});
afterEach(async () => {
  await context?.close();
});

const storeRow = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** What one tab shows once its home screen is up: each store's connection line, and the storage warning. */
async function tabState(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
  await storeRow(page, CODE_STORE_NAME).getByText(/^(Connected|Not connected)/).waitFor();
  const implicit = await storeRow(page, STORE_NAME).getByText(/^(Connected|Not connected)/).textContent();
  const code = await storeRow(page, CODE_STORE_NAME).getByText(/^(Connected|Not connected)/).textContent();
  const warned = await page.getByRole('status').filter({ hasText: 'not letting us store anything' }).count();
  return `${implicit?.startsWith('Connected') ? 'connected' : 'NOT connected'} / ${code?.startsWith('Connected') ? 'connected' : 'NOT connected'}${warned ? ' / memory only' : ''}`;
}

describe('five tabs reloading at the same moment', () => {
  it('all keep their sessions (both Goodsie flows), round after round', async () => {
    let first: Page;
    ({ context, page: first } = await newPage(browser));
    await first.goto(env.app.url);
    await connectThroughConsent(first, STORE_NAME);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await first.goto(`${env.app.url}#/`);
    await connectThroughConsent(first, CODE_STORE_NAME);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await first.goto(`${env.app.url}#/`);

    const tabs = [first];
    for (let i = 1; i < TABS; i++) {
      const tab = await context.newPage();
      await tab.goto(`${env.app.url}#/`);
      tabs.push(tab);
    }
    const expected = Array.from({ length: TABS }, () => 'connected / connected');
    expect(await Promise.all(tabs.map(tabState))).toEqual(expected);

    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(tabs.map((tab) => tab.reload()));
      expect(await Promise.all(tabs.map(tabState)), `round ${round + 1}`).toEqual(expected);
    }
  });
});
