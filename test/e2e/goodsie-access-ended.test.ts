/**
 * A Goodsie store that ends this app's access (its tokens revoked: the renewal is answered
 * invalid_grant), in Chromium on the built app: in the tab, the banner says so and the header offers
 * no Sign out (nothing is left to sign out of), nor does the store's card on the stores list; after a reload, the stores list and the store's screen
 * say the store ended it and when, not only "Not connected", from a marker that holds no token; a
 * new sign-in clears it. With a second tab open on the store: that tab says the access ended too
 * (not a bare "Not connected" under a Sign out), and once the first tab connects again its catalogue
 * loads by itself.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { loadedProducts } from '../helpers/catalog-grid.ts';
import { STORE_NAME, answerConsent, connectThroughConsent, readAllIndexedDb, readOtherStorage, readSealedRecord, readVaultKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const CODE_STORE = `${STORE_NAME} (PKCE)`;
const e2e = useE2e();

const WHEN = String.raw`\w{3} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M`;
const statusOf = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, level: 2, exact: true }) }).locator('p.status');
const demoCodeKeys = async (page: Page) => (await readVaultKeys(page)).filter((key) => key.endsWith(':demo-code'));

/** At 360 and 1280 px wide; the whole page, or (a catalogue) the part first in view. */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${width}.png`, fullPage });
  }
}

describe('a Goodsie store that ended this app’s access', () => {
  it('a renewal answered invalid_grant: no Sign out in the header; after a reload the list and the store’s screen say the store ended it and when, with no token kept; a new sign-in clears it', async () => {
    const env = await e2e.startApp();
    const { page } = await e2e.open();
    await page.goto(env.app.url);
    await connectThroughConsent(page, CODE_STORE);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page), { timeout: 20_000 }).toBeGreaterThan(0);
    const signOut = page.getByRole('banner').getByRole('button', { name: `Sign out of ${CODE_STORE}`, exact: true });
    expect(await signOut.count()).toBe(1);
    const { session } = (await readSealedRecord(page, 'session:demo-code')) as { session: { tokens: { accessToken: string; refreshToken: string } } };
    const tokens = [session.tokens.accessToken, session.tokens.refreshToken];

    // The store revokes the grant: the next request's 401 asks for a renewal, answered invalid_grant.
    env.store.revokeAllTokens();
    const tokenRequests = env.store.stats().tokenRequests;
    await page.getByRole('searchbox', { name: 'Search' }).fill('mug');
    await page.getByRole('alert').filter({ hasText: `Your access to ${CODE_STORE} has ended` }).waitFor();
    expect(env.store.stats().tokenRequests).toBe(tokenRequests + 1); // the renewal, refused
    // Nothing left to sign out of here: the banner's Reconnect is the one thing offered.
    expect(await signOut.count()).toBe(0);
    expect(await page.getByRole('banner').getByRole('button').count()).toBe(0);
    await shoot(page, 'goodsie-access-ended-in-tab', false);
    // The stores list in the same tab: the card offers Browse (to connect again), and no Sign out either.
    await page.evaluate(() => void (location.hash = '#/'));
    await statusOf(page, CODE_STORE).filter({ hasText: /^Access ended · Browse to connect again$/ }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: CODE_STORE, level: 2, exact: true }) });
    expect(await card.getByRole('link', { name: `Browse ${CODE_STORE}` }).count()).toBe(1);
    expect(await card.getByRole('button').count()).toBe(0);
    await shoot(page, 'goodsie-access-ended-in-tab-list');

    // A reload: the stores list says the store ended the access, and when; the other store as it was.
    await page.goto(env.app.url);
    await page.reload();
    await statusOf(page, CODE_STORE).filter({ hasText: new RegExp(`^Access ended by the store on ${WHEN} · Connect to allow it again$`) }).waitFor();
    await statusOf(page, STORE_NAME).filter({ hasText: /^Not connected · asks you to allow/ }).waitFor();
    // IndexedDB: no session, only the marker of why and when; no token anywhere.
    expect(await demoCodeKeys(page)).toEqual(['ended:demo-code']);
    const marker = await readSealedRecord(page, 'ended:demo-code');
    expect(marker).toEqual({ v: 1, at: expect.any(Number), reason: 'refused' });
    expect(Math.abs((marker as { at: number }).at - Date.now())).toBeLessThan(120_000);
    const stored = (await readAllIndexedDb(page)) + (await readOtherStorage(page)) + JSON.stringify(marker);
    for (const token of tokens) expect(stored.includes(token)).toBe(false);
    await shoot(page, 'goodsie-access-ended-list');

    // The store's screen: who ended it and when, and Connect.
    await page.goto(`${env.app.url}#/s/demo-code`);
    await page.getByRole('heading', { name: `${CODE_STORE} is not connected`, level: 1 }).waitFor();
    await page.getByText(new RegExp(`^${STORE_NAME} \\(PKCE\\) stopped accepting this app’s access on ${WHEN}\\. Connect to allow it again\\.$`)).waitFor();
    await shoot(page, 'goodsie-access-ended-screen');

    // Connected again from there: the marker is gone, and the list says Connected after a reload.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: `Connect ${CODE_STORE}` }).click();
    await answerConsent(page, 'Allow');
    await expect.poll(() => loadedProducts(page), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => demoCodeKeys(page)).toEqual(['session:demo-code']);
    await signOut.waitFor();
    await page.goto(env.app.url);
    await page.reload();
    await statusOf(page, CODE_STORE).filter({ hasText: /^Connected/ }).waitFor();
  }, 90_000);

  it('ended in one of two tabs: the other says so at its next read (the banner, no Sign out), and once the first connects again its catalogue loads by itself', async () => {
    const env = await e2e.startApp();
    const { page: first, context } = await e2e.open();
    await first.goto(env.app.url);
    await connectThroughConsent(first, CODE_STORE);
    await expect.poll(() => loadedProducts(first), { timeout: 20_000 }).toBeGreaterThan(0);
    const second = await context.newPage();
    await second.goto(`${env.app.url}#/s/demo-code`);
    await expect.poll(() => loadedProducts(second), { timeout: 20_000 }).toBeGreaterThan(0);

    // The store revokes the grant; the first tab's renewal is answered invalid_grant.
    env.store.revokeAllTokens();
    await first.getByRole('searchbox', { name: 'Search' }).fill('mug');
    const ended = (page: Page) => page.getByRole('alert').filter({ hasText: `Your access to ${CODE_STORE} has ended` });
    await ended(first).waitFor();
    const tokenRequests = env.store.stats().tokenRequests;

    // The second tab's next read finds no session: it says the access ended, as the first does, and
    // offers no Sign out (it showed "Not connected" under the header's Sign out of the store).
    await second.getByRole('searchbox', { name: 'Search' }).fill('candle');
    await ended(second).waitFor();
    expect(await second.getByRole('banner').getByRole('button', { name: `Sign out of ${CODE_STORE}`, exact: true }).count()).toBe(0);
    expect(await second.getByText('Not connected', { exact: true }).count()).toBe(0);
    expect(env.store.stats().tokenRequests).toBe(tokenRequests); // the dead refresh token not sent again
    await shoot(second, 'goodsie-access-ended-other-tab', false);

    // Connected again in the first tab: the second's catalogue loads by itself, its search kept
    // (it stayed on "Not connected" until something was typed).
    await first.getByRole('button', { name: 'Reconnect' }).click();
    await answerConsent(first, 'Allow');
    await expect.poll(() => loadedProducts(first), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => loadedProducts(second), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await ended(second).count()).toBe(0);
    expect(await second.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('candle');
    await second.getByRole('banner').getByRole('button', { name: `Sign out of ${CODE_STORE}`, exact: true }).waitFor();
  }, 90_000);
});
