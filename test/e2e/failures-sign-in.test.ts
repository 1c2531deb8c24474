/**
 * What the person sees when signing in, or staying signed in, goes wrong, in Chromium against the
 * demo store: a network failure during the code exchange, a token endpoint whose answer the app may
 * not read (CORS), Connect while the browser is offline, and an access token that ends with no
 * refresh token. Each error screen is photographed at 360 px (.test-artifacts/screenshots/failure-*.png)
 * to be looked at. The other failures-*.test.ts files: storage, config.json, code that does not
 * download, the store.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent, callbackParam, readSessionKeys } from '../helpers/e2e-app.ts';
import { CODE_STORE_NAME, failurePartsFetched, holds, openFailurePage, useFailureScreens } from '../helpers/failure-screens.ts';

let page: Page;
let log: ConsoleLog;
/** Every redirect the store sent back to the app (the raw callback URLs, secrets included). */
let callbacks: string[];

const e2e = useE2e({ app: {} });
const { shoot, hash, productCards, storeRow, expectNoTechnicalLeak } = useFailureScreens(() => ({ page, log }));

/** A fresh phone-sized browser (360 px wide) on the app. */
async function openApp(): Promise<void> {
  ({ page, console: log, callbacks } = await openFailurePage(e2e));
}

describe('a network failure during the code exchange', () => {
  it('shows a clear message whose retry starts a fresh sign-in; the same code is never sent twice', async () => {
    await openApp();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    /** The code of every token request the page made (kept here, never printed). */
    const codesSent: string[] = [];
    let aborted = 0;
    await page.route(`${e2e.env.store.origin}/oauth2/access_token`, async (route) => {
      const request: Request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const code = new URLSearchParams(request.postData() ?? '').get('code');
      if (code !== null) codesSent.push(code);
      if (code !== null && aborted === 0) {
        aborted++;
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    const tokenRequests = e2e.env.store.stats().tokenRequests;

    await connectThroughConsent(page, CODE_STORE_NAME);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'The store could not be reached' }).waitFor();
    await expect.poll(() => alert.textContent()).toMatch(/network problem/i);
    expect(holds(page.url(), 'code='), 'a code in the URL').toBe(false);
    expect(await readSessionKeys(page)).toEqual([]);
    expect(codesSent).toHaveLength(1);
    expect(e2e.env.store.stats().tokenRequests).toBe(tokenRequests); // the aborted request never arrived
    await shoot('code-exchange-network-error');
    await expectNoTechnicalLeak();
    await alert.getByRole('button', { name: 'Try again' }).click();

    // "Try again" is a fresh sign-in: a new consent, a new state, a new code.
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(codesSent).toHaveLength(2);
    expect(new Set(codesSent).size).toBe(2);
    expect(callbacks).toHaveLength(2);
    expect(callbackParam(callbacks[1]!, 'state')).not.toBe(callbackParam(callbacks[0]!, 'state'));
    expect(e2e.env.store.stats().tokenRequests).toBe(tokenRequests + 1);
    expect(await readSessionKeys(page)).toEqual(['session:demo-code']);

    // Neither a reload nor replaying the first callback sends its code again; the replay, with the
    // store connected, is no error: the person lands on the store.
    await page.reload();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(callbacks[0]!);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(holds(page.url(), 'code='), 'a code in the URL').toBe(false);
    expect(codesSent).toHaveLength(2);
    expect(e2e.env.store.stats().tokenRequests).toBe(tokenRequests + 1);
  });
});

describe('a token endpoint that does not let this app read its answer (CORS)', () => {
  it('the code exchange says the store may not be letting the app read its answer, not to wait until back online; the focus on the words; Try again is a fresh sign-in', async () => {
    await openApp();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    let refused = 0;
    // A proxy that strips the CORS headers: the store answers, the browser keeps the answer from the page.
    await page.route(`${e2e.env.store.origin}/oauth2/access_token`, async (route) => {
      if (refused > 0) return route.continue();
      refused++;
      // (Playwright adds an Access-Control-Allow-Origin for this page unless told another origin.)
      return route.fulfill({ status: 200, contentType: 'application/json', body: '{}', headers: { 'Access-Control-Allow-Origin': 'https://elsewhere.example' } });
    });
    await connectThroughConsent(page, CODE_STORE_NAME);
    const alert = page.getByRole('alert');
    const heading = alert.getByRole('heading', { name: 'The store could not be reached' });
    await heading.waitFor();
    await expect.poll(() => alert.textContent()).toMatch(/not letting this app read its answer \(CORS\)/);
    expect(await alert.textContent()).not.toMatch(/back online/);
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await readSessionKeys(page)).toEqual([]);
    await shoot('code-exchange-cors');
    await expectNoTechnicalLeak();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(refused).toBe(1);
  });
});

