/**
 * The Embed screen's "Use a separate access instead", offered under a snippet that carries the
 * sign-in's own show-only token (it ends with the sign-in): it runs the same guarded start as "Get
 * show-only access", and no test pressed it. Pressed offline it stays and says why (it said nothing:
 * the words were drawn only under the other button); online it opens the store's consent page once,
 * however often it is pressed while that page comes; allowed there, the snippet is back on the Embed
 * screen with a token of its own, which a sign-out does not end. Screenshots at 360 and 1280 px.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });
const SEPARATE = 'Use a separate access instead';
const ENDS_WITH_SIGN_IN = /once you sign out of\s+Goodsie Demo Store here, pages that publish this snippet stop showing products/;

/** Screenshots at 360 and 1280 px (`name`-360/1280.png), `what` scrolled into view; back at 1280 px after. */
async function shoot(page: Page, what: Locator, name: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await what.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`) });
  }
}

/** The token in the snippet's box (never printed: compared by the caller). */
async function snippetToken(page: Page): Promise<string> {
  const snippet = await page.getByRole('textbox', { name: 'Snippet' }).inputValue();
  return /token="([^"]+)"/.exec(snippet)?.[1] ?? '';
}

describe('Use a separate access instead, on the Embed screen', () => {
  it('offline it stays and says so; online it opens the store’s page once however often pressed, and the snippet comes back with its own token', async () => {
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.env.app.url);
    // The default sign-in (storefront only): its own token is the snippet's, and the offer shows.
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    await page.getByRole('textbox', { name: 'Snippet' }).waitFor();
    await page.getByText(ENDS_WITH_SIGN_IN).waitFor();
    const own = await snippetToken(page);
    expect(own).not.toBe('');
    const separate = page.getByRole('button', { name: SEPARATE });
    await shoot(page, separate, 'embed-separate-offer');

    const authorize = `${e2e.env.store.origin}/oauth2/authorize**`;
    let opened = 0;
    // The store's page answers 204 (No Content): the browser stays on the app, as if that page were slow to come.
    await page.route(authorize, async (route) => {
      opened++;
      await route.fulfill({ status: 204 });
    });

    // Offline: the store's page would not open; the press stays here and says why, beside the button.
    await page.context().setOffline(true);
    await separate.click();
    const offline = page.getByRole('alert').filter({ hasText: 'This browser is offline, so the store’s page could not open.' });
    await offline.waitFor();
    expect(await separate.getAttribute('aria-disabled')).not.toBe('true');
    await shoot(page, offline, 'embed-separate-offline');
    expect(opened).toBe(0);
    await page.context().setOffline(false);

    // Online: the store's page is asked for, the offline words gone, the button off while it comes.
    await separate.click();
    await expect.poll(() => opened).toBe(1);
    await offline.waitFor({ state: 'detached' });
    expect(await separate.getAttribute('aria-disabled')).toBe('true');
    // Pressed again, by mouse (forced: Playwright takes aria-disabled for disabled) and by keyboard, while the page comes: no second page.
    await separate.click({ force: true });
    await separate.focus();
    await page.keyboard.press('Enter');
    await shoot(page, separate, 'embed-separate-opening');
    expect(opened).toBe(1);
    expect(await separate.getAttribute('aria-disabled')).toBe('true');
    await page.unroute(authorize);

    // The merchant comes back to the screen, presses it, and this time the store's page comes: Allow there
    // brings them back to the Embed screen.
    await page.reload();
    await separate.click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('scope')).toBe('storefront');
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: `Embed products of ${STORE_NAME}` }).waitFor();
    await page.getByRole('textbox', { name: 'Snippet' }).waitFor();
    // The snippet now carries the separate access: another token, not ended by a sign-out, no offer any more.
    await expect.poll(async () => (await snippetToken(page)) !== '' && (await snippetToken(page)) !== own).toBe(true);
    await expect.poll(() => page.getByText(ENDS_WITH_SIGN_IN).count()).toBe(0);
    expect(await separate.count()).toBe(0);
    expect(await page.getByText(/safe to publish/).innerText()).not.toContain('sign out');
    await shoot(page, page.getByRole('textbox', { name: 'Snippet' }), 'embed-separate-done');
  });
});
