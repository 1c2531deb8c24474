/**
 * Five tabs at access-token expiry, in Chromium against the demo store with single-use rotating
 * refresh tokens (security case 19; issue 10 item 4): every tab's request is refused with a 401 at
 * once, the tabs queue on the store's Web Lock, one renews, and the others reuse its token because
 * the API client names the token that was refused. With the token endpoint answering 429 once, the
 * same refresh token is simply sent again. Every tab keeps its session and browses.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { loadedProducts, waitingLine } from '../helpers/catalog-grid.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { reloadAtExpiry } from '../helpers/quiet-tabs.ts';

const CODE_STORE = `${STORE_NAME} (PKCE)`;
const TABS = 5;
const e2e = useE2e({ app: {} });


async function fiveTabs(): Promise<Page[]> {
  const { context, page } = await e2e.open();
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, CODE_STORE);
  const tabs = [page];
  for (let i = 1; i < TABS; i++) tabs.push(await context.newPage());
  for (const tab of tabs) {
    await tab.goto(`${e2e.env.app.url}#/s/demo-code`);
    await expect.poll(() => loadedProducts(tab)).toBeGreaterThan(0);
  }
  return tabs;
}

/**
 * What each tab shows (its status and alert lines, products loaded), for a failure's message. It
 * named the cause of a failure seen under load: every tab said access had ended, after an old page
 * renewed and was reloaded before storing the rotated token (the race reloadAtExpiry rules out).
 */
async function describeTabs(tabs: Page[]): Promise<string> {
  const lines = await Promise.all(
    tabs.map(async (tab, index) => {
      const shown = await tab.evaluate(() => [...document.querySelectorAll('[role="status"], [role="alert"], .loading')].map((e) => e.textContent?.trim()).filter(Boolean).join(' | '));
      return `tab ${index}: ${await loadedProducts(tab)} products loaded; shows: ${shown || '(nothing)'}`;
    }),
  );
  return `${lines.join('\n')}\nrefresh tokens presented so far: ${e2e.env.store.traffic.refreshTokensPresented().length}`;
}

/**
 * Expires the access tokens and loads every tab again at once (quiet-tabs.ts says how); returns how
 * many showed "could not be reached" (and then browsed by themselves once the renewal went through).
 */
async function reloadAllAndBrowse(tabs: Page[]): Promise<number> {
  await reloadAtExpiry(tabs, () => e2e.env.store.expireAccessTokens());
  let retried = 0;
  for (const tab of tabs) {
    // (said by the "can't reach" banner; the catalogue says only that it loads by itself)
    const unreachable = waitingLine(tab);
    await expect
      .poll(async () => (await loadedProducts(tab)) > 0 || (await unreachable.count()) > 0, { timeout: 20_000 })
      .toBe(true)
      .catch(async (error: unknown) => {
        throw new Error(`tab ${tabs.indexOf(tab)} neither browses nor says it could not reach the store:\n${await describeTabs(tabs)}`, { cause: error });
      });
    if ((await loadedProducts(tab)) === 0) {
      retried++;
      // The session is kept; once the renewal went through (the banner is gone), the tab browses by itself.
      await tab.getByRole('status').filter({ hasText: 'Can’t reach' }).waitFor({ state: 'detached', timeout: 10_000 });
      await expect.poll(() => loadedProducts(tab), { timeout: 10_000 }).toBeGreaterThan(0);
    }
  }
  for (const tab of tabs) expect(await tab.getByText(/is not connected|Your access to .* has ended/).count()).toBe(0);
  return retried;
}

describe('five tabs reloading at access-token expiry', () => {
  it('send exactly one refresh request, and every tab keeps its session', async () => {
    const tabs = await fiveTabs();
    const before = e2e.env.store.traffic.refreshTokensPresented().length;
    expect(await reloadAllAndBrowse(tabs)).toBe(0);
    expect(e2e.env.store.traffic.refreshTokensPresented().length - before).toBe(1);
  });

  it('with the token endpoint answering 429 once: the same refresh token is sent again, and every tab keeps its session', async () => {
    const tabs = await fiveTabs();
    const before = e2e.env.store.traffic.refreshTokensPresented().length;
    e2e.env.store.traffic.failTokenRequests(1, 429, 1);
    // The tab whose renewal met the 429 says the store could not be reached; the next tab in the
    // lock's queue renews with the same refresh token, and the rest reuse that.
    expect(await reloadAllAndBrowse(tabs)).toBeLessThanOrEqual(1);
    const sent = e2e.env.store.traffic.refreshTokensPresented().slice(before);
    expect(sent.length).toBe(2);
    expect(sent[0] === sent[1]).toBe(true);
  });
});