describe('Connect while the browser is offline', () => {
  it('stays in the app and says so, instead of the browser’s error page; back online, Connect goes to the store', async () => {
    await openApp();
    const connect = (name: string) => page.getByRole('button', { name: `Connect ${name}`, exact: true });
    await connect(STORE_NAME).waitFor();
    const home = page.url();
    const started = await page.evaluate(() => performance.timeOrigin);
    await page.context().setOffline(true);
    await connect(STORE_NAME).click();
    // A first visit: the banners' code (with the store screens') is not in yet and cannot come, so
    // the place they would be says that instead, and that the browser is offline; the app stays.
    const unavailable = page.getByRole('alert').filter({ hasText: 'Part of this app could not be loaded' });
    await unavailable.getByText('This browser is offline: try again once it is back online.').waitFor();
    expect(page.url()).toBe(home);
    expect(callbacks).toEqual([]);
    await shoot('connect-offline-first-visit');
    await expectNoTechnicalLeak();

    // Back online, the words follow (no 'offline' left to read as stale), and Try again is offered
    // plainly; the page is not reloaded by itself.
    await page.context().setOffline(false);
    await unavailable.getByText('Part of this app could not be loaded. Check your connection, then try again.').waitFor();
    expect(await unavailable.getByText(/offline/).count()).toBe(0);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(started);
    await shoot('connect-offline-first-visit-back-online');
    await unavailable.getByRole('button', { name: 'Try again' }).click();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    // With the store screens' code in (a store connected, its banners' code fetched as its first
    // cards were drawn: on a loaded machine that download can still be under way a moment later,
    // when the network went in the middle of it, and the stores list could only say "Part of this
    // app could not be loaded"), the banner says what happened.
    await expect.poll(() => failurePartsFetched(page)).toBe(true);
    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await connect(CODE_STORE_NAME).waitFor();
    const stores = page.url();
    await page.context().setOffline(true);
    await connect(CODE_STORE_NAME).click();
    const failure = page.getByRole('alert').filter({ hasText: `Could not start signing in to ${CODE_STORE_NAME}` });
    await failure.getByText('This browser is offline, so the store’s sign-in page could not open. Connect again once you are back online.').waitFor();
    expect(page.url()).toBe(stores);
    await shoot('connect-offline');
    await expectNoTechnicalLeak();
    await page.context().setOffline(false);
    await failure.getByRole('button', { name: 'Dismiss' }).click();
    await connectThroughConsent(page, CODE_STORE_NAME);
    // (the heading takes the store's own name, the same for both entries, once its metadata is in)
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${e2e.env.app.url}#/`);
    await expect.poll(() => storeRow(CODE_STORE_NAME).getByText(/^Connected/).count()).toBe(1);
  });
});

describe('an access token that ends with no refresh token (client-side flow)', () => {
  it('shows the reconnect banner, keeps the place, and reconnecting returns to it', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await expect.poll(hash).toBe('#/s/demo?q=mug');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /matching “mug”/ }).count()).toBe(1);

    e2e.env.store.revokeAllTokens();
    const tokenRequests = e2e.env.store.stats().tokenRequests;
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('price');
    const banner = page.getByRole('alert').filter({ hasText: `Your access to ${STORE_NAME} has ended` });
    await banner.waitFor();
    expect(hash()).toBe('#/s/demo?q=mug&sort=price');
    // One alert with one Reconnect button: the catalogue points at the banner instead of repeating it.
    await page.getByText('Reconnect with the button above to carry on.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Reconnect' }).count()).toBe(1);
    expect(e2e.env.store.stats().tokenRequests).toBe(tokenRequests); // nothing to refresh with
    expect(await readSessionKeys(page)).toEqual([]);
    await shoot('access-ended');
    await expectNoTechnicalLeak();

    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(hash).toBe('#/s/demo?q=mug&sort=price');
    await expect.poll(() => productCards().count()).toBeGreaterThan(0);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
