/**
 * A phone (360 px) with two stores connected: the header keeps one row, the logo, the store switcher
 * and Sign out (they wrapped to two, Sign out alone on the second, 52 px more above the catalogue),
 * each a finger tall, nothing sideways, and the header as tall as on the stores list (so the loading
 * grid sits where the products come); a long store name in the switcher is cut, not wrapped, and
 * still said whole by Sign out's name, as is one store's long name beside Sign out (it took the row,
 * Sign out wrapped below). At 1280 px the bar is as before.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { loadedProducts } from '../helpers/catalog-grid.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: { defaultScopes: ['storefront'] } });
const FINGER = 44;

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The header's first row (logo, switcher or the store's name, Sign out): their boxes, and the row's height. */
async function headerRow(page: Page, middle = page.getByRole('banner').getByRole('combobox', { name: 'Store' })) {
  const banner = page.getByRole('banner');
  const boxes = await Promise.all(
    [banner.getByRole('link', { name: 'Storefront Connect' }), middle, banner.getByRole('button', { name: /^Sign out of / })].map(async (target) => (await target.boundingBox())!),
  );
  const [logo, store, signOut] = boxes as [(typeof boxes)[0], (typeof boxes)[0], (typeof boxes)[0]];
  const middles = boxes.map((box) => Math.round(box.y + box.height / 2));
  const tabs = (await page.getByRole('navigation', { name: 'Store', exact: true }).boundingBox())!;
  // the header's height but its tabs' row
  return { logo, store, signOut, rows: new Set(middles).size, height: (await banner.boundingBox())!.height - tabs.height };
}

/** From the stores list, both stores connected (`first`, then `second`), on the second's catalogue; `between`, on the first's. */
async function connectTwo(page: Page, first: string, second: string, between?: () => Promise<void>): Promise<void> {
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, first);
  // (the demo store's own name, whichever name config.json gives it)
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  await between?.();
  await page.getByRole('link', { name: 'Storefront Connect' }).click();
  await connectThroughConsent(page, second);
  await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
}

describe('the header on a phone with two stores', () => {
  it('one row at 360 px, each a finger tall, as tall as the stores list’s; at 1280 px as before', async () => {
    const { page } = await e2e.open({ width: 360, height: 760 });
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    const home = (await page.getByRole('banner').boundingBox())!.height;
    await connectTwo(page, STORE_NAME, `${STORE_NAME} (PKCE)`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-header-two-stores-360.png` });
    const row = await headerRow(page);
    expect(row.rows, 'logo, switcher and Sign out on one row').toBe(1);
    expect(row.height, 'the header’s row as tall as on the stores list').toBe(home);
    expect([row.store.height, row.signOut.height].every((height) => height >= FINGER)).toBe(true);
    expect(row.logo.x + row.logo.width).toBeLessThanOrEqual(row.store.x);
    expect(row.store.x + row.store.width).toBeLessThanOrEqual(row.signOut.x);
    expect(row.signOut.x + row.signOut.width).toBeLessThanOrEqual(360);
    expect(await sideways(page)).toBe(0);
    // the switcher still switches, and Sign out still signs out of the store on screen
    await page.getByRole('banner').getByRole('combobox', { name: 'Store' }).selectOption({ label: STORE_NAME });
    await page.getByRole('heading', { name: STORE_NAME, level: 1, exact: true }).waitFor();
    expect((await headerRow(page)).rows).toBe(1);

    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(async () => (await headerRow(page)).rows).toBe(1);
    const wide = await headerRow(page);
    expect([wide.store.height, wide.signOut.height, wide.height]).toEqual([36, 36, 61]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-header-two-stores-1280.png` });
  });

  it('a long store name: on one row with Sign out at 360 px and 1280 px, alone and in the switcher (cut), said whole by Sign out; nothing sideways', async () => {
    const long = Array.from({ length: 8 }, (_, i) => `Emporium${i} of Handmade Goods`).join(' ');
    const [first, second] = e2e.env.stores as [(typeof e2e.env.stores)[0], (typeof e2e.env.stores)[0]];
    const longToo = long.replace('Emporium0', 'Atelier0');
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [{ ...first, name: long }, { ...second, name: longToo }] }));
    try {
      const { page } = await e2e.open({ width: 360, height: 760 });
      // one store: its name beside Sign out (it took the row, Sign out wrapped below it)
      await connectTwo(page, long, longToo, async () => {
        const name = page.getByRole('banner').getByText(long, { exact: true });
        expect((await headerRow(page, name)).rows).toBe(1);
        await page.setViewportSize({ width: 1280, height: 800 });
        await expect.poll(async () => (await headerRow(page, name)).rows).toBe(1);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-header-one-long-name-1280.png` });
        await page.setViewportSize({ width: 360, height: 760 });
        await expect.poll(async () => (await headerRow(page, name)).rows).toBe(1);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-header-one-long-name-360.png` });
      });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-header-long-name-360.png` });
      const row = await headerRow(page);
      expect(row.rows).toBe(1);
      expect(row.signOut.x + row.signOut.width).toBeLessThanOrEqual(360);
      expect(await page.getByRole('banner').getByRole('button', { name: `Sign out of ${longToo}`, exact: true }).count()).toBe(1);
      expect(await sideways(page)).toBe(0);
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect.poll(async () => (await headerRow(page)).rows).toBe(1);
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-header-long-name-1280.png` });
    } finally {
      e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores }));
    }
  });
});
