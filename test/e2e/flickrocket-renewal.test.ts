/**
 * A FlickRocket connection at expiry, against the faithful local FlickRocket server (platforms.md 3):
 * five tabs renew with one token request per refresh token; a renewal lost to the network keeps the
 * refresh token; invalid_grant ends the session with the guide's recovery steps and Reconnect connects
 * again; a renewal granting less locks Orders in the renewing tab without asking for them, and in the
 * other tab within 2 s; closing the tab while a renewal spends the (rotating) refresh token asks
 * first. The tour of the app: flickrocket-app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { reloadAtExpiry } from '../helpers/quiet-tabs.ts';
import { loadedProducts, loadedProductsReachable, productCards, unreachablePanel, waitingLine } from '../helpers/catalog-grid.ts';
import { readSessionKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { stampOf, watchShown } from '../helpers/page-stamps.ts';
import { STORE, useFlickRocketApp } from '../helpers/flickrocket-app.ts';

const { env, openHome, connect, openCatalogue } = useFlickRocketApp();
const cards = productCards;

describe('FlickRocket in the app', () => {
  it('five tabs at expiry: one token request per refresh token; a renewal lost to the network keeps the refresh token; invalid_grant ends the session with the recovery steps and Reconnect', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    await connect(page);
    const tabs: Page[] = [page];
    for (let i = 0; i < 4; i++) tabs.push(await page.context().newPage());
    for (const tab of tabs) await openCatalogue(tab);
    const before = shop.stats().tokenRequests;
    // (the pages load again once none is open: quiet-tabs.ts says why)
    await reloadAtExpiry(tabs, () => shop.expireAccessTokens());
    // (generous: five tabs reloading together on a loaded 2-core machine)
    for (const tab of tabs) await expect.poll(() => loadedProductsReachable(tab), { timeout: 40_000 }).toBeGreaterThanOrEqual(24);
    expect(shop.stats().tokenRequests - before).toBe(1);
    expect(shop.stats().maxTokenRequestsPerRefreshToken).toBe(1);
    for (const tab of tabs.slice(1)) await tab.close();

    // the network drops during a renewal: the session stays, and the next renewal (same refresh token) works
    let blocked = 0;
    await page.route(`${shop.origin}/token**`, async (route) => {
      blocked++;
      await route.abort('internetdisconnected');
    });
    const beforeDrop = shop.stats().tokenRequests;
    shop.expireAccessTokens();
    await page.reload();
    await expect.poll(() => blocked, { timeout: 15_000 }).toBeGreaterThan(0);
    await waitingLine(page).waitFor();
    // as for Goodsie: the banner says the connection is kept, and the renewal is retried
    const cantReach = page.getByRole('status').filter({ hasText: `Can’t reach ${STORE} right now. You are still connected` });
    await cantReach.waitFor();
    expect(await page.getByText(/Your access to .* has ended/).count()).toBe(0);
    expect(shop.stats().tokenRequests).toBe(beforeDrop);
    await page.unroute(`${shop.origin}/token**`);
    // the network is back: the retry renews with the refresh token that was kept, and the catalogue
    // comes by itself (nobody presses Try again)
    await expect.poll(() => loadedProductsReachable(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
    await expect.poll(() => cantReach.count()).toBe(0);
    expect(await unreachablePanel(page).count()).toBe(0);
    expect(shop.stats().tokenRequests - beforeDrop).toBe(1);
    expect(shop.stats().maxTokenRequestsPerRefreshToken).toBe(1);

    // the merchant removes the app: invalid_grant ends the session with the guide's recovery steps
    shop.revokeAll();
    shop.expireAccessTokens();
    await page.reload();
    await page.getByText(/Remove the app’s permission in FlickRocket Admin › Extensions › Manage Apps/).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-ended-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-ended-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Reconnect', exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(app.url));
    await expect.poll(() => loadedProducts(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
    expect(await page.getByText(/has ended/).count()).toBe(0);
    expect(shop.stats().maxTokenRequestsPerRefreshToken).toBe(1);
  }, 150_000);

  it('a renewal that grants less (orders taken back at the store): this tab locks Orders without asking for them, the other tab within 2 s in place, sending nothing itself', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    await connect(page);
    await page.goto(`${app.url}#/s/fr/orders`);
    await page.getByRole('button', { name: /^Grant access/ }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(app.url));
    await page.getByRole('table').waitFor();
    await openCatalogue(page);
    const other = await page.context().newPage();
    await other.goto(`${app.url}#/s/fr/orders`);
    await other.getByRole('table').waitFor();
    const otherRequests: string[] = [];
    other.on('request', (request) => void (request.url().startsWith(shop.origin) && otherRequests.push(request.url())));
    // marks the screen's heading: a screen built afresh would have another one (and lose the focus)
    await other.locator('main h1').evaluate((h1) => ((h1 as HTMLElement & { seen?: boolean }).seen = true));

    const ordersAsked: string[] = [];
    page.on('request', (request) => void (request.url().startsWith(`${shop.origin}/api/orders`) && ordersAsked.push(request.url())));

    // "Within 2 s" is timed on the browser's clocks (the machine's wall clock): from when this tab had
    // the renewal's answer (Playwright's request timing) to the other tab's Grant access, stamped by
    // that tab; not by when this process hears of them, late on a busy machine.
    await watchShown(other, 'locked', { selector: 'button', startsWith: 'Grant access' });
    const renewal = page.waitForEvent('requestfinished', (request) => request.method() === 'POST' && request.url().startsWith(`${shop.origin}/token`));

    const renewals = shop.stats().tokenRequests;
    shop.narrowGrants(['products']);
    shop.expireAccessTokens();
    // this tab opens a product with the old token: 401, renewed, and the new grant has no orders
    const first = (await cards(page).first().locator('h3').innerText()).trim();
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    await expect.poll(() => shop.stats().tokenRequests).toBe(renewals + 1);
    // its Orders, opened now, are locked without asking the store (not a refusal learnt from a 403)
    await page.evaluate(() => (location.hash = '#/s/fr/orders'));
    await page.getByRole('button', { name: /^Grant access/ }).waitFor();
    expect(ordersAsked).toEqual([]);
    expect(await page.getByRole('table').count()).toBe(0);
    // the other tab hears of the new grant (a store id on the channel) and reads it from storage
    await other.getByRole('button', { name: /^Grant access/ }).waitFor();
    const renewed = (await renewal).timing();
    expect(renewed.responseEnd, 'the browser timed the renewal').toBeGreaterThan(0);
    expect((await stampOf(other, 'locked')) - (renewed.startTime + renewed.responseEnd)).toBeLessThan(2_000);
    expect(await other.getByRole('table').count()).toBe(0);
    expect(await other.locator('main h1').evaluate((h1) => (h1 as HTMLElement & { seen?: boolean }).seen)).toBe(true);
    expect(otherRequests).toEqual([]);
    expect(shop.stats().tokenRequests).toBe(renewals + 1);
    await other.close();
  });

  it('closing the tab while a renewal spends the refresh token asks first; staying keeps the rotated token, and afterwards the tab closes without asking', async () => {
    const { shop } = await env();
    const page = await openHome();
    await connect(page);
    // FlickRocket's answer is held at the network: the store has spent the old refresh token by the
    // time it answers, and the app has not yet written the new one.
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route(`${shop.origin}/token**`, async (route) => {
      held++;
      await answered;
      await route.continue();
    });
    const renewals = shop.stats().tokenRequests;
    shop.expireAccessTokens();
    // the person opens a product (a click: the browser asks before leaving only a page someone used)
    const first = (await cards(page).first().locator('h3').innerText()).trim();
    await cards(page).first().getByRole('link').first().click();
    await expect.poll(() => held, { timeout: 15_000 }).toBe(1);

    const asked = new Promise<Dialog>((resolve) => page.once('dialog', resolve));
    const closedAtOnce = new Promise<'closed'>((resolve) => page.once('close', () => resolve('closed')));
    await page.close({ runBeforeUnload: true });
    const dialog = await Promise.race([asked, closedAtOnce]);
    if (dialog === 'closed') throw new Error('the tab closed without asking while the refresh token was being spent');
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss(); // Stay
    release();
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    expect(page.isClosed()).toBe(false);
    await expect.poll(() => shop.stats().tokenRequests).toBe(renewals + 1);
    await page.unroute(`${shop.origin}/token**`);

    // the rotated token was kept: a reload reads the store with it, no second renewal
    await page.reload();
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    expect(shop.stats().tokenRequests).toBe(renewals + 1);
    expect(shop.stats().maxTokenRequestsPerRefreshToken).toBe(1);
    // with nothing being renewed, the tab closes without a question
    await page.getByRole('heading', { name: first, level: 1 }).click();
    let askedAgain = false;
    page.on('dialog', (late) => {
      askedAgain = true;
      void late.accept();
    });
    const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(askedAgain).toBe(false);
  });
});
