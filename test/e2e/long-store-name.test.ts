import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { answerConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

/**
 * A store whose name in config.json runs to 440 characters: the stores list's card and the header's
 * store bar show at most two lines of it, cut with an ellipsis, at 360 and 1280 px; the whole name
 * stays in what a screen reader hears (the card's heading, the buttons' names) and is the store bar's
 * tooltip; the card shows it whole with the pointer on it, and from 640 px wide with the keyboard in it.
 */
const e2e = useE2e({ app: {} });

const LONG_NAME = Array.from({ length: 20 }, (_, i) => `Emporium${i} of Handmade Goods`).join(' ').slice(0, 440).trim();

/** How many lines of text the element shows (its height over its line height). */
function linesShown(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const style = getComputedStyle(node);
    return Math.round(node.getBoundingClientRect().height / parseFloat(style.lineHeight));
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

describe('a very long store name', () => {
  it.each([360, 1280])('at %i px: two lines at most on the stores list and in the store bar (whole in its tooltip), the whole name still said; the card shows it whole under the pointer and, wide, to the keyboard', async (width) => {
    expect(LONG_NAME.length).toBeGreaterThan(430);
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [{ ...e2e.env.stores[0], name: LONG_NAME }] }));
    const { page } = await e2e.open({ width, height: 800 });
    await page.goto(e2e.env.app.url);
    const heading = page.getByRole('heading', { name: LONG_NAME, level: 2, exact: true });
    await heading.waitFor();
    await shoot(page, `long-store-name-home-${width}`);
    expect(await linesShown(heading)).toBe(2);
    // Cut, not wrapped whole: the rest is there (and said), only not drawn.
    expect(await heading.evaluate((h) => h.scrollHeight > h.clientHeight)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // A sighted person can read it whole: with the pointer on the name; and from the keyboard, in
    // the card, where that leaves its Connect in view (wider screens: narrower, it stays cut).
    const whole = () => heading.evaluate((h) => h.scrollHeight <= h.clientHeight);
    await heading.hover();
    await expect.poll(whole).toBe(true);
    await shoot(page, `long-store-name-home-hover-${width}`);
    await page.mouse.move(0, 0);
    await expect.poll(whole).toBe(false);
    const connect = page.getByRole('button', { name: `Connect ${LONG_NAME}`, exact: true });
    for (let tab = 0; tab < 10 && !(await connect.evaluate((button) => button === document.activeElement)); tab++) await page.keyboard.press('Tab');
    expect(await connect.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await whole()).toBe(width >= 640);
    expect(await connect.evaluate((button) => button.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    await shoot(page, `long-store-name-home-focus-${width}`);
    // Clicked there (focused), Connect stays under the pointer between press and release: the name
    // keeps its height, and the click goes to the store's consent page.
    const top = await connect.evaluate((button) => button.getBoundingClientRect().top);
    await connect.hover();
    await page.mouse.down();
    expect(await connect.evaluate((button) => button.getBoundingClientRect().top)).toBe(top);
    await page.mouse.up();
    await answerConsent(page);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, `long-store-name-catalog-${width}`);
    const bar = page.locator('.store-bar .store-name');
    expect(await bar.textContent()).toBe(LONG_NAME);
    expect(await linesShown(bar)).toBeLessThanOrEqual(2);
    expect(await bar.getAttribute('title')).toBe(LONG_NAME);
    const signOut = page.getByRole('button', { name: `Sign out of ${LONG_NAME}`, exact: true });
    // The header keeps its height: the name no taller than the Sign out button beside it.
    const height = (element: Locator) => element.evaluate((node) => node.getBoundingClientRect().height);
    expect(await height(bar)).toBeLessThanOrEqual(await height(signOut));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});
