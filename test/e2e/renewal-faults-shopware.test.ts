/**
 * Renewal failures that pass, for a seam store with a rotating refresh token (Shopware 6's
 * Administration sign-in; security case 22), in Chromium on the built app against the faithful
 * Shopware server: the shop refuses the access token before this clock says it ends (a password
 * change elsewhere, a restart), and its token endpoint answers 503, or nothing at all, for a while.
 * The refresh token is kept, "can't reach" shows for as long as the renewal cannot go through (its
 * retries try the token endpoint again, they do not just say the shop is back), and once it answers,
 * one refresh rotates the token and the catalogue comes back by itself. A password changed at the
 * shop ends the sign-in instead (its refresh tokens are dead), and signing in again carries on.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { loadedProductsReachable, productCards, unreachablePanel, waitingLine } from '../helpers/catalog-grid.ts';
import { readSealedRecord, readSessionKeys } from '../helpers/e2e-app.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { watchShown } from '../helpers/page-stamps.ts';
import { DEMO_USERS } from '../platforms/shopware/constants.ts';
import { startShopwareStore, type ShopwareStore } from '../platforms/shopware/server.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

const e2e = useE2e();
const STORE = 'Shopware Demo Shop';
const [ADMIN_USER] = DEMO_USERS as [(typeof DEMO_USERS)[0]];

async function refreshToken(page: Page): Promise<string | undefined> {
  return ((await readSealedRecord(page, 'session:sw')) as { tokens?: { refreshToken?: string } } | null)?.tokens?.refreshToken;
}

const refreshes = (shop: ShopwareStore): number => shop.stats().tokenRequests.byGrant['refresh_token'] ?? 0;

/** The app signed in to the shop with the demo Administration user, on its catalogue. */
async function signedIn(): Promise<{ page: Page; shop: ShopwareStore }> {
  const { app, store: shop } = await servePlatformApp(e2e, {
    basePath: '/shops/demo/',
    startStore: () => startShopwareStore({ port: 0 }),
    config: (shop): AppConfig & { imageOrigins: string[] } => ({
      stores: [{ id: 'sw', kind: 'shopware6', name: STORE, apiBase: shop.origin, auth: ['password'], currency: 'EUR' }],
      imageOrigins: [shop.mediaOrigin],
    }),
  });
  const { page } = await openAppHome(e2e, app);
  await page.clock.install({ time: Date.now() });
  await page.reload();
  await page.getByLabel('Username').fill(ADMIN_USER.username);
  await page.getByLabel('Password').fill(ADMIN_USER.password);
  await page.getByRole('button', { name: /with the administration sign-in$/ }).click();
  await page.getByText(/^Connected · /).waitFor();
  await page.goto(`${app.url}#/s/sw`);
  await expect.poll(() => loadedProductsReachable(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
  return { page, shop };
}

/** Holds the shop's token endpoint: `answer` says what each request gets while `down` is true. */
async function holdTokenEndpoint(page: Page, shop: ShopwareStore, answer: (route: Route) => Promise<void>): Promise<{ asked: () => number; up: () => Promise<void> }> {
  let asked = 0;
  const url = `${shop.origin}/api/oauth/token`;
  const handler = async (route: Route): Promise<void> => {
    asked++;
    await answer(route);
  };
  await page.route(url, handler);
  return { asked: () => asked, up: () => page.unroute(url, handler) };
}

const cantReach = (page: Page) => page.getByRole('status').filter({ hasText: `Can’t reach ${STORE} right now. You are still connected` });

describe('a Shopware sign-in whose renewal cannot reach the shop', () => {
  it('refused early, then 503s: the refresh token is kept, "can’t reach" stays while the retries fail, and once the shop answers one refresh rotates it and the catalogue comes back by itself', async () => {
    const { page, shop } = await signedIn();
    const before = await refreshToken(page);
    const refreshesBefore = refreshes(shop);
    const endpoint = await holdTokenEndpoint(page, shop, (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
    shop.expireAccessTokens(); // refused at the shop; by this clock it has ten minutes to go
    await page.getByRole('searchbox', { name: 'Search' }).fill('Pears');
    await cantReach(page).waitFor();
    await watchShown(page, 'reachable', { selector: '[role="status"]', startsWith: `Can’t reach ${STORE}` }, { gone: true });
    // said once, by the banner with its next step (it tries again by itself): the catalogue says only
    // that it loads by itself, with no second alert and no Try again of its own
    await waitingLine(page).waitFor();
    expect(await unreachablePanel(page).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.getByText(/Your access to .* has ended/).count()).toBe(0);
    expect(await refreshToken(page)).toBe(before);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-renewal-unreachable-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-renewal-unreachable-360.png`, fullPage: true });

    // The first retry (2 s) asks the token endpoint again, and fails: the banner has not gone, not
    // even for a moment (the retry did not take the token's time left here for the shop being back).
    await expect.poll(() => endpoint.asked(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as { __stamps?: Record<string, number> }).__stamps?.['reachable'])).toBeUndefined();
    expect(await refreshToken(page)).toBe(before);

    await endpoint.up();
    await cantReach(page).waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => waitingLine(page).count(), { timeout: 10_000 }).toBe(0);
    expect(await unreachablePanel(page).count()).toBe(0);
    await expect.poll(() => productCards(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(new URL(page.url()).hash).toContain('q=Pears');
    expect(refreshes(shop) - refreshesBefore).toBe(1);
    const after = await refreshToken(page);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  }, 90_000);

  it('a token endpoint that never answers: given up after 30 s like a lost network (the refresh token kept, "can’t reach"), then renewed once it answers', async () => {
    const { page, shop } = await signedIn();
    const before = await refreshToken(page);
    const refreshesBefore = refreshes(shop);
    const held: Route[] = [];
    const endpoint = await holdTokenEndpoint(page, shop, async (route) => void held.push(route));
    // The search's own 401, not just the first token request: a page loading ahead when the tokens
    // expire can be refused first, and the search then went out only once the clock jumped past the
    // 30 s (its debounce fired by the jump), so its renewal was a second one, held for real (CI, stop 40).
    const searchRefused = page.waitForResponse(
      (response) => response.url() === `${shop.origin}/api/search/product` && response.status() === 401 && (response.request().postData() ?? '').includes('Pears'),
      { timeout: 15_000 },
    );
    shop.expireAccessTokens();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Pears');
    await searchRefused;
    await expect.poll(() => endpoint.asked(), { timeout: 10_000 }).toBe(1);
    // Still waiting for the shop: the catalogue says it is loading, nothing is said ended.
    expect(await cantReach(page).count()).toBe(0);
    await page.clock.fastForward(31_000);
    await cantReach(page).waitFor();
    await waitingLine(page).waitFor();
    expect(await unreachablePanel(page).count()).toBe(0);
    expect(await refreshToken(page)).toBe(before);
    expect(refreshes(shop)).toBe(refreshesBefore);

    await endpoint.up();
    for (const route of held) await route.abort().catch(() => undefined);
    await page.clock.fastForward(2_500); // the first retry
    await cantReach(page).waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => productCards(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(refreshes(shop) - refreshesBefore).toBe(1);
    expect(await refreshToken(page)).not.toBe(before);
  }, 90_000);

  it('the password changed at the shop (its refresh tokens revoked): access ends with the banner, nothing is kept, and signing in again there carries on with the search', async () => {
    const { page, shop } = await signedIn();
    // A new password that ends in a space: part of it, sent as typed (it was trimmed, and refused).
    shop.changePassword(ADMIN_USER.username, 'a new password 1 ');
    shop.expireAccessTokens();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Pears');
    // A sign-in's password is never kept, so the banner does not speak of saved credentials.
    const banner = page.getByRole('alert').filter({ hasText: `${STORE} ended this app’s sign-in` });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('the password was never kept here. Enter the username and password again to carry on right here');
    expect(await banner.textContent()).not.toMatch(/saved/);
    // Forget stays in the header while the banner asks to sign in again (as for a refused key: a person
    // who wants no more of this store closes it there), its question saying the sign-in ended.
    const forget = page.getByRole('banner').getByRole('button', { name: `Forget sign-in for ${STORE}`, exact: true });
    await forget.click();
    const question = page.getByRole('alertdialog', { name: `Forget the sign-in for ${STORE}?` });
    expect(await question.textContent()).toContain(`${STORE} ended this app’s sign-in, and this browser keeps nothing of it.`);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    // The catalogue points at the banner's form and its button by name (not a Reconnect that is not there).
    await page.getByText('Connect again with the form above to carry on.').waitFor();
    expect(await page.getByRole('button', { name: /^Connect again/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
    expect(await cantReach(page).count()).toBe(0);
    expect(await readSessionKeys(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-password-changed-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Username').fill(ADMIN_USER.username);
    await page.getByLabel('Password').fill('a new password 1 ');
    await page.getByRole('button', { name: /with the administration sign-in$/ }).click();
    await expect.poll(() => productCards(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(new URL(page.url()).hash).toContain('q=Pears');
    expect(await refreshToken(page)).toBeDefined();
    await forget.waitFor(); // signed in again: there is a sign-in to forget
  }, 90_000);
});
