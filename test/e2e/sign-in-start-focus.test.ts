/**
 * Buttons that start a sign-in (they leave for the store's page) keep the keyboard's focus when the
 * store's page does not come and the person stays: the reconnect banner's Reconnect and the Embed
 * screen's "Get show-only access", in Chromium against the demo store. Disabled while the store's
 * page opened, each dropped the focus to the page, where it stayed.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { join } from 'node:path';
import { STORE_NAME, connectThroughConsent, grantFromOrders } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

/** What has the focus: its tag and text, or 'body'. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? 'body' : `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim()}`;
  });

/**
 * Presses `button` from the keyboard, the store's consent page answered 204 (No Content): the
 * browser stays on the app, the sign-in gone nowhere. The focus is still on the button, off (its
 * sign-in under way as far as the app knows); pressed again, it asks for no second page.
 * Screenshots of it (`name`-360/1280).
 */
async function pressGoingNowhere(page: Page, button: Locator, words: string, name: string): Promise<void> {
  const authorize = `${e2e.env.store.origin}/oauth2/authorize**`;
  let opened = 0;
  await page.route(authorize, async (route) => {
    opened++;
    await route.fulfill({ status: 204 });
  });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => opened).toBe(1);
  await expect.poll(() => focused(page)).toBe(`button: ${words}`);
  expect(await button.getAttribute('aria-disabled')).toBe('true');
  await page.keyboard.press('Enter');
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await button.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`) });
  }
  expect(await button.getAttribute('aria-disabled')).toBe('true');
  expect(opened).toBe(1);
  await page.unroute(authorize);
}

describe('a button that starts a sign-in keeps the focus', () => {
  it('Reconnect in the access-ended banner, the store’s page not coming', async () => {
    const { page } = await e2e.open();
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    e2e.env.store.revokeAllTokens();
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('price');
    const banner = page.getByRole('alert').filter({ hasText: `Your access to ${STORE_NAME} has ended` });
    await banner.waitFor();
    await pressGoingNowhere(page, banner.getByRole('button', { name: 'Reconnect' }), 'Reconnect', 'reconnect-opening');
  });

  it('Get show-only access on the Embed screen, the store’s page not coming', async () => {
    const { page } = await e2e.open();
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    // A sign-in that may manage the store: the snippet needs an access of its own.
    await grantFromOrders(page);
    await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
    const get = page.getByRole('button', { name: 'Get show-only access' });
    await get.waitFor();
    await pressGoingNowhere(page, get, 'Get show-only access', 'embed-access-opening');
  });
});
